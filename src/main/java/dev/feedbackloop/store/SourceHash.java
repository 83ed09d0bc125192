package dev.feedbackloop.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The content hash of a test file a run's report names, shipped from CI without the file ({@code feedback upload}):
 * what shows, on AWS, that a test's source changed between runs, for passing tests too (only failing tests ship their
 * whole source). The hash is the one a {@link ShippedSource} and a checkout's {@code regenerate.TestSource} carry:
 * hex SHA-256 of the file's redacted content in UTF-8, so a hash shipped from CI and one computed from a checkout
 * compare equal.
 *
 * @param file   the file as the report names it: what a stored result's file is looked up by
 * @param path   the file relative to the source root it was read from
 * @param sha256 64 lower-case hex digits
 */
public record SourceHash(String file, String path, String sha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public SourceHash {
        // the same rules as a shipped source's names (relative path, no '..', bounded, no NUL)
        ShippedSource.requireNames(file, path);
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of " + path + " must be 64 lower-case hex digits, was '"
                    + sha256 + "'");
        }
    }

    /** The hash of a source already shipped whole. */
    public static SourceHash of(ShippedSource source) {
        Objects.requireNonNull(source, "source");
        return new SourceHash(source.file(), source.path(), source.sha256());
    }
}
