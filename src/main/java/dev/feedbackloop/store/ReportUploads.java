package dev.feedbackloop.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Hands out direct uploads into the raw report store, for reports larger than the ingest endpoint accepts: a
 * pre-signed URL that can store exactly one object, under the key its run and content hash give ({@link RawReportKey}),
 * with the run metadata.
 */
public interface ReportUploads {

    /**
     * A grant to upload one report.
     *
     * @param metadata the run the report belongs to
     * @param sha256   64 lower-case hex digits: SHA-256 of the bytes that will be uploaded
     * @param bytes    their size
     * @param gzip     whether they are gzip-compressed
     * @throws dev.feedbackloop.store.StoreException when the store cannot be reached
     */
    UploadGrant grant(ReportMetadata metadata, String sha256, long bytes, boolean gzip);

    /**
     * Permission to PUT one report.
     *
     * @param url       the pre-signed URL to PUT the bytes to
     * @param headers   headers the PUT must carry exactly as given (they are part of the signature); the HTTP client
     *                  adds {@code Host} and {@code Content-Length} itself
     * @param key       the object key the report will have
     * @param expiresAt when the URL stops working
     * @param duplicate whether the same content is already stored for the same run and attempt; the grant then
     *                  re-stores it with the metadata it already has, which changes nothing
     * @param metadata  the run the stored report belongs to: the caller's, or for a duplicate the first upload's
     *                  (same run and attempt; commit, branch and time as first given)
     */
    record UploadGrant(String url, Map<String, String> headers, String key, Instant expiresAt, boolean duplicate,
                       ReportMetadata metadata) {

        public UploadGrant {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(metadata, "metadata");
        }
    }
}
