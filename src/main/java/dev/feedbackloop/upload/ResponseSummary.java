package dev.feedbackloop.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line that says what an HTTP answer was, whatever came back: ingest's JSON error, a proxy's HTML error page (by
 * its title, never the page), S3's XML error, or the first line of anything else, cut short and with control
 * characters (terminal escapes included) made visible, so an answer cannot flood or repaint a CI log.
 */
public final class ResponseSummary {

    /** Longest detail kept. */
    static final int MAX_DETAIL = 160;
    /** How far into a body a title or error code is looked for. */
    private static final int SCAN = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern H1 = Pattern.compile("<h1[^>]*>(.*?)</h1>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern S3_CODE = Pattern.compile("<Code>([^<]{1,200})</Code>");
    private static final Pattern S3_MESSAGE = Pattern.compile("<Message>([^<]{1,500})</Message>");
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private ResponseSummary() {
    }

    /**
     * {@code HTTP 502 Bad Gateway: HTML page "502 Bad Gateway"}, {@code HTTP 401 Unauthorized: unauthorized:
     * signature does not match ...}, {@code HTTP 503 Service Unavailable}.
     *
     * @param contentType the answer's {@code Content-Type}, if any
     */
    public static String of(int status, Optional<String> contentType, String body) {
        String head = "HTTP " + status + Optional.ofNullable(REASONS.get(status)).map(r -> " " + r).orElse("");
        return detail(contentType, body).map(d -> head + ": " + d).orElse(head);
    }

    /** What the body says, in one short line; empty for a blank body. */
    static Optional<String> detail(Optional<String> contentType, String body) {
        String text = body.length() > SCAN ? body.substring(0, SCAN) : body;
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return Optional.empty();
        }
        String type = contentType.orElse("").toLowerCase(Locale.ROOT);
        String start = stripped.substring(0, Math.min(64, stripped.length())).toLowerCase(Locale.ROOT);
        if (type.contains("html") || start.startsWith("<!doctype html") || start.startsWith("<html")) {
            return Optional.of(html(text));
        }
        if (stripped.startsWith("{")) {
            Optional<String> json = json(stripped);
            if (json.isPresent()) {
                return json;
            }
        }
        Matcher code = S3_CODE.matcher(text);
        if (code.find()) {
            Matcher message = S3_MESSAGE.matcher(text);
            return Optional.of(oneLine(code.group(1) + (message.find() ? ": " + message.group(1) : "")));
        }
        return Optional.of(oneLine(stripped.lines().findFirst().orElse("")));
    }

    private static String html(String text) {
        Matcher title = TITLE.matcher(text);
        Matcher h1 = H1.matcher(text);
        String name = title.find() ? title.group(1) : h1.find() ? h1.group(1) : "";
        name = oneLine(TAG.matcher(name).replaceAll(" "));
        return name.isEmpty() ? "an HTML page (no title)" : "HTML page \"" + name + "\"";
    }

    /** Ingest's {@code {"error","message"}}, or the {@code message}/{@code Message} of another service. */
    private static Optional<String> json(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        String error = node.path("error").asText("");
        String message = node.has("message") ? node.path("message").asText("") : node.path("Message").asText("");
        String line = error.isEmpty() ? message : message.isEmpty() ? error : error + ": " + message;
        return line.isBlank() ? Optional.of(oneLine(text)) : Optional.of(oneLine(line));
    }

    /** Whitespace runs as one space, control characters as {@code ?}, at most {@value #MAX_DETAIL} characters. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DETAIL + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() <= MAX_DETAIL; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            boolean invisible = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
            out.append(invisible ? '?' : c);
        }
        return out.length() > MAX_DETAIL ? out.substring(0, MAX_DETAIL - 1) + "…" : out.toString();
    }
}
