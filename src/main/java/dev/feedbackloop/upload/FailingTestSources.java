package dev.feedbackloop.upload;

import dev.feedbackloop.ingest.SourceBundle;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.regenerate.TestSource;
import dev.feedbackloop.regenerate.TestSources;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.store.ShippedSource;
import dev.feedbackloop.store.SourceHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Beside them, the content hash of every test file the report names, passing tests' included ({@link SourceHash}:
 * the {@link TestSource#sha256} a checkout's source has, so a hash shipped from CI equals one computed at a local
 * ingest), at most {@link SourceBundle#MAX_HASHES} files in the order the report names them: a passing test's file
 * is not shipped, but its hash shows the loop that a fixed test's source changed. Found the same way, confined to the
 * same root.
 */
public final class FailingTestSources {

    /**
     * What was found.
     *
     * @param sources the files to ship, within the bundle's limits
     * @param skipped files named by failing tests and not shipped, each with why ({@code e2e/a.ts: not found under
     *                the source root})
     * @param hashes   the hashes of the files the report names, failing or passing, found under the root
     * @param unhashed files the report names without a hash: not found (or not readable as a source), or over the
     *                 {@link SourceBundle#MAX_HASHES} hashed
     */
    public record Collected(List<ShippedSource> sources, List<String> skipped, List<SourceHash> hashes,
                            int unhashed) {
        public Collected {
            sources = List.copyOf(sources);
            skipped = List.copyOf(skipped);
            hashes = List.copyOf(hashes);
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
        Set<String> named = new LinkedHashSet<>();
        try (InputStream in = GzipReports.open(report)) {
            reports.parse(report.toString(), in, (TestResult result) -> {
                result.test().file().filter(f -> !f.isBlank()).ifPresent(named::add);
                if (result.lastFailingAttempt().isPresent()) {
                    result.test().file().filter(f -> !f.isBlank()).ifPresent(files::add);
                }
            });
        }
        Map<String, Optional<TestSource>> found = new HashMap<>();
        List<ShippedSource> sources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long chars = 0;
        for (String file : files) {
            Optional<TestSource> source = found.computeIfAbsent(file, root::find);
            if (source.isEmpty()) {
                skipped.add(file + ": not found under the source root (or outside it, not UTF-8 text, or over "
                        + TestSource.MAX_CHARS + " characters)");
            } else if (sources.size() >= SourceBundle.MAX_FILES) {
                skipped.add(file + ": over the " + SourceBundle.MAX_FILES + " files shipped for a run");
            } else if (chars + source.get().content().length() > SourceBundle.MAX_TOTAL_CHARS) {
                skipped.add(file + ": over the " + SourceBundle.MAX_TOTAL_CHARS + " characters shipped for a run");
            } else {
                sources.add(ShippedSource.of(file, source.get().path(), source.get().content()));
                chars += source.get().content().length();
            }
        }
        List<SourceHash> hashes = new ArrayList<>();
        for (String file : named) {
            if (hashes.size() >= SourceBundle.MAX_HASHES) {
                break;
            }
            // not kept: only the failing tests' files are held whole, the others are read, hashed and let go
            (found.containsKey(file) ? found.get(file) : root.find(file)).ifPresent(s -> hashes.add(
                    new SourceHash(file, s.path(), s.sha256())));
        }
        return new Collected(sources, skipped, hashes, named.size() - hashes.size());
    }
}
