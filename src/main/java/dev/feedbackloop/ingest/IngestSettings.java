package dev.feedbackloop.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the ingest endpoint.
 *
 * @param maxBodyBytes     largest request body accepted, in bytes ({@code feedback.ingest.max-body-bytes}); a Lambda
 *                         Function URL accepts 6 MB, and a base64-encoded body arrives a third larger
 * @param maxInflatedBytes largest size a gzip body may inflate to while it is validated, in bytes: a guard against
 *                         compression bombs that would outlast the function's timeout
 * @param maxUploadBytes   largest report accepted through a pre-signed S3 upload, in bytes (S3 takes at most 5 GiB
 *                         in one PUT)
 * @param uploadUrlTtl     how long a pre-signed upload URL stays valid
 */
public record IngestSettings(long maxBodyBytes, long maxInflatedBytes, long maxUploadBytes, Duration uploadUrlTtl) {

    /** What a Function URL accepts: 6 MB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 6L * 1024 * 1024;
    /** 512 MiB: generous for a test report, parsed in well under the function's 30 s. */
    public static final long DEFAULT_MAX_INFLATED_BYTES = 512L * 1024 * 1024;
    /** S3's limit for one PUT. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 5L * 1024 * 1024 * 1024;
    /** Long enough for a slow CI runner to upload a large report, short enough not to linger. */
    public static final Duration DEFAULT_UPLOAD_URL_TTL = Duration.ofMinutes(15);

    public IngestSettings {
        if (maxBodyBytes < 1 || maxInflatedBytes < 1 || maxUploadBytes < 1) {
            throw new IllegalArgumentException("ingest limits must be positive, were " + maxBodyBytes + " body, "
                    + maxInflatedBytes + " inflated and " + maxUploadBytes + " upload bytes");
        }
        Objects.requireNonNull(uploadUrlTtl, "uploadUrlTtl");
        if (uploadUrlTtl.isNegative() || uploadUrlTtl.isZero() || uploadUrlTtl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("upload URL lifetime must be within 1 s..7 days (S3's limit), was "
                    + uploadUrlTtl);
        }
    }

    /** The defaults, with the given body limit. */
    public static IngestSettings withMaxBody(long maxBodyBytes) {
        return new IngestSettings(maxBodyBytes, DEFAULT_MAX_INFLATED_BYTES, DEFAULT_MAX_UPLOAD_BYTES,
                DEFAULT_UPLOAD_URL_TTL);
    }
}
