package dev.feedbackloop.adapter.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.AttachmentStore;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.text.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * {@link AttachmentStore} in the reports bucket, under its own prefix ({@value #DEFAULT_PREFIX}), outside the
 * reports prefix so that no classify notification fires for a screenshot:
 * <ul>
 *   <li>{@code <prefix><project>/<sha256>}: the content as the client had it (a PNG, JPEG or WebP screenshot, a
 *       trace zip), PUT by the client through a pre-signed URL whose signature covers the size, the content type and
 *       {@code x-amz-checksum-sha256}, so S3 itself refuses other bytes under that key;</li>
 *   <li>{@code <prefix><project>/runs/<run>/<sha256 of the list>.json}: {@code {"attachments":[{"test","testName",
 *       "attempt","name","contentType","bytes","sha256"}]}}, one object per list a report sent ({@code <run>} is
 *       {@link RawReportKey#runSegment}, as in a report's key); a run's attachments are one listing of that folder.</li>
 * </ul>
 * The run's references are written by ingest only for content held here with the size, type (and, where S3 answers
 * it, checksum) offered ({@link #held}), so a reference never names a PUT that failed or never came. A content held
 * already is not granted again and never rewritten: it lives for the bucket's retention from its first upload (infra-cdk {@code ReportsBucket}), and one that expired is absent again, so the next run that has it
 * uploads it anew.
 */
public final class S3AttachmentStore implements AttachmentStore {

    /** The prefix of attachments in the reports bucket, beside {@code reports/} and {@code sources/}. */
    public static final String DEFAULT_PREFIX = "attachments/";

    /** Headers the HTTP client sets itself; Java's HttpClient refuses to be given them. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final Duration ttl;

    /** @param ttl how long a grant stays valid */
    public S3AttachmentStore(S3Client s3, S3Presigner presigner, String bucket, String prefix, Duration ttl) {
        this.s3 = Objects.requireNonNull(s3, "s3");
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
        if (attachments.isEmpty()) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("attachments");
        for (StoredAttachment a : attachments) {
            list.addObject().put("test", a.test().value()).put("testName", a.testName()).put("attempt", a.attempt())
                    .put("name", a.name()).put("contentType", a.contentType()).put("bytes", a.bytes())
                    .put("sha256", a.sha256());
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String key = runFolder(run) + Sha256.hex(bytes) + ".json";
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new StoreException("PutAttachmentReference", "s3://" + bucket + "/" + key,
                    S3RawReportStore.message(e), e);
        }
    }

    @Override
    public List<StoredAttachment> find(RunKey run) {
        String folder = runFolder(run);
        Set<StoredAttachment> found = new LinkedHashSet<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder)).contents()) {
                found.addAll(read(object.key()));
            }
        } catch (SdkException e) {
            throw new StoreException("ListAttachmentReferences", "s3://" + bucket + "/" + folder,
                    S3RawReportStore.message(e), e);
        }
        return List.copyOf(found);
    }

    private List<StoredAttachment> read(String key) {
        try {
            JsonNode node = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            List<StoredAttachment> list = new ArrayList<>();
            for (JsonNode a : node.path("attachments")) {
                list.add(new StoredAttachment(new TestId(a.path("test").asText()), a.path("testName").asText(),
                        a.path("attempt").asInt(), a.path("name").asText(), a.path("contentType").asText(),
                        a.path("bytes").asLong(), a.path("sha256").asText()));
            }
            return list;
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException("GetAttachmentReference", "s3://" + bucket + "/" + key,
                    "not a list of attachments: " + e.getMessage(), e);
        }
    }

    private String runFolder(RunKey run) {
        return prefix + run.project() + "/runs/" + RawReportKey.runSegment(run) + "/";
    }
}
