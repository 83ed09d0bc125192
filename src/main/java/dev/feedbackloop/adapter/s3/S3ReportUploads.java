package dev.feedbackloop.adapter.s3;

import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.ReportUploads;
import dev.feedbackloop.store.StoreException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * {@link ReportUploads} on S3: a pre-signed PutObject URL for exactly one key,
 * {@code <prefix><project>/<run>/<sha256>} ({@link RawReportKey}; {@code .gz} for gzip), whose signature covers the
 * run metadata ({@code x-amz-meta-*}, ASCII: see {@link ReportObjectMetadata}), the content type, the size and the
 * content's SHA-256 ({@code x-amz-checksum-sha256}), so S3 itself refuses any other bytes or metadata under that key.
 * When the same run's same content is already stored, the grant carries the stored object's metadata, so uploading
 * again rewrites the same object unchanged.
 */
public final class S3ReportUploads implements ReportUploads {

    /** Headers the HTTP client sets itself; Java's HttpClient refuses to be given them. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final Duration ttl;

    /**
     * @param bucket {@code feedback.reports.bucket}
     * @param prefix {@code feedback.reports.prefix}
     * @param ttl    how long a grant stays valid
     */
    public S3ReportUploads(S3Client s3, S3Presigner presigner, String bucket, String prefix, Duration ttl) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("a reports bucket is required (feedback.reports.bucket)");
        }
        this.bucket = bucket;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    @Override
    public UploadGrant grant(ReportMetadata metadata, String sha256, long bytes, boolean gzip) {
        String key = RawReportKey.of(metadata.run(), sha256, gzip).under(prefix);
        Optional<HeadObjectResponse> existing = S3RawReportStore.head(s3, bucket, key);
        ReportMetadata owner = existing.flatMap(head -> S3RawReportStore.storedMetadata(key, head)).orElse(metadata);
        PutObjectRequest put = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentLength(bytes)
                .contentType(gzip ? "application/gzip" : "application/octet-stream")
                .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)))
                .metadata(ReportObjectMetadata.encode(owner))
                .build();
        PresignedPutObjectRequest presigned;
        try {
            presigned = presigner.presignPutObject(b -> b.signatureDuration(ttl).putObjectRequest(put));
        } catch (SdkException e) {
            throw new StoreException("PresignPutReport", "s3://" + bucket + "/" + key, e.getMessage(), e);
        }
        return new UploadGrant(presigned.url().toString(), headers(presigned.signedHeaders()), key,
                presigned.expiration(), existing.isPresent(), owner);
    }

    private static Map<String, String> headers(Map<String, List<String>> signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEach((name, values) -> {
            if (!CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }
}
