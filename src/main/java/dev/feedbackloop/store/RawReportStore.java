package dev.feedbackloop.store;

/**
 * Raw reports as received, kept for re-processing and audit, under {@code <prefix><project>/<sha256>}: storing the
 * same content twice stores it once.
 */
public interface RawReportStore {

    /**
     * Stores a report unless the same content is already stored for the project.
     *
     * @throws StoreException when the content cannot be read or stored
     */
    StoredReport put(ReportMetadata metadata, ReportContent content);

    /**
     * Opens a stored report for streaming.
     *
     * @throws StoredObjectNotFoundException when there is no object under {@code key}
     */
    OpenedReport open(String key);
}
