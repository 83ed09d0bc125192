package dev.feedbackloop.report.junit;

import static dev.feedbackloop.model.AttemptStatus.FAILED;
import static dev.feedbackloop.model.AttemptStatus.PASSED;
import static dev.feedbackloop.model.AttemptStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.xml.SafeXml;
import dev.feedbackloop.testing.Corpus;
import dev.feedbackloop.testing.ParsedReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mikepenz/action-junit-report's dialect samples and Gradle's rerun format ({@code ../shared/corpus}).
 *
 * <p>mikepenz keeps its expectations in test code (not in the corpus), so each file's own {@code tests},
 * {@code failures}, {@code errors} and {@code skipped}/{@code disabled} attributes are the reference: our counts of
 * tests, failed, errored and skipped must equal them (flaky tests count as passing, as surefire counts them). Files
 * where that cannot hold are listed in {@link #DEVIATIONS} with the counts we give and why.
 */
class MikepenzAndGradleConformanceTest {

    private static final String MIKEPENZ = "reports/mikepenz-action-junit-report/test_results/";
    private static final String GRADLE = "reports/gradle-junit-xml-rerun/";

    /** Counts as {@link ReportSummary} gives them. */
    record Counts(int tests, int passed, int failed, int errored, int skipped, int flaky) {
        static Counts of(ReportSummary s) {
            return new Counts(s.tests(), s.passed(), s.failed(), s.errored(), s.skipped(), s.flaky());
        }
    }

    record Deviation(Counts counts, String reason) {
    }

    private static final String RETRIES_MERGED = "the file counts every <testcase> element; repeated elements of one"
            + " test are its retries here, merged into one result";
    private static final String EXCERPT = "the header counts come from a larger report this sample was cut from";

    static final Map<String, Deviation> DEVIATIONS = Map.ofEntries(
            Map.entry("flaky_retries/flaky_all_failures.xml", new Deviation(new Counts(1, 0, 1, 0, 0, 0),
                    RETRIES_MERGED + "; failing on every try is failed, not flaky")),
            Map.entry("flaky_retries/flaky_success_first.xml", new Deviation(new Counts(3, 1, 1, 1, 0, 0),
                    "no retry tool retries a try that passed: elements repeating a name after a pass are separate"
                            + " invocations (TestNG data-provider rows), so a failing row is not hidden as flaky")),
            Map.entry("flaky_retries/flaky_with_classname_file.xml", new Deviation(new Counts(3, 2, 0, 0, 0, 1),
                    RETRIES_MERGED + "; the same name in another class stays a separate test")),
            Map.entry("junit-server-test/report.xml", new Deviation(new Counts(3, 1, 0, 0, 1, 1),
                    "go test reruns TestWebSocketReconnectRace after its failure and it passes: flaky, not failed")),
            Map.entry("multiple_failures/test_multiple_errors.xml", new Deviation(new Counts(3, 1, 0, 2, 0, 0),
                    "the file counts <failure>/<error> elements; several in one test case are one attempt, an error"
                            + " outranking a failure")),
            Map.entry("multiple_failures/test_multiple_failures.xml", new Deviation(new Counts(4, 1, 2, 0, 1, 0),
                    "the file counts <failure> elements; three in one test case are one failed attempt")),
            Map.entry("issues/testFailedDisabled.xml", new Deviation(new Counts(1, 0, 0, 0, 1, 0),
                    "no counts in the file; status=\"disabled\" means the test did not run, its <failure> is kept"
                            + " as the reason")),
            Map.entry("nested/junit.xml", new Deviation(new Counts(5, 2, 3, 0, 0, 0),
                    "the outer suites claim 4 tests and 0 failures; the innermost suites (2+2+1 tests, 3 failures)"
                            + " agree with the test cases")),
            Map.entry("nested/multi-level.xml", new Deviation(new Counts(3, 3, 0, 0, 0, 0), EXCERPT)),
            Map.entry("mocha/mocha.xml", new Deviation(new Counts(1, 1, 0, 0, 0, 0), EXCERPT)),
            Map.entry("container-structure/test.xml", new Deviation(new Counts(3, 3, 0, 0, 0, 0), EXCERPT)),
            Map.entry("multiple/test_10.xml", new Deviation(new Counts(3, 3, 0, 0, 0, 0), EXCERPT)),
            Map.entry("multiple/test_11.xml", new Deviation(new Counts(3, 2, 1, 0, 0, 0), EXCERPT)),
            Map.entry("multiple/test_12.xml", new Deviation(new Counts(3, 2, 0, 0, 1, 0), EXCERPT)),
            Map.entry("python/report_flaky.xml", new Deviation(new Counts(4, 2, 2, 0, 0, 0),
                    "a fourth test case was added to a copy of report.xml without updating its header")));

    /** Files that are not valid reports and must be refused, with what the error must say. */
    static final Map<String, String> REJECTED = Map.of(
            "corrupt-junit/e2e-tests/corrupt/target/sf-reports/TEST-test.CorruptTest.xml",
            "line 18, column 26: unexpected end of file inside <system-out> of <testcase name=\"testEM\">",
            // Templates from mikepenz's tests: "<<computed>>" in an attribute is not well-formed XML.
            "junit-web-test/expected.xml", "line 9, column 59: malformed XML: The value of attribute \"time\"",
            "junit-web-test/expectedRetries.xml", "line 9, column 59: malformed XML: The value of attribute \"time\"");

    static Stream<Arguments> mikepenzFiles() throws IOException {
        if (!Corpus.isPresent()) {
            return Stream.of(Arguments.of("(corpus missing)"));
        }
        Path root = Corpus.root().resolve(MIKEPENZ);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted()
                    .map(p -> Arguments.of(root.relativize(p).toString())).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mikepenzFiles")
    void countsMatchTheFilesOwnAttributesOrTheDocumentedDeviation(String relative) throws IOException {
        Path file = Corpus.resolve(MIKEPENZ + relative);
        if (REJECTED.containsKey(relative)) {
            assertThatThrownBy(() -> ParsedReport.of(file)).isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith(file.getFileName() + ": " + REJECTED.get(relative));
            return;
        }
        Counts actual = Counts.of(ParsedReport.of(file).summary());
        Deviation deviation = DEVIATIONS.get(relative);
        if (deviation != null) {
            assertThat(actual).as(deviation.reason()).isEqualTo(deviation.counts());
            return;
        }
        Declared declared = Declared.read(file);
        assertThat(List.of(actual.tests(), actual.failed(), actual.errored(), actual.skipped()))
                .as("tests, failures, errors, skipped as %s declares them", relative)
                .isEqualTo(List.of(declared.tests, declared.failures, declared.errors, declared.skipped));
    }

    @Test
    void surefireFlakyFailureIsAFailedAttemptBeforeThePass() {
        TestResult result = ParsedReport.of(Corpus.resolve(MIKEPENZ + "maven_surefire_flaky/surefire-report.xml"))
                .result("createWebhook");
        assertThat(result.status()).isEqualTo(TestStatus.FLAKY);
        assertThat(ParsedReport.statuses(result)).containsExactly(FAILED, PASSED);
        Attempt failed = result.attempts().get(0);
        assertThat(failed.failure()).map(Failure::type).contains(java.util.Optional.of("java.lang.AssertionError"));
        assertThat(failed.failure().orElseThrow().message()).isEqualTo("Expected: <false>\n     but: was <true>");
        assertThat(failed.failure().orElseThrow().stackTrace().orElseThrow())
                .startsWith("java.lang.AssertionError:").contains("MicrosoftTeamsCrudTest.java:58");
        assertThat(failed.stderr()).isEqualTo("Some error output here");
        assertThat(result.attempts().get(1).durationMillis()).isEqualTo(683);
    }

    @Test
    void marathonFlakyFailureWithoutMessageKeepsItsStackTrace() {
        TestResult result = ParsedReport.of(Corpus.resolve(MIKEPENZ + "junit_flaky_failure/marathon_junit_report.xml"))
                .result("testFlakyFailure");
        assertThat(result.status()).isEqualTo(TestStatus.FLAKY);
        assertThat(result.lastFailure().orElseThrow().headline()).isEqualTo("junit.framework.AssertionFailedError");
    }

    @Test
    void gradleFlakyAndRerunFailuresGiveAttemptsWithTheirOwnOutput() {
        ParsedReport report = ParsedReport.of(Corpus.resolve(GRADLE + "many-failing-executions.xml"));
        assertThat(report.outline()).containsExactly(
                "com.Flaky|m1|FLAKY|FAILED,FAILED,PASSED",
                "com.Flaky|m2|FAILED|FAILED,FAILED,FAILED");
        TestResult m1 = report.result("m1");
        assertThat(m1.attempts()).extracting(Attempt::stdout).containsExactly("m1-out-1", "m1-out-2", "m1-out-3");
        assertThat(m1.attempts()).extracting(Attempt::stderr).containsExactly("m1-err-1", "m1-err-2", "m1-err-3");
        assertThat(m1.attempts().get(1).failure()).contains(
                Failure.of("m1-message-2", "ExceptionType", "m1-stackTrace-2"));
        TestResult m2 = report.result("m2");
        assertThat(m2.attempts()).extracting(a -> a.failure().orElseThrow().stackTrace().orElseThrow())
                .containsExactly("m2-stackTrace-1", "m2-stackTrace-2", "m2-stackTrace-3");
        assertThat(m2.attempts()).extracting(Attempt::stdout).containsExactly("m2-out-1", "m2-out-2", "m2-out-3");
    }

    @Test
    void gradleTestcasesSplitByNonFailedResultsMergeIntoOneFlakyTest() {
        ParsedReport report = ParsedReport.of(Corpus.resolve(GRADLE + "testcases-split-by-non-failed-results.xml"));
        assertThat(report.outline()).containsExactly(
                "com.Flaky|m1|FLAKY|FAILED,FAILED,PASSED,FAILED,SKIPPED,FAILED,FAILED");
        assertThat(report.result("m1").attempts()).extracting(a -> a.failure().map(Failure::message).orElse(""))
                .containsExactly("m1-message-1", "m1-message-2", "", "m1-message-3", "", "m1-message-4",
                        "m1-message-5");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"many-failing-executions.xml",
            "merges-simple-output-per-testcase.xml", "testcases-split-by-non-failed-results.xml"})
    void gradleCountsEveryExecutionAndWeKeepEveryOneAsAnAttempt(String name) throws IOException {
        Path file = Corpus.resolve(GRADLE + name);
        ParsedReport report = ParsedReport.of(file);
        List<AttemptStatus> attempts = report.results().stream().flatMap(r -> ParsedReport.statuses(r).stream())
                .toList();
        Declared declared = Declared.read(file);
        assertThat(attempts).hasSize(declared.tests);
        assertThat(attempts.stream().filter(AttemptStatus::isFailing)).hasSize(declared.failures);
        assertThat(attempts.stream().filter(s -> s == SKIPPED)).hasSize(declared.skipped);
        assertThat(report.summary().flaky()).isEqualTo(1);
    }

    /** The counts a JUnit file declares: on its {@code <testsuites>} root, else summed over its top-level suites. */
    record Declared(int tests, int failures, int errors, int skipped) {
        static Declared read(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                XMLStreamReader xml = SafeXml.open(in);
                xml.nextTag();
                if (xml.getLocalName().equals("testsuites") && xml.getAttributeValue(null, "tests") != null) {
                    return of(xml);
                }
                Declared sum = xml.getLocalName().equals("testsuite") ? of(xml) : new Declared(0, 0, 0, 0);
                int depth = 1;
                while (depth > 0) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        if (depth == 1 && xml.getLocalName().equals("testsuite")) {
                            sum = sum.plus(of(xml));
                        }
                        depth++;
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
                return sum;
            } catch (XMLStreamException e) {
                throw SafeXml.translate(e);
            }
        }

        private static Declared of(XMLStreamReader xml) {
            return new Declared(count(xml, "tests"), count(xml, "failures"), count(xml, "errors"),
                    count(xml, "skipped") + count(xml, "skips") + count(xml, "disabled"));
        }

        private Declared plus(Declared other) {
            return new Declared(tests + other.tests, failures + other.failures, errors + other.errors,
                    skipped + other.skipped);
        }

        private static int count(XMLStreamReader xml, String attribute) {
            String value = xml.getAttributeValue(null, attribute);
            return value == null || value.isBlank() ? 0 : Integer.parseInt(value.strip());
        }
    }
}
