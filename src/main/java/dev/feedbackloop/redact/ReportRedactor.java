package dev.feedbackloop.redact;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.feedbackloop.report.Gzip;
import dev.feedbackloop.report.ReportParseException;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Redacts a whole test report as it streams, keeping its format so that it can be parsed and analysed again: what
 * is kept at rest (the raw report store) and what leaves CI ({@code feedback upload}) is this output.
 *
 * <ul>
 *   <li>XML (JUnit, TRX, NUnit, xUnit.net, in any encoding): every text node, CDATA section, attribute value,
 *       comment and processing instruction, and whole values named as secrets; written as UTF-8
 *       ({@link XmlRedaction}).</li>
 *   <li>JSON (CTRF, Playwright, mocha, RSpec) and JSON Lines ({@code go test -json}, Dart): every string and field
 *       name, whole values named as secrets, and base64 bodies that are text (Playwright attachments, stdout
 *       buffers) decoded, redacted and encoded again ({@link JsonRedaction}).</li>
 *   <li>gzip in, gzip out.</li>
 *   <li>Anything else is refused ({@link UnredactableReportException}): what cannot be redacted is not kept.</li>
 * </ul>
 *
 * <p>Linear in the report, memory bounded by one window of text or the largest JSON string, and idempotent:
 * redacting the output again gives the same bytes (the client redacts before upload, the server again). Secrets are
 * replaced by {@code [REDACTED:<kind>]} as {@link Redactor} does. Thread-safe.
 */
public final class ReportRedactor {

    private static final ReportRedactor STANDARD = new ReportRedactor(Redactor.standard());

    private final Redactor redactor;

    private ReportRedactor(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The redactor of reports with the built-in rules. */
    public static ReportRedactor standard() {
        return STANDARD;
    }

    /** What a report was and how much was redacted. */
    public enum Format {
        /** An XML document. */
        XML,
        /** One JSON document, or JSON Lines. */
        JSON
    }

    /**
     * What one redaction did.
     *
     * @param format  what the report was
     * @param gzip    whether it was (and the output is) gzip-compressed
     * @param secrets how many secrets were replaced
     */
    public record Result(Format format, boolean gzip, long secrets) {
        public Result {
            Objects.requireNonNull(format, "format");
        }
    }

    /**
     * Reads a report from {@code in} and writes it redacted to {@code out}; neither is closed. On an exception,
     * what was written to {@code out} is incomplete and must be discarded.
     *
     * @throws UnredactableReportException when the report is neither XML nor JSON, or is not well-formed; the
     *                                     message names the line and column
     * @throws IOException                 when reading or writing fails
     */
    public Result redact(InputStream in, OutputStream out) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, 2);
        byte[] magic = peek.readNBytes(2);
        peek.unread(magic);
        boolean gzip = Gzip.isGzip(magic);
        if (!gzip) {
            Counted counted = redactCounted(peek, out);
            return new Result(counted.format, false, counted.secrets);
        }
        GZIPOutputStream compressed = new GZIPOutputStream(new Unclosable(out), 64 * 1024);
        Counted counted = redactCounted(new GZIPInputStream(peek, 64 * 1024), compressed);
        compressed.finish();
        return new Result(counted.format, true, counted.secrets);
    }

    /** {@code report} redacted; see {@link #redact(InputStream, OutputStream)}. */
    public byte[] redact(byte[] report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(report.length + 256);
        try {
            redact(new ByteArrayInputStream(report), out);
        } catch (IOException e) {
            throw new UncheckedIOException("reading or writing memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private record Counted(Format format, long secrets) {
    }

    private Counted redactCounted(InputStream in, OutputStream out) throws IOException {
        ReportText text = ReportText.of(in);
        Redactions redactions = new Redactions(redactor, true);
        try {
            switch (text.shape()) {
                case XML -> {
                    BufferedWriter writer = new BufferedWriter(
                            new OutputStreamWriter(new Unclosable(out), StandardCharsets.UTF_8), 64 * 1024);
                    XmlRedaction.copy(text.reader(), writer, redactions);
                    writer.flush();
                    return new Counted(Format.XML, redactions.count());
                }
                case JSON -> {
                    BufferedOutputStream buffered = new BufferedOutputStream(new Unclosable(out), 64 * 1024);
                    JsonRedaction.copy(text.reader(), buffered, redactions);
                    buffered.flush();
                    return new Counted(Format.JSON, redactions.count());
                }
                default -> throw new UnredactableReportException("not an XML or JSON report (it starts with neither"
                        + " '<' nor '{' or '['): refused rather than kept unredacted", null);
            }
        } catch (ReportParseException e) {
            throw new UnredactableReportException("cannot redact the report: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UnredactableReportException("cannot redact the report: malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Keeps the writers layered on the caller's stream from closing it. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
