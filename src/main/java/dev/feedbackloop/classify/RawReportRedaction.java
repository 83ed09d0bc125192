package dev.feedbackloop.classify;

import dev.feedbackloop.redact.ReportRedactor;
import dev.feedbackloop.redact.UnredactableReportException;
import dev.feedbackloop.store.OpenedReport;
import dev.feedbackloop.store.RawReportStore;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.text.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Makes sure a stored report is kept only redacted. A report posted to {@code ingest} is stored redacted already,
 * but one PUT through a pre-signed URL lands in the store as its client sent it, before anything reads it: once it is
 * analysed, classify replaces it in place with its redacted form ({@link ReportRedactor}), or deletes it when it
 * cannot be redacted. The reports bucket has versioning off, so no older version survives.
 *
 * <p>The report is streamed through the redactor into a temporary file (memory: one window of text), hashing both
 * sides; it is written back only when the bytes differ, so a report already redacted (by {@code feedback upload} or
 * by {@code ingest}) costs one read and no write, and the notification a replacement causes finds nothing to do.
 */
final class RawReportRedaction {

    private static final System.Logger LOG = System.getLogger(RawReportRedaction.class.getName());

    /** What was done to a stored report. */
    enum Outcome {
        /** It was redacted already. */
        ALREADY_REDACTED,
        /** It was replaced by its redacted form. */
        REPLACED,
        /** It could not be redacted and was deleted. */
        DELETED
    }

    private final RawReportStore store;
    private final ReportRedactor redactor;

    RawReportRedaction(RawReportStore store, ReportRedactor redactor) {
        this.store = Objects.requireNonNull(store, "store");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * Leaves the report under {@code key} redacted, or deletes it.
     *
     * @throws StoreException when the store fails (the caller retries)
     */
    Outcome keepRedacted(String key) {
        Path redacted = null;
        try {
            redacted = Files.createTempFile("feedback-redacted", ".report");
            boolean changed;
            try {
                changed = redactInto(key, redacted);
            } catch (UnredactableReportException e) {
                store.delete(key);
                LOG.log(System.Logger.Level.WARNING, "report {0} cannot be redacted and was deleted: {1}", key,
                        e.getMessage());
                return Outcome.DELETED;
            }
            if (!changed) {
                return Outcome.ALREADY_REDACTED;
            }
            store.replace(key, ReportContent.ofFile(redacted));
            LOG.log(System.Logger.Level.INFO, "report {0} was stored unredacted and is replaced by its redacted form",
                    key);
            return Outcome.REPLACED;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot redact report " + key + " through a temporary file", e);
        } finally {
            if (redacted != null) {
                try {
                    Files.deleteIfExists(redacted);
                } catch (IOException ignored) {
                    // a temporary file left behind holds only redacted text
                }
            }
        }
    }

    /** Writes the stored report redacted to {@code target}; whether its bytes differ from the stored ones. */
    private boolean redactInto(String key, Path target) throws IOException {
        MessageDigest stored = Sha256.newDigest();
        MessageDigest written = Sha256.newDigest();
        try (OpenedReport opened = store.open(key);
             InputStream in = new DigestInputStream(opened.stream(), stored);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(target), written)) {
            redactor.redact(in, out);
            in.transferTo(OutputStream.nullOutputStream()); // whatever follows the document counts for the hash
        }
        return !Sha256.hex(stored).equals(Sha256.hex(written));
    }
}
