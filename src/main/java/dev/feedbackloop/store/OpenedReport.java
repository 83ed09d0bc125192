package dev.feedbackloop.store;

import java.io.InputStream;
import java.util.Optional;

/** A stored raw report being read: its metadata and a stream over its bytes. Close it to release the connection. */
public interface OpenedReport extends AutoCloseable {

    /** The object key. */
    String key();

    /** Size of the stored bytes. */
    long sizeBytes();

    /**
     * The run it belongs to; empty when the object carries no run metadata (uploaded without it).
     *
     * @throws IllegalArgumentException naming the object and field when the metadata is present but invalid
     */
    Optional<ReportMetadata> metadata();

    /** The stored bytes, as stored (still gzip-compressed if they were); read once. */
    InputStream stream();

    @Override
    void close();
}
