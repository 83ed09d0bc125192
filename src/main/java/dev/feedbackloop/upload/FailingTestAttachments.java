package dev.feedbackloop.upload;

import dev.feedbackloop.ingest.AttachmentBundle;
import dev.feedbackloop.model.Attachment;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.text.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The screenshots and traces of a report's failing tests, read for {@code feedback upload --attachments}: every
 * attachment of every failing attempt that is declared or named as an image or a trace ({@code image/*},
 * {@code .png}, {@code application/zip}, {@code trace.zip}, ...), found through {@link EvidenceFiles} (inside the
 * report's folder or the source root, no {@code ..}, no symbolic link out), and sent only when its first bytes are
 * what it claims: a PNG, JPEG or WebP image for a screenshot, a zip archive for a trace. Contents are binary and go
 * as they are; never to a model.
 *
 * <p>Caps ({@link AttachmentBundle}): at most {@value AttachmentBundle#MAX_FILES} files of at most 5 MiB each, 50 MiB
 * together, in report order. Every attachment not sent is listed with why (a refusal, over a cap, not an image);
 * nothing here fails the upload.
 */
public final class FailingTestAttachments {

    /** What {@code --attachments} may send. */
    public enum Kind {
        /** PNG, JPEG and WebP images. */
        SCREENSHOTS,
        /** Playwright traces (zip archives); they hold the page's network traffic, cookies and headers as recorded. */
        TRACES;

        /** The kinds {@code value} names ({@code screenshots}, {@code screenshots,traces}). */
        public static Set<Kind> parse(String value) {
            Set<Kind> kinds = EnumSet.noneOf(Kind.class);
            for (String word : value.split(",")) {
                String name = word.strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "screenshots" -> kinds.add(SCREENSHOTS);
                    case "traces" -> kinds.add(TRACES);
                    default -> throw new IllegalArgumentException("--attachments takes screenshots, traces or"
                            + " screenshots,traces, was '" + value + "'");
                }
            }
            return kinds;
        }
    }

    /** Most reasons listed for attachments not sent; the rest are counted. */
    private static final int MAX_REASONS = 20;
    private static final int HEAD_BYTES = 12;
    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".webp");

    /**
     * One attachment to send.
     *
     * @param item what is offered to ingest
     * @param file where its bytes are
     */
    public record Found(AttachmentBundle.Item item, Path file) {
    }

    /**
     * What was found.
     *
     * @param found   the attachments to send, within the caps
     * @param skipped why others were not ({@code checkout › pays: screenshot test-results/a/x.png: 6291456 bytes,
     *                more than the 5242880 sent of one file}), at most 20 and then a count
     */
    public record Collected(List<Found> found, List<String> skipped) {
        public Collected {
            found = List.copyOf(found);
            skipped = List.copyOf(skipped);
        }
    }

    private FailingTestAttachments() {
    }

    /**
     * Reads {@code report} (raw or gzip) and the screenshots (and, when asked, traces) its failing attempts attach.
     *
     * @param redactor redacts the test and attachment names sent (the contents are binary, sent as they are)
     * @throws ReportParseException when the report cannot be read
     */
    public static Collected collect(Path report, Reports reports, EvidenceFiles files, Set<Kind> kinds,
                                    Redactor redactor) throws IOException {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(kinds, "kinds");
        Collector collector = new Collector(files, kinds, redactor);
        try (InputStream in = GzipReports.open(report)) {
            reports.parse(report.toString(), in, collector::take);
        }
        return collector.collected();
    }

    /** Collects across one report's results. */
    private static final class Collector {
        private final EvidenceFiles files;
        private final Set<Kind> kinds;
        private final Redactor redactor;
        private final List<Found> found = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private long totalBytes;
        private int unlisted;

        Collector(EvidenceFiles files, Set<Kind> kinds, Redactor redactor) {
            this.files = files;
            this.kinds = kinds;
            this.redactor = redactor;
        }

        void take(TestResult result) {
            if (result.attempts().stream().noneMatch(a -> a.status().isFailing())) {
                return;
            }
            TestCase test = redactor.redact(result.test());
            for (Attempt attempt : result.attempts()) {
                if (!attempt.status().isFailing()) {
                    continue;
                }
                for (Attachment attachment : attempt.attachments()) {
                    Optional<Kind> kind = kindOf(attachment);
                    if (kind.isPresent()) {
                        consider(test, attempt, attachment, kind.get());
                    }
                }
            }
        }

        private void consider(TestCase test, Attempt attempt, Attachment attachment, Kind kind) {
            String shown = test.name() + ": " + redactor.redact(attachment.name()) + " "
                    + attachment.path().map(redactor::redact).orElse("(inline)");
            if (!kinds.contains(kind)) {
                skip(shown + ": a trace is sent only with --attachments=screenshots,traces (traces hold cookies"
                        + " and headers as recorded)");
                return;
            }
            if (attachment.path().isEmpty()) {
                skip(shown + ": names no file (inline attachments are not sent)");
                return;
            }
            EvidenceFiles.Lookup lookup = files.locate(attachment.path().get());
            if (lookup instanceof EvidenceFiles.Refused refused) {
                skip(test.name() + ": " + redactor.redact(attachment.name()) + " " + refused.reason());
                return;
            }
            EvidenceFiles.Found file = (EvidenceFiles.Found) lookup;
            if (file.bytes() > AttachmentBundle.MAX_FILE_BYTES) {
                skip(shown + ": " + file.bytes() + " bytes, more than the " + AttachmentBundle.MAX_FILE_BYTES
                        + " sent of one file");
                return;
            }
            if (found.size() >= AttachmentBundle.MAX_FILES
                    || totalBytes + file.bytes() > AttachmentBundle.MAX_TOTAL_BYTES) {
                skip(shown + ": over the run's cap (" + AttachmentBundle.MAX_FILES + " files, "
                        + AttachmentBundle.MAX_TOTAL_BYTES + " bytes together)");
                return;
            }
            read(test, attempt, attachment, kind, file, shown);
        }

        private void read(TestCase test, Attempt attempt, Attachment attachment, Kind kind,
                          EvidenceFiles.Found file, String shown) {
            byte[] head;
            long size;
            String sha256;
            try {
                MessageDigest digest = Sha256.newDigest();
                try (InputStream in = new DigestInputStream(Files.newInputStream(file.file()), digest)) {
                    head = in.readNBytes(HEAD_BYTES);
                    size = head.length + in.transferTo(OutputStream.nullOutputStream());
                }
                sha256 = HexFormat.of().formatHex(digest.digest());
            } catch (IOException e) {
                skip(shown + ": cannot be read: " + e.getMessage());
                return;
            }
            if (size != file.bytes()) {
                skip(shown + ": changed while it was read (" + file.bytes() + " bytes, then " + size + ")");
                return;
            }
            Optional<String> type = contentTypeOf(head).filter(t -> kindOfType(t) == kind);
            if (type.isEmpty()) {
                skip(shown + ": its first bytes are not " + (kind == Kind.SCREENSHOTS ? "a PNG, JPEG or WebP image"
                        : "a zip archive (a Playwright trace)") + "; only images and traces are sent");
                return;
            }
            found.add(new Found(new AttachmentBundle.Item(test.suite(), test.name(), test.file(), attempt.index(),
                    redactor.redact(attachment.name()), type.get(), file.bytes(), sha256), file.file()));
            totalBytes += file.bytes();
        }

        private void skip(String reason) {
            if (skipped.size() < MAX_REASONS) {
                skipped.add(reason);
            } else {
                unlisted++;
            }
        }

        Collected collected() {
            List<String> reasons = new ArrayList<>(skipped);
            if (unlisted > 0) {
                reasons.add(unlisted + " more attachments not sent (" + MAX_REASONS + " reasons listed)");
            }
            return new Collected(found, reasons);
        }
    }

    /**
     * What an attachment claims to be, from its content type, its file name or its name: a screenshot (an image), a
     * trace (a zip), or neither (a video, a log, the page snapshot: not sent here).
     */
    static Optional<Kind> kindOf(Attachment attachment) {
        String path = attachment.path().orElse("").toLowerCase(Locale.ROOT);
        String type = attachment.contentType();
        if (Attachment.ERROR_CONTEXT.equals(attachment.name())) {
            return Optional.empty();
        }
        if (type.startsWith("image/") || IMAGE_EXTENSIONS.stream().anyMatch(path::endsWith)) {
            return Optional.of(Kind.SCREENSHOTS);
        }
        if (type.equals(AttachmentBundle.ZIP) || path.endsWith(".zip") || attachment.name().equals("trace")) {
            return Optional.of(Kind.TRACES);
        }
        return Optional.empty();
    }

    /** The media type a file's first bytes show, of those sent: PNG, JPEG, WebP or zip. */
    static Optional<String> contentTypeOf(byte[] head) {
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(AttachmentBundle.PNG);
        }
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(AttachmentBundle.JPEG);
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(AttachmentBundle.WEBP);
        }
        if (startsWith(head, 0, 'P', 'K', 0x03, 0x04)) {
            return Optional.of(AttachmentBundle.ZIP);
        }
        return Optional.empty();
    }

    private static Kind kindOfType(String contentType) {
        return contentType.equals(AttachmentBundle.ZIP) ? Kind.TRACES : Kind.SCREENSHOTS;
    }

    private static boolean startsWith(byte[] bytes, int at, int... expected) {
        if (bytes.length < at + expected.length) {
            return false;
        }
        return Arrays.equals(Arrays.copyOfRange(bytes, at, at + expected.length), toBytes(expected));
    }

    private static byte[] toBytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
