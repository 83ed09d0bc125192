package dev.feedbackloop.regenerate;

import dev.feedbackloop.text.Sha256;
import java.util.Objects;

/**
 * The source file of a failing test, as a model may see it: redacted, and whole (a file too large to send whole is
 * not a {@code TestSource}: a model cannot rewrite a file it saw only part of).
 *
 * @param path    the file as the report names it, relative to the source root ({@code tests/checkout.spec.ts})
 * @param content the whole file, redacted
 * @param sha256  hex SHA-256 of {@code content}: the source version a model answer is kept for
 */
public record TestSource(String path, String content, String sha256) {

    /** Largest file given to a model: 48,000 characters (about 16,000 tokens of code). */
    public static final int MAX_CHARS = 48_000;

    public TestSource {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a test source needs the path of its file");
        }
        Objects.requireNonNull(content, "content");
        if (content.length() > MAX_CHARS) {
            throw new IllegalArgumentException(path + " has " + content.length() + " characters, more than the "
                    + MAX_CHARS + " a model is given");
        }
        Objects.requireNonNull(sha256, "sha256");
    }

    /** A source of already redacted {@code content}, its hash computed. */
    public static TestSource of(String path, String redactedContent) {
        return new TestSource(path, redactedContent, Sha256.hex(redactedContent));
    }
}
