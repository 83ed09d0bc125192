package dev.feedbackloop.store;

import dev.feedbackloop.model.TestId;
import dev.feedbackloop.text.Sha256;
import java.util.Objects;

/**
 * The source file of a failing test, shipped from CI beside its report ({@code feedback upload}) and kept with the
 * run, redacted, so that the {@code regenerate} function can show it to a model.
 *
 * @param file    the file as the report names it ({@code /home/runner/work/shop/shop/tests/a.spec.ts} or
 *                {@code tests/a.spec.ts}): what a stored result's file is looked up by
 * @param path    the file relative to the source root it was read from ({@code tests/a.spec.ts}): the path a fix is for
 * @param content the whole file, redacted, at most {@link #MAX_CHARS} characters
 * @param sha256  hex SHA-256 of {@code content} in UTF-8: where the content is kept, and its version
 */
public record ShippedSource(String file, String path, String content, String sha256) {

    /** Largest file kept: 48,000 characters, the most a model is shown whole (regenerate.TestSource). */
    public static final int MAX_CHARS = 48_000;
    /** Longest file name or path: 1,024 characters. */
    public static final int MAX_PATH = 1_024;
    private static final String PAGE_SNAPSHOT_PREFIX = "page-snapshot:";

    public ShippedSource {
        requireNames(file, path);
        Objects.requireNonNull(content, "content");
        if (content.length() > MAX_CHARS) {
            throw new IllegalArgumentException(path + " has " + content.length() + " characters, more than the "
                    + MAX_CHARS + " kept");
        }
        if (sha256 == null || !sha256.equals(Sha256.hex(content))) {
            throw new IllegalArgumentException("sha256 of " + path + " is not the hash of its content: " + sha256);
        }
    }

    /**
     * The name a run's page snapshot of {@code test} is kept under beside its sources
     * ({@code page-snapshot:<test id>}): a run ships at most one per failing test, and regenerate finds it by the
     * test it works on. No report names a source file like this.
     */
    public static String pageSnapshotFile(TestId test) {
        return PAGE_SNAPSHOT_PREFIX + test.value();
    }

    /** A source of already redacted {@code content}, its hash computed. */
    public static ShippedSource of(String file, String path, String redactedContent) {
        return new ShippedSource(file, path, redactedContent, Sha256.hex(redactedContent));
    }

    /** Checks a shipped file's names: both bounded, without NUL; {@code path} relative, without {@code ..}. */
    static void requireNames(String file, String path) {
        requirePath(file, "file");
        requirePath(path, "path");
        String normal = path.replace('\\', '/');
        if (normal.startsWith("/") || normal.matches("^[A-Za-z]:.*") || ("/" + normal + "/").contains("/../")) {
            throw new IllegalArgumentException("a shipped source's path must be relative, without '..', was '"
                    + path + "'");
        }
    }

    private static void requirePath(String value, String field) {
        if (value == null || value.isBlank() || value.length() > MAX_PATH || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shipped source's " + field + " must be 1.." + MAX_PATH
                    + " characters without NUL, was '" + value + "'");
        }
    }
}
