package dev.feedbackloop.upload;

import dev.feedbackloop.ingest.SourceBundle;
import dev.feedbackloop.model.Attachment;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.PageContext;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The page at each failure of a report, read for shipping with the report ({@code feedback upload}, and the local
 * loop of {@code feedback ingest} and {@code analyze}): the {@code error-context} attachment of each failing test's
 * last failing attempt (Playwright writes it since 1.51: a path to {@code error-context.md} in {@code test-results/},
 * or the text inline). A file is read through {@link EvidenceFiles} (inside the report's folder or the source root, no
 * {@code ..}, no symbolic link out), at most {@link #MAX_FILE_BYTES} bytes of UTF-8; then {@link PageContext} keeps
 * only its {@code # Page snapshot} (its {@code # Instructions} block, addressed to whoever reads the file, is never
 * taken), redacted and cut to {@link PageContext#MAX_CHARS} characters. At most {@link SourceBundle#MAX_SNAPSHOTS}
 * per run, in report order; the others are listed as skipped, with why.
 */
public final class FailingTestSnapshots {

    /** Largest {@code error-context.md} read: 256 KiB (it also holds the test's source and the error). */
    public static final long MAX_FILE_BYTES = 256L * 1024;

    /** Most reasons listed for snapshots not shipped; the rest are counted. */
    private static final int MAX_REASONS = 20;

    /**
     * What was found.
     *
     * @param snapshots the page snapshots to ship, within the bundle's limits
     * @param skipped   why some were not shipped ({@code checkout › pays: ../x.md: a path with '..' is refused}),
     *                  at most 20 and then a count
     */
    public record Collected(List<SourceBundle.Snapshot> snapshots, List<String> skipped) {
        public Collected {
            snapshots = List.copyOf(snapshots);
            skipped = List.copyOf(skipped);
        }
    }

    private FailingTestSnapshots() {
    }

    /**
     * Reads {@code report} (raw or gzip) and the page snapshots its failing tests point at.
     *
     * @throws ReportParseException when the report cannot be read
     */
    public static Collected collect(Path report, Reports reports, EvidenceFiles files, Redactor redactor)
            throws IOException {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(redactor, "redactor");
        List<SourceBundle.Snapshot> snapshots = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int[] over = {0};
        try (InputStream in = GzipReports.open(report)) {
            reports.parse(report.toString(), in, (TestResult result) -> {
                Optional<Attachment> page = result.lastFailingAttempt().map(Attempt::attachments).orElse(List.of())
                        .stream().filter(Attachment::isErrorContext).findFirst();
                if (page.isEmpty()) {
                    return;
                }
                if (snapshots.size() >= SourceBundle.MAX_SNAPSHOTS) {
                    over[0]++;
                    return;
                }
                String test = result.test().name();
                Reading read = read(page.get(), files, redactor);
                if (read.reason() != null) {
                    if (skipped.size() < MAX_REASONS) {
                        skipped.add(test + ": " + read.reason());
                    } else {
                        over[0]++;
                    }
                    return;
                }
                snapshots.add(new SourceBundle.Snapshot(result.test().suite(), result.test().name(),
                        result.test().file(), read.path(), read.content()));
            });
        }
        if (over[0] > 0) {
            skipped.add(over[0] + " more page snapshots not shipped (at most " + SourceBundle.MAX_SNAPSHOTS
                    + " a run, " + MAX_REASONS + " reasons listed)");
        }
        return new Collected(snapshots, skipped);
    }

    /**
     * Whether {@code report} (raw or gzip) names an {@code error-context} attachment anywhere: a byte scan, far
     * cheaper than parsing, so that a history of reports without page snapshots is not parsed twice.
     */
    public static boolean mayName(Path report) throws IOException {
        byte[] needle = Attachment.ERROR_CONTEXT.getBytes(StandardCharsets.US_ASCII);
        int[] fallback = new int[needle.length]; // Knuth-Morris-Pratt: where a partial match goes on after a miss
        for (int i = 1, k = 0; i < needle.length; i++) {
            while (k > 0 && needle[i] != needle[k]) {
                k = fallback[k - 1];
            }
            fallback[i] = needle[i] == needle[k] ? ++k : k;
        }
        byte[] buffer = new byte[64 * 1024];
        int matched = 0;
        try (InputStream in = GzipReports.open(report)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    while (matched > 0 && buffer[i] != needle[matched]) {
                        matched = fallback[matched - 1];
                    }
                    if (buffer[i] == needle[matched]) {
                        matched++;
                    }
                    if (matched == needle.length) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A snapshot read ({@code path}, {@code content}) or why not ({@code reason}). */
    private record Reading(String path, String content, String reason) {
        static Reading skipped(String reason) {
            return new Reading(null, null, reason);
        }
    }

    private static Reading read(Attachment page, EvidenceFiles files, Redactor redactor) {
        String markdown;
        String path;
        if (page.body().isPresent()) {
            markdown = page.body().get();
            path = "error-context.md";
        } else if (page.path().isPresent()) {
            EvidenceFiles.Lookup lookup = files.locate(page.path().get());
            if (lookup instanceof EvidenceFiles.Refused refused) {
                return Reading.skipped(refused.reason());
            }
            EvidenceFiles.Found found = (EvidenceFiles.Found) lookup;
            if (found.bytes() > MAX_FILE_BYTES) {
                return Reading.skipped(found.relative() + ": " + found.bytes() + " bytes, more than the "
                        + MAX_FILE_BYTES + " read of an error-context file");
            }
            try {
                markdown = StandardCharsets.UTF_8.newDecoder()
                        .decode(ByteBuffer.wrap(Files.readAllBytes(found.file()))).toString();
            } catch (CharacterCodingException e) {
                return Reading.skipped(found.relative() + ": not UTF-8 text");
            } catch (IOException e) {
                return Reading.skipped(found.relative() + ": cannot be read: " + e.getMessage());
            }
            path = found.relative();
        } else {
            return Reading.skipped("the error-context attachment names no file");
        }
        Optional<String> snapshot = PageContext.fromErrorContext(markdown, redactor);
        return snapshot.map(s -> new Reading(path, s, null))
                .orElseGet(() -> Reading.skipped(path + ": no page snapshot in it"));
    }
}
