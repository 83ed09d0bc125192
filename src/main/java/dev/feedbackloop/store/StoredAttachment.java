package dev.feedbackloop.store;

import dev.feedbackloop.model.TestId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A run's reference to a screenshot or trace kept for one attempt of one of its failing tests: enough for a reader
 * (the dashboard) to list a test's evidence and fetch it by content hash, without the bytes.
 *
 * @param test        the test's id in the run's project
 * @param testName    the test's name as the report gives it (redacted), for a reader that shows the list
 * @param attempt     the attempt's index (0 for the first run)
 * @param name        the attachment's name ({@code screenshot}, {@code trace})
 * @param contentType its media type, as its first bytes show ({@code image/png}, {@code application/zip})
 * @param bytes       its size
 * @param sha256      its SHA-256 (64 lower-case hex digits): the content's key in the {@link AttachmentStore}
 */
public record StoredAttachment(TestId test, String testName, int attempt, String name, String contentType,
                               long bytes, String sha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public StoredAttachment {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        if (attempt < 0 || bytes < 1) {
            throw new IllegalArgumentException("attachment " + name + ": attempt must be 0 or more and bytes 1 or"
                    + " more, were " + attempt + " and " + bytes);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("attachment " + name + ": sha256 must be 64 lower-case hex digits,"
                    + " was '" + sha256 + "'");
        }
    }
}
