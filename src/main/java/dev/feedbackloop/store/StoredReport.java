package dev.feedbackloop.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A raw report as stored.
 *
 * @param key       object key: {@code <prefix><project>/<run>/<sha256>} ({@link RawReportKey}), plus {@code .gz}
 *                  when gzip-compressed
 * @param sha256    64 lower-case hex digits of the content's SHA-256 (of the bytes as stored, compressed or not)
 * @param sizeBytes size of the stored bytes
 * @param gzip      whether the content is gzip-compressed
 * @param created   false when the same content was already stored for the same run and attempt (its metadata is
 *                  then the first delivery's)
 * @param metadata  the run it belongs to
 */
public record StoredReport(String key, String sha256, long sizeBytes, boolean gzip, boolean created,
                           ReportMetadata metadata) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public StoredReport {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a stored report needs a key");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of " + key + " must be 64 lower-case hex digits, was '"
                    + sha256 + "'");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size of " + key + " must be >= 0, was " + sizeBytes);
        }
        Objects.requireNonNull(metadata, "metadata");
    }
}
