package dev.feedbackloop.adapter.s3;

import dev.feedbackloop.report.Gzip;
import dev.feedbackloop.store.OpenedReport;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.RawReportStore;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredObjectNotFoundException;
import dev.feedbackloop.store.StoredReport;
import dev.feedbackloop.text.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link RawReportStore} on S3: objects under {@code <prefix><project>/<run>/<sha256>} ({@link RawReportKey};
 * {@code .gz} appended when the content is gzip), so the same content is stored once per run and attempt. The
 * content is read twice, never held in memory: once to hash it, once to upload it.
 */
public final class S3RawReportStore implements RawReportStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /**
     * @param bucket {@code feedback.reports.bucket}
     * @param prefix {@code feedback.reports.prefix}, such as {@code reports/}; may be empty
     */
    public S3RawReportStore(S3Client s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("a reports bucket is required (feedback.reports.bucket)");
        }
        this.bucket = bucket;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public StoredReport put(ReportMetadata metadata, ReportContent content) {
        Digest digest = digest(content);
        String key = RawReportKey.of(metadata.run(), digest.sha256, digest.gzip).under(prefix);
        Optional<HeadObjectResponse> existing = head(s3, bucket, key);
        if (existing.isPresent()) {
            return new StoredReport(key, digest.sha256, digest.size, digest.gzip, false,
                    storedMetadata(key, existing.get()).orElse(metadata));
        }
        try {
            s3.putObject(b -> b.bucket(bucket).key(key)
                            .contentType(digest.gzip ? "application/gzip" : "application/octet-stream")
                            .metadata(ReportObjectMetadata.encode(metadata)),
                    RequestBody.fromContentProvider(() -> open(content), digest.size,
                            digest.gzip ? "application/gzip" : "application/octet-stream"));
        } catch (SdkException e) {
            throw new StoreException("PutReport", "s3://" + bucket + "/" + key, message(e), e);
        }
        return new StoredReport(key, digest.sha256, digest.size, digest.gzip, true, metadata);
    }

    @Override
    public OpenedReport open(String key) {
        ResponseInputStream<GetObjectResponse> stream;
        try {
            stream = s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new StoredObjectNotFoundException("GetReport", "s3://" + bucket + "/" + key, e);
        } catch (SdkException e) {
            throw new StoreException("GetReport", "s3://" + bucket + "/" + key, message(e), e);
        }
        return new S3OpenedReport(key, stream);
    }

    @Override
    public void replace(String key, ReportContent content) {
        HeadObjectResponse existing = head(s3, bucket, key).orElseThrow(() ->
                new StoredObjectNotFoundException("ReplaceReport", "s3://" + bucket + "/" + key, null));
        String contentType = existing.contentType() == null ? "application/octet-stream" : existing.contentType();
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).metadata(existing.metadata()),
                    RequestBody.fromContentProvider(() -> open(content), content.length(), contentType));
        } catch (SdkException e) {
            throw new StoreException("ReplaceReport", "s3://" + bucket + "/" + key, message(e), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new StoreException("DeleteReport", "s3://" + bucket + "/" + key, message(e), e);
        }
    }

    /** The metadata of an object stored earlier, if it has valid run metadata (it may have been uploaded by hand). */
    static Optional<ReportMetadata> storedMetadata(String key, HeadObjectResponse head) {
        try {
            return ReportObjectMetadata.decode(key, head.metadata());
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The object's metadata, or empty when there is none. Needs {@code s3:GetObject} on the key and
     * {@code s3:ListBucket} on the bucket: without the latter S3 answers 403 instead of 404 for a missing key.
     */
    static Optional<HeadObjectResponse> head(S3Client s3, String bucket, String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new StoreException("HeadReport", "s3://" + bucket + "/" + key, message(e), e);
        } catch (SdkException e) {
            throw new StoreException("HeadReport", "s3://" + bucket + "/" + key, message(e), e);
        }
    }

    private static Digest digest(ReportContent content) {
        MessageDigest sha256 = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(content.open(), sha256)) {
            int b1 = in.read();
            int b2 = in.read();
            long size = (b1 < 0 ? 0 : 1) + (b2 < 0 ? 0 : 1) + in.transferTo(OutputStream.nullOutputStream());
            if (size != content.length()) {
                throw new StoreException("PutReport", content.description(), "content is " + size
                        + " bytes but was announced as " + content.length(), null);
            }
            return new Digest(Sha256.hex(sha256), size, Gzip.startsGzip(b1, b2));
        } catch (IOException e) {
            throw new StoreException("PutReport", content.description(), "cannot read the report: " + e.getMessage(),
                    e);
        }
    }

    private static InputStream open(ReportContent content) {
        try {
            return content.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report " + content.description(), e);
        }
    }

    static String message(SdkException e) {
        return e instanceof S3Exception s3 && s3.awsErrorDetails() != null
                ? s3.awsErrorDetails().errorCode() + ": " + s3.awsErrorDetails().errorMessage() : e.getMessage();
    }

    private record Digest(String sha256, long size, boolean gzip) {
    }

    private static final class S3OpenedReport implements OpenedReport {
        private final String key;
        private final ResponseInputStream<GetObjectResponse> stream;

        S3OpenedReport(String key, ResponseInputStream<GetObjectResponse> stream) {
            this.key = key;
            this.stream = stream;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public long sizeBytes() {
            Long length = stream.response().contentLength();
            return length == null ? -1 : length;
        }

        @Override
        public Optional<ReportMetadata> metadata() {
            Map<String, String> metadata = stream.response().metadata();
            return ReportObjectMetadata.decode(key, metadata);
        }

        @Override
        public InputStream stream() {
            Long length = stream.response().contentLength();
            return length == null ? stream : new LengthCheckedStream(stream, key, length);
        }

        @Override
        public void close() {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close report " + key, e);
            }
        }
    }
}
