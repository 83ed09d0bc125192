package dev.feedbackloop.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /attachments}: what {@code feedback upload --attachments} offers to store of a run's
 * failing tests' screenshots and traces, described, not carried: {@code {"attachments":[{"suite","name","file",
 * "attempt","attachment","contentType","bytes","sha256"}]}} (the test as the report names it, the attempt's index,
 * the attachment's name, the media type its first bytes show, its size and its SHA-256). Ingest answers with a
 * pre-signed PUT for each content it does not hold yet; the bytes go straight to S3, never through the function (a
 * Function URL takes 6 MB, a run's screenshots may be 50 MiB). Both ends use this class, so the format and its caps
 * cannot drift apart. Jackson's tree model, no reflection.
 *
 * <p>Caps, per request (one report's attachments): at most {@link #MAX_FILES} files, each at most
 * {@link #MAX_FILE_BYTES} bytes, together at most {@link #MAX_TOTAL_BYTES}; only {@link #CONTENT_TYPES}. The
 * uploader skips what is over a cap, saying so; ingest refuses a body over one whole.
 */
public final class AttachmentBundle {

    /** Most attachments of one report: 50, as many as page snapshots (one or two per failing test). */
    public static final int MAX_FILES = 50;
    /** Largest attachment: 5 MiB (a full-page screenshot is well under; a trace of a long test may not be). */
    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    /** Most bytes of one report's attachments together: 50 MiB. */
    public static final long MAX_TOTAL_BYTES = 50L * 1024 * 1024;

    /** PNG, JPEG and WebP screenshots. */
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String WEBP = "image/webp";
    /** A Playwright trace: a zip archive. */
    public static final String ZIP = "application/zip";
    public static final Set<String> CONTENT_TYPES = Set.of(PNG, JPEG, WEBP, ZIP);

    private static final int MAX_TEXT = 2_000;
    /** Highest attempt index accepted: far above any retry count. */
    private static final int MAX_ATTEMPT = 1_000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One attachment of one attempt of a failing test.
     *
     * @param suite       the test's suite as the report names it, may be empty
     * @param name        the test's name
     * @param file        the test's file as the report names it, when it does
     * @param attempt     the attempt's index (0 for the first run, 1 for the first retry, ...)
     * @param attachment  the attachment's name ({@code screenshot}, {@code trace})
     * @param contentType one of {@link #CONTENT_TYPES}, as the content's first bytes show
     * @param bytes       its size, 1..{@link #MAX_FILE_BYTES}
     * @param sha256      its SHA-256, 64 lower-case hex digits: the key it is stored under
     */
    public record Item(String suite, String name, Optional<String> file, int attempt, String attachment,
                       String contentType, long bytes, String sha256) {
        public Item {
            suite = suite == null ? "" : suite;
            requireText("name", name);
            requireText("attachment", attachment);
            Objects.requireNonNull(file, "file");
            if (suite.length() > MAX_TEXT || file.map(String::length).orElse(0) > MAX_TEXT) {
                throw new IllegalArgumentException("suite and file must be at most " + MAX_TEXT + " characters");
            }
            if (attempt < 0) {
                throw new IllegalArgumentException("attempt must be 0 or more, was " + attempt);
            }
            if (!CONTENT_TYPES.contains(contentType)) {
                throw new IllegalArgumentException("contentType must be one of " + CONTENT_TYPES.stream().sorted()
                        .toList() + ", was '" + contentType + "'");
            }
            if (bytes < 1 || bytes > MAX_FILE_BYTES) {
                throw new TooLargeException("attachment " + attachment + " of " + name + " is " + bytes
                        + " bytes, outside 1.." + MAX_FILE_BYTES);
            }
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
            }
        }

        /** The id of the attachment's test in {@code project}, as the run's stored result has it. */
        public TestId testId(String project) {
            return new TestCase(suite, name, file, OptionalInt.empty(), List.of(), Map.of()).id(project);
        }

        private static void requireText(String field, String value) {
            if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
                throw new IllegalArgumentException(field + " must be 1.." + MAX_TEXT + " characters, was '" + value
                        + "'");
            }
        }
    }

    /** A body over one of the caps. */
    public static final class TooLargeException extends IllegalArgumentException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private AttachmentBundle() {
    }

    /** The body for {@code items}, which must be within the caps. */
    public static byte[] write(List<Item> items) {
        check(items);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("attachments");
        for (Item item : items) {
            ObjectNode node = list.addObject().put("suite", item.suite()).put("name", item.name());
            item.file().ifPresent(f -> node.put("file", f));
            node.put("attempt", item.attempt()).put("attachment", item.attachment())
                    .put("contentType", item.contentType()).put("bytes", item.bytes()).put("sha256", item.sha256());
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a body, redacting every test name, file and attachment name with {@code redactor} (whatever the sender
     * did; the contents are binary and stored as they are).
     *
     * @throws IllegalArgumentException naming what is wrong and where ({@code $.attachments[2]: ...}); a
     *                                  {@link TooLargeException} for a body over a cap
     */
    public static List<Item> read(byte[] body, Redactor redactor) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attachments are not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        if (node == null || !node.path("attachments").isArray()) {
            throw new IllegalArgumentException("attachments must be a JSON object {\"attachments\":[{\"suite\","
                    + "\"name\",\"file\",\"attempt\",\"attachment\",\"contentType\",\"bytes\",\"sha256\"}]}");
        }
        JsonNode list = node.path("attachments");
        if (list.size() > MAX_FILES) {
            throw new TooLargeException("$.attachments has " + list.size() + " files, more than the " + MAX_FILES
                    + " accepted for a report");
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            try {
                JsonNode file = item.path("file");
                items.add(new Item(redactor.redact(item.path("suite").asText("")), redactor.redact(text(item, "name")),
                        file.isTextual() ? Optional.of(redactor.redact(file.asText())) : Optional.empty(),
                        whole(item, "attempt", MAX_ATTEMPT), redactor.redact(text(item, "attachment")), text(item, "contentType"),
                        whole(item, "bytes"), text(item, "sha256")));
            } catch (TooLargeException e) {
                throw new TooLargeException("$.attachments[" + i + "]: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("$.attachments[" + i + "]: " + e.getMessage(), e);
            }
        }
        check(items);
        return List.copyOf(items);
    }

    private static void check(List<Item> items) {
        if (items.size() > MAX_FILES) {
            throw new TooLargeException(items.size() + " attachments, more than the " + MAX_FILES
                    + " accepted for a report");
        }
        long total = items.stream().mapToLong(Item::bytes).sum();
        if (total > MAX_TOTAL_BYTES) {
            throw new TooLargeException("attachments of " + total + " bytes together, more than the "
                    + MAX_TOTAL_BYTES + " accepted for a report");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText();
    }

    private static long whole(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return value.asLong();
    }

    private static int whole(JsonNode node, String field, int max) {
        long value = whole(node, field);
        if (value > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + ", was " + value);
        }
        return (int) value;
    }
}
