package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import java.util.List;

/**
 * Each run's references to the screenshots and traces stored for it ({@link AttachmentStore}): written by ingest
 * once the content is held, read by the read API beside the run without touching the contents' storage. See
 * docs/STORAGE.md.
 */
public interface RunAttachments {

    /**
     * Keeps {@code run}'s references to {@code attachments}, each once: one written again changes nothing.
     *
     * @throws StoreException when storage fails
     */
    void reference(RunKey run, List<StoredAttachment> attachments);

    /**
     * Every attachment {@code run} references, by test id, attempt and name.
     *
     * @throws StoreException when storage fails
     */
    List<StoredAttachment> find(RunKey run);
}
