package dev.feedbackloop.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.testing.Corpus;
import dev.feedbackloop.testing.ParsedReport;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * dorny/test-reporter's JUnit fixtures ({@code ../shared/corpus}) give the counts of their rendered summaries
 * ({@code __outputs__/*.md}: "N tests were completed in T with P passed, F failed and S skipped"). dorny counts
 * errors as failed and knows no flaky, so: passed = our passed + flaky, failed = our failed + errored.
 *
 * <p>Deliberate deviations are in {@link #DEVIATIONS}: dorny lists every {@code <testcase>} element, we merge
 * elements repeating a name within one suite into one test (retries).
 */
class DornyJunitConformanceTest {

    private static final String ROOT = "reports/dorny-test-reporter/";
    private static final Pattern SUMMARY = Pattern.compile(
            "\\*\\*(\\d+)\\*\\* tests were completed in \\*\\*[^*]+\\*\\* with \\*\\*(\\d+)\\*\\* passed,"
                    + " \\*\\*(\\d+)\\*\\* failed and \\*\\*(\\d+)\\*\\* skipped");
    private static final Pattern FIXTURE = Pattern.compile("\\[(fixtures/[^\\]]+)\\]");

    record Counts(int tests, int passed, int failed, int skipped) {
    }

    record Deviation(Counts dorny, Counts ours, String reason) {
    }

    static final Map<String, Deviation> DEVIATIONS = Map.of(
            "fixtures/external/java/pulsar-test-report.xml", new Deviation(
                    new Counts(808, 793, 1, 14), new Counts(806, 793, 1, 12),
                    "TestNG writes a try it retries as a skipped <testcase> followed by the retry: two such pairs are"
                            + " one test each here; data-provider rows (repeats after a pass) stay separate tests"),
            "fixtures/external/java/TEST-org.apache.pulsar.AddMissingPatchVersionTest.xml", new Deviation(
                    new Counts(2, 0, 1, 1), new Counts(1, 0, 1, 0),
                    "a TestNG retry: the first try written as skipped, the retry as failed; one failed test"),
            "fixtures/external/jest/jest-test-results.xml", new Deviation(
                    new Counts(4239, 4207, 2, 30), new Counts(4238, 4206, 2, 30),
                    "one <testcase name=\"\"> is left out: with no name a test has no identity to track"));

    static Stream<Arguments> junitSummaries() throws IOException {
        if (!Corpus.isPresent()) {
            return Stream.of(Arguments.of("(corpus missing)"));
        }
        Path outputs = Corpus.root().resolve(ROOT + "__outputs__");
        try (Stream<Path> files = Files.list(outputs)) {
            return files.sorted().map(md -> Arguments.of(md.getFileName().toString())).toList().stream()
                    .filter(a -> isJunit(fixtureOf(outputs.resolve((String) a.get()[0]))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junitSummaries")
    void countsMatchTheRenderedSummary(String markdown) throws IOException {
        Path md = Corpus.resolve(ROOT + "__outputs__/" + markdown);
        String fixture = fixtureOf(md);
        Matcher summary = SUMMARY.matcher(Files.readString(md));
        assertThat(summary.find()).as("summary line in %s", markdown).isTrue();
        Counts dorny = new Counts(Integer.parseInt(summary.group(1)), Integer.parseInt(summary.group(2)),
                Integer.parseInt(summary.group(3)), Integer.parseInt(summary.group(4)));

        ReportSummary parsed = ParsedReport.of(Corpus.resolve(ROOT + fixture)).summary();
        Counts ours = new Counts(parsed.tests(), parsed.passed() + parsed.flaky(),
                parsed.failed() + parsed.errored(), parsed.skipped());

        Deviation deviation = DEVIATIONS.get(fixture);
        if (deviation == null) {
            assertThat(ours).isEqualTo(dorny);
        } else {
            assertThat(dorny).as("dorny's counts for %s", fixture).isEqualTo(deviation.dorny());
            assertThat(ours).as(deviation.reason()).isEqualTo(deviation.ours());
        }
    }

    private static String fixtureOf(Path md) {
        try {
            Matcher fixture = FIXTURE.matcher(Files.readString(md));
            if (!fixture.find()) {
                throw new AssertionError("no fixture named in " + md);
            }
            return fixture.group(1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean isJunit(String fixture) {
        Path file = Corpus.root().resolve(ROOT + fixture);
        if (!Files.exists(file)) {
            return false; // fixtures left out of the corpus (see SOURCES.md)
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return Reports.detect((BufferedInputStream) in) == ReportFormat.JUNIT_XML;
        } catch (RuntimeException | IOException e) {
            return false;
        }
    }
}
