package dev.feedbackloop.upload;

import dev.feedbackloop.ingest.SourceBundle;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.regenerate.TestSource;
import dev.feedbackloop.regenerate.TestSources;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.store.ShippedSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The source files of a report's failing tests, read for shipping with the report ({@code feedback upload}): the file
 * each failing result names (JUnit {@code file}, Playwright {@code location.file} / the spec's {@code file}, CTRF
 * {@code filePath}) looked up in a {@link TestSources} (a {@code SourceRoot}: confined to its directory, no
 * {@code ..}, no symbolic link out, UTF-8 text of at most 48,000 characters, redacted). At most
 * {@link SourceBundle#MAX_FILES} files and {@link SourceBundle#MAX_TOTAL_CHARS} characters are taken, in the order
 * the report names them; the others are listed as skipped, with why.
 */
public final class FailingTestSources {

    /**
     * What was found.
     *
     * @param sources the files to ship, within the bundle's limits
     * @param skipped files named by failing tests and not shipped, each with why ({@code e2e/a.ts: not found under
     *                the source root})
     */
    public record Collected(List<ShippedSource> sources, List<String> skipped) {
        public Collected {
            sources = List.copyOf(sources);
            skipped = List.copyOf(skipped);
        }
    }

    private FailingTestSources() {
    }

    /**
     * Reads {@code report} (raw or gzip) and looks up its failing tests' files in {@code root}.
     *
     * @throws ReportParseException when the report cannot be read
     */
    public static Collected collect(Path report, Reports reports, TestSources root) throws IOException {
        Objects.requireNonNull(root, "root");
        Set<String> files = new LinkedHashSet<>();
        try (InputStream in = GzipReports.open(report)) {
            reports.parse(report.toString(), in, (TestResult result) -> {
                if (result.lastFailingAttempt().isPresent()) {
                    result.test().file().filter(f -> !f.isBlank()).ifPresent(files::add);
                }
            });
        }
        List<ShippedSource> sources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long chars = 0;
        for (String file : files) {
            Optional<TestSource> found = root.find(file);
            if (found.isEmpty()) {
                skipped.add(file + ": not found under the source root (or outside it, not UTF-8 text, or over "
                        + TestSource.MAX_CHARS + " characters)");
            } else if (sources.size() >= SourceBundle.MAX_FILES) {
                skipped.add(file + ": over the " + SourceBundle.MAX_FILES + " files shipped for a run");
            } else if (chars + found.get().content().length() > SourceBundle.MAX_TOTAL_CHARS) {
                skipped.add(file + ": over the " + SourceBundle.MAX_TOTAL_CHARS + " characters shipped for a run");
            } else {
                sources.add(ShippedSource.of(file, found.get().path(), found.get().content()));
                chars += found.get().content().length();
            }
        }
        return new Collected(sources, skipped);
    }
}
