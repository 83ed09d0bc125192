package dev.feedbackloop.adapter.s3;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.AttachmentStore;
import dev.feedbackloop.store.RunAttachments;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredAttachment;
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
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * {@link AttachmentStore} in the reports bucket, under its own prefix ({@value #DEFAULT_PREFIX}), outside the
 * reports prefix so that no classify notification fires for a screenshot:
 * <ul>
 *   <li>{@code <prefix><project>/<sha256>}: the content as the client had it (a PNG, JPEG or WebP screenshot, a
 *       trace zip), PUT by the client through a pre-signed URL whose signature covers the size, the content type and
 *       {@code x-amz-checksum-sha256}, so S3 itself refuses other bytes under that key;</li>
 * </ul>
 * The runs' references to them are kept in the table ({@link RunAttachments}), so that a reader lists a run's
 * attachments without access to this bucket; ingest writes one only for content held here with the size, type and
 * checksum offered ({@link #held}), so a reference never names a PUT that failed or never came. A content held
 * already is not granted again and never rewritten: it lives for the bucket's retention from its first upload
 * (infra-cdk {@code ReportsBucket}), and one that expired is absent again, so the next run that has it uploads it
 * anew.
 */
public final class S3AttachmentStore implements AttachmentStore {

    /** The prefix of attachments in the reports bucket, beside {@code reports/} and {@code sources/}. */
    public static final String DEFAULT_PREFIX = "attachments/";

    /** Headers the HTTP client sets itself; Java's HttpClient refuses to be given them. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length");

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final Duration ttl;
    private final RunAttachments references;

    /**
     * @param ttl        how long a grant stays valid
     * @param references where the runs' references are kept (the table: the read function lists them without
     *                   access to this bucket)
     */
    public S3AttachmentStore(S3Client s3, S3Presigner presigner, String bucket, String prefix, Duration ttl,
                             RunAttachments references) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.references = Objects.requireNonNull(references, "references");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("a reports bucket is required for attachments"
                    + " (feedback.reports.bucket)");
        }
        this.bucket = bucket;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /** Where the content with {@code sha256} of {@code project} is kept. */
    public String contentKey(String project, String sha256) {
        return prefix + project + "/" + sha256;
    }

    /**
     * HeadObject of the content, asking for its checksum: S3 answers the SHA-256 it checked the PUT's bytes against
     * (base64), which must be the key's (s3proxy answers it too); an object PUT without one answers size and type
     * only.
     */
    @Override
    public Optional<HeldContent> held(String project, String sha256) {
        String key = contentKey(project, sha256);
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new StoreException("HeadAttachment", "s3://" + bucket + "/" + key, S3RawReportStore.message(e), e);
        } catch (SdkException e) {
            throw new StoreException("HeadAttachment", "s3://" + bucket + "/" + key, S3RawReportStore.message(e), e);
        }
        return Optional.of(new HeldContent(head.contentLength(), head.contentType() == null ? "" : head.contentType(),
                checksumHex(head.checksumSHA256())));
    }

    /** A full-object checksum in hex; a multipart one ({@code <base64>-<parts>}) is no content hash, so none. */
    private static Optional<String> checksumHex(String base64) {
        if (base64 == null || base64.isBlank() || base64.contains("-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().formatHex(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public UploadGrant grant(String project, String sha256, long bytes, String contentType) {
        String key = contentKey(project, sha256);
        PutObjectRequest put = PutObjectRequest.builder().bucket(bucket).key(key).contentLength(bytes)
                .contentType(contentType)
                .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)))
                .build();
        PresignedPutObjectRequest presigned;
        try {
            presigned = presigner.presignPutObject(b -> b.signatureDuration(ttl).putObjectRequest(put));
        } catch (SdkException e) {
            throw new StoreException("PresignPutAttachment", "s3://" + bucket + "/" + key, e.getMessage(), e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, String.join(",", values));
            }
        });
        return new UploadGrant(presigned.url().toString(), headers, presigned.expiration());
    }

    @Override
    public void reference(RunKey run, List<StoredAttachment> attachments) {
        references.reference(run, attachments);
    }

    @Override
    public List<StoredAttachment> find(RunKey run) {
        return references.find(run);
    }
}
