package dev.feedbackloop.classify;

import java.util.Objects;
import java.util.Optional;

/**
 * A stored raw report to classify, as an S3 notification names it.
 *
 * @param key     the object key in the reports store ({@code <prefix><project>/<sha256>[.gz]})
 * @param version the object's version tag (S3 ETag), if known: tells apart two contents stored under a key that is
 *                not a content hash (a report uploaded by hand)
 */
public record ReportRef(String key, Optional<String> version) {

    public ReportRef {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a report reference needs a key");
        }
        version = Objects.requireNonNull(version, "version").filter(v -> !v.isBlank());
    }

    /** A reference by key alone. */
    public static ReportRef of(String key) {
        return new ReportRef(key, Optional.empty());
    }
}
