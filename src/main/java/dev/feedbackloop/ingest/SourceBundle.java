package dev.feedbackloop.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.store.ShippedSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /sources}: the source files of a run's failing tests, as {@code feedback upload} ships them
 * after the run's report, {@code {"sources":[{"file","path","content"}]}} in UTF-8 JSON ({@code file} as the report
 * names it, {@code path} relative to the source root, {@code content} the whole file). Both ends use this class, so
 * the format and its limits cannot drift apart. Jackson's tree model, no reflection.
 *
 * <p>Limits, per request (one run's sources): at most {@link #MAX_FILES} files, each at most
 * {@link ShippedSource#MAX_CHARS} characters (a model is only shown a whole file), together at most
 * {@link #MAX_TOTAL_CHARS} characters. A bundle over a limit, with a path that is absolute or climbs out with
 * {@code ..}, or naming one file twice, is refused whole: nothing of it is kept.
 */
public final class SourceBundle {

    /** Most files in one run's bundle: a run's failing tests rarely span more files, and each is one model call. */
    public static final int MAX_FILES = 50;
    /** Most characters of all files of one bundle together: 1,000,000 (well within a Function URL's 6 MB). */
    public static final int MAX_TOTAL_CHARS = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceBundle() {
    }

    /** A bundle over one of the limits. */
    public static final class TooLargeException extends IllegalArgumentException {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** The body for {@code sources}, which must be within the limits. */
    public static byte[] write(List<ShippedSource> sources) {
        check(sources);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode files = body.putArray("sources");
        sources.forEach(s -> files.addObject().put("file", s.file()).put("path", s.path()).put("content",
                s.content()));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a body, redacting every file name and content with {@code redactor} (whatever the sender did).
     *
     * @throws IllegalArgumentException naming what is wrong and where ({@code $.sources[2].path: ...})
     */
    public static List<ShippedSource> read(byte[] body, Redactor redactor) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sources are not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        if (node == null || !node.path("sources").isArray()) {
            throw new IllegalArgumentException("sources must be a JSON object {\"sources\":[{\"file\",\"path\","
                    + "\"content\"}]}");
        }
        List<ShippedSource> sources = new ArrayList<>();
        JsonNode files = node.path("sources");
        if (files.size() > MAX_FILES) {
            throw new TooLargeException("$.sources has " + files.size() + " files, more than the " + MAX_FILES
                    + " accepted for a run");
        }
        for (int i = 0; i < files.size(); i++) {
            JsonNode file = files.get(i);
            String where = "$.sources[" + i + "]";
            try {
                String content = redactor.redact(text(file, "content"));
                if (content.length() > ShippedSource.MAX_CHARS) {
                    throw new TooLargeException(where + ": " + content.length() + " characters, more than the "
                            + ShippedSource.MAX_CHARS + " kept of one file");
                }
                sources.add(ShippedSource.of(redactor.redact(text(file, "file")), redactor.redact(text(file, "path")),
                        content));
            } catch (TooLargeException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        check(sources);
        return List.copyOf(sources);
    }

    private static void check(List<ShippedSource> sources) {
        if (sources.size() > MAX_FILES) {
            throw new TooLargeException(sources.size() + " source files, more than the " + MAX_FILES
                    + " accepted for a run");
        }
        long total = sources.stream().mapToLong(s -> s.content().length()).sum();
        if (total > MAX_TOTAL_CHARS) {
            throw new TooLargeException("source files of " + total + " characters together, more than the "
                    + MAX_TOTAL_CHARS + " accepted for a run");
        }
        Set<String> files = new HashSet<>();
        for (ShippedSource source : sources) {
            if (!files.add(source.file())) {
                throw new IllegalArgumentException("source file " + source.file() + " is named twice");
            }
        }
    }

    private static String text(JsonNode file, String field) {
        JsonNode value = file.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText();
    }
}
