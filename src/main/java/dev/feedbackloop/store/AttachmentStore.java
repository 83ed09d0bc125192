package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Screenshots and traces shipped with a run's reports ({@code feedback upload --attachments}): each content kept
 * once per project under its SHA-256, uploaded by the client straight to storage through a grant that can store
 * exactly those bytes under that key, and each run's references to them. A content already held is neither granted
 * nor written again; references written again are the same objects (idempotent). See docs/STORAGE.md.
 */
public interface AttachmentStore {

    /**
     * Whether {@code project} already holds the content with {@code sha256}.
     *
     * @throws StoreException when storage fails
     */
    boolean holds(String project, String sha256);

    /**
     * A grant to upload one content: a PUT that storage accepts only with exactly these bytes (its size and SHA-256)
     * and content type, under the content's key.
     *
     * @throws StoreException when storage fails
     */
    UploadGrant grant(String project, String sha256, long bytes, String contentType);

    /**
     * Keeps {@code run}'s references to {@code attachments} (one object per distinct list, so the same list sent
     * again writes the same object).
     *
     * @throws StoreException when storage fails
     */
    void reference(RunKey run, List<StoredAttachment> attachments);

    /**
     * Every attachment {@code run} references, in the order they were sent; those of several reports of the run
     * together, each once.
     *
     * @throws StoreException when storage fails
     */
    List<StoredAttachment> find(RunKey run);

    /**
     * Permission to PUT one content.
     *
     * @param url       the pre-signed URL
     * @param headers   headers the PUT must carry exactly as given; the HTTP client adds {@code Host} and
     *                  {@code Content-Length} itself
     * @param expiresAt when the URL stops working
     */
    record UploadGrant(String url, Map<String, String> headers, Instant expiresAt) {
        public UploadGrant {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
