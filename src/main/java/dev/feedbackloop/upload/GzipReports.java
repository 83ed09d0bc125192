package dev.feedbackloop.upload;

import dev.feedbackloop.redact.ReportRedactor;
import dev.feedbackloop.report.Gzip;
import dev.feedbackloop.text.Sha256;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Prepares a report file for sending to {@code ingest}: gzip-compressed (reports shrink 10-20 times, and the
 * Function URL takes 6 MB at most), streamed, so a report of any size costs a buffer of memory. What leaves CI is
 * redacted first ({@link #redactAndGzip}): secrets never travel, and the server's redaction finds nothing left.
 */
public final class GzipReports {

    private GzipReports() {
    }

    /**
     * Writes {@code source} gzip-compressed to {@code target}, or as it is when it already is gzip.
     *
     * @return the lower-case hex SHA-256 of what was written (what {@code POST /uploads} asks for)
     * @throws IllegalArgumentException if {@code source} is not a readable file
     * @throws IOException              if reading or writing fails
     */
    public static String gzip(Path source, Path target) throws IOException {
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new IllegalArgumentException(source + ": no such readable file");
        }
        MessageDigest sha256 = Sha256.newDigest();
        try (InputStream in = Files.newInputStream(source);
             OutputStream raw = new DigestOutputStream(Files.newOutputStream(target), sha256)) {
            byte[] head = in.readNBytes(2);
            boolean alreadyGzip = Gzip.isGzip(head);
            OutputStream sink = alreadyGzip ? raw : new GZIPOutputStream(raw, 64 * 1024);
            sink.write(head);
            in.transferTo(sink);
            sink.close();
        }
        return Sha256.hex(sha256);
    }

    /**
     * Writes {@code source} redacted ({@link ReportRedactor}: same format, secrets replaced by markers) and
     * gzip-compressed to {@code target}, streamed.
     *
     * @return the lower-case hex SHA-256 of what was written: the bytes that are signed and sent
     * @throws IllegalArgumentException if {@code source} is not a readable file
     * @throws dev.feedbackloop.redact.UnredactableReportException if it is not a report that can be redacted
     *                                  (neither XML nor JSON, or malformed): nothing should be sent
     * @throws IOException              if reading or writing fails
     */
    public static String redactAndGzip(Path source, Path target) throws IOException {
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new IllegalArgumentException(source + ": no such readable file");
        }
        MessageDigest sha256 = Sha256.newDigest();
        try (InputStream in = Files.newInputStream(source);
             OutputStream raw = new DigestOutputStream(Files.newOutputStream(target), sha256)) {
            byte[] head = in.readNBytes(2);
            InputStream whole = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
            if (Gzip.isGzip(head)) {
                ReportRedactor.standard().redact(whole, raw); // gzip in, gzip out
            } else {
                GZIPOutputStream gzip = new GZIPOutputStream(raw, 64 * 1024);
                ReportRedactor.standard().redact(whole, gzip);
                gzip.finish();
            }
        }
        return Sha256.hex(sha256);
    }

    /** A report file to read, raw or gzip (uncompressed as it is read). */
    public static InputStream open(Path report) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(report), 64 * 1024);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return Gzip.startsGzip(first, second) ? new GZIPInputStream(in, 64 * 1024) : in;
    }
}
