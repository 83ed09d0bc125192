package dev.feedbackloop.store;

/**
 * Reports as received, redacted (nothing secret is kept; see {@code docs/DATA.md}), kept for re-processing and audit, under {@code <prefix><project>/<run>/<sha256>}
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

    /**
     * Replaces the content of the object under {@code key} in place, keeping its metadata: how a report uploaded
     * unredacted through a pre-signed URL is replaced by its redacted form. The store keeps no older version.
     *
     * @throws StoredObjectNotFoundException when there is no object under {@code key}
     * @throws StoreException                when the content cannot be read or stored
     */
    void replace(String key, ReportContent content);

    /**
     * Deletes the object under {@code key}, if any: a report that can be neither read nor redacted is not kept.
     *
     * @throws StoreException when the store cannot be reached
     */
    void delete(String key);
}
