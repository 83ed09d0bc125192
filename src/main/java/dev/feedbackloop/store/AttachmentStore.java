package dev.feedbackloop.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Screenshots and traces shipped with a run's reports ({@code feedback upload --attachments}): each content kept
 * once per project under its SHA-256, uploaded by the client straight to storage through a grant that can store
 * exactly those bytes under that key, and each run's references to them. A content already held is neither granted
 * nor written again. The references ({@link RunAttachments}, written again: nothing changes) name only content that is
 * held ({@link #held}): ingest writes a reference once the bytes arrived, never on the promise of an upload. See
 * docs/STORAGE.md.
 */
public interface AttachmentStore extends RunAttachments {

    /**
     * What {@code project} holds under {@code sha256}: its size, media type and, when storage kept one, its SHA-256
     * as storage computed it on arrival; empty when nothing is held there.
     *
     * @throws StoreException when storage fails
     */
    Optional<HeldContent> held(String project, String sha256);

    /**
     * Whether {@code project} already holds the content with {@code sha256}.
     *
     * @throws StoreException when storage fails
     */
    default boolean holds(String project, String sha256) {
        return held(project, sha256).isPresent();
    }

    /**
     * A grant to upload one content: a PUT that storage accepts only with exactly these bytes (its size and SHA-256)
     * and content type, under the content's key.
     *
     * @throws StoreException when storage fails
     */
    UploadGrant grant(String project, String sha256, long bytes, String contentType);

    /**
     * A content as storage holds it.
     *
     * @param bytes       its size
     * @param contentType its media type, as it was PUT
     * @param sha256      its SHA-256 (64 lower-case hex digits) as storage checked it on arrival, when storage says
     */
    record HeldContent(long bytes, String contentType, Optional<String> sha256) {
        public HeldContent {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be 0 or more, was " + bytes);
            }
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(sha256, "sha256");
        }

        /**
         * Why this is not the content {@code expected} describes (another size, media type or hash), or empty when
         * it is: a reference is kept only to the bytes that were offered.
         */
        public Optional<String> mismatch(StoredAttachment expected) {
            if (bytes != expected.bytes()) {
                return Optional.of("stored with " + bytes + " bytes, not the " + expected.bytes() + " offered");
            }
            if (!contentType.equals(expected.contentType())) {
                return Optional.of("stored as " + contentType + ", not the " + expected.contentType() + " offered");
            }
            if (sha256.isPresent() && !sha256.get().equals(expected.sha256())) {
                return Optional.of("stored with SHA-256 " + sha256.get() + ", not the one offered");
            }
            return Optional.empty();
        }
    }

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
