package dev.feedbackloop.store;

/**
 * Raw reports as received, kept for re-processing and audit, under {@code <prefix><project>/<run>/<sha256>}
 * ({@link RawReportKey}): storing the same content twice for the same run and attempt stores it once; the same
 * content for another run or attempt is another report.
 */
public interface RawReportStore {

    /**
     * Stores a report unless the same content is already stored for the same run (project, run id and attempt).
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
