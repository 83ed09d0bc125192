package dev.feedbackloop.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The bytes of a report, readable more than once (once to hash, once to upload) without holding them in memory when
 * they are in a file.
 */
public interface ReportContent {

    /** A new stream over the whole content; the caller closes it. */
    InputStream open() throws IOException;

    /** Size in bytes. */
    long length();

    /** Where the content comes from, for error messages. */
    String description();

    /** Content held in memory (a webhook body). */
    static ReportContent ofBytes(byte[] bytes, String description) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(description, "description");
        return new ReportContent() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public String description() {
                return description;
            }
        };
    }

    /** Content of a file, read as a stream each time. */
    static ReportContent ofFile(Path file) {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of report " + file, e);
        }
        return new ReportContent() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long length() {
                return size;
            }

            @Override
            public String description() {
                return file.toString();
            }
        };
    }
}
