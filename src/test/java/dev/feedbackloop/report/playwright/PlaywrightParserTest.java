package dev.feedbackloop.report.playwright;

import static dev.feedbackloop.model.AttemptStatus.ERROR;
import static dev.feedbackloop.model.AttemptStatus.FAILED;
import static dev.feedbackloop.model.AttemptStatus.PASSED;
import static dev.feedbackloop.model.AttemptStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.testing.ParsedReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlaywrightParserTest {

    private final PlaywrightParser parser = new PlaywrightParser();

    /** A report with one file suite, one describe block, and one spec holding the given tests. */
    static String report(String... tests) {
        return """
                {"config": {"version": "1.48.0", "metadata": {"actualWorkers": 2},
                            "projects": [{"name": "chromium"}, {"name": "firefox"}]},
                 "suites": [{"title": "login.spec.ts", "file": "login.spec.ts", "line": 0, "column": 0, "specs": [],
                   "suites": [{"title": "Login", "file": "login.spec.ts", "line": 3, "column": 6,
                     "specs": [{"title": "shows an error", "ok": false, "tags": ["smoke"], "id": "x-1",
                                "file": "login.spec.ts", "line": 12, "column": 7, "tests": [%s]}]}]}],
                 "errors": [],
                 "stats": {"startTime": "2024-05-01T10:00:00.000Z", "duration": 1500.4,
                           "expected": 0, "skipped": 0, "unexpected": 0, "flaky": 0}}"""
                .formatted(String.join(",\n", tests));
    }

    /** A test of one project whose results are given as JSON objects. */
    static String test(String project, String status, String... results) {
        return """
                {"timeout": 30000, "annotations": [], "expectedStatus": "passed", "projectName": "%s",
                 "projectId": "%s", "status": "%s", "results": [%s]}"""
                .formatted(project, project, status, String.join(",\n", results));
    }

    static String result(int retry, String status) {
        return """
                {"workerIndex": 0, "status": "%s", "duration": %d, "errors": [], "stdout": [], "stderr": [],
                 "retry": %d, "startTime": "2024-05-01T10:00:0%d.000Z", "attachments": []}"""
                .formatted(status, 100 + retry, retry, retry);
    }

    static Stream<Arguments> retriesAndStatuses() {
        return Stream.of(
                Arguments.of("passed", test("chromium", "expected", result(0, "passed")),
                        TestStatus.PASSED, List.of(PASSED)),
                Arguments.of("failed on every retry", test("chromium", "unexpected", result(0, "failed"),
                        result(1, "failed"), result(2, "failed")), TestStatus.FAILED, List.of(FAILED, FAILED, FAILED)),
                Arguments.of("failed, then passed on retry", test("chromium", "flaky", result(0, "failed"),
                        result(1, "passed")), TestStatus.FLAKY, List.of(FAILED, PASSED)),
                Arguments.of("timed out, then passed", test("chromium", "flaky", result(0, "timedOut"),
                        result(1, "passed")), TestStatus.FLAKY, List.of(ERROR, PASSED)),
                Arguments.of("timed out every time", test("chromium", "unexpected", result(0, "timedOut"),
                        result(1, "timedOut")), TestStatus.ERROR, List.of(ERROR, ERROR)),
                Arguments.of("skipped", test("chromium", "skipped", result(0, "skipped")),
                        TestStatus.SKIPPED, List.of(SKIPPED)),
                Arguments.of("interrupted counts as not run", test("chromium", "skipped",
                        result(0, "interrupted")), TestStatus.SKIPPED, List.of(SKIPPED)),
                Arguments.of("no results at all", test("chromium", "skipped"), TestStatus.SKIPPED, List.of(SKIPPED)),
                Arguments.of("test.fail() that failed passed", test("chromium", "expected", result(0, "failed"))
                        .replace("\"expectedStatus\": \"passed\"", "\"expectedStatus\": \"failed\""),
                        TestStatus.PASSED, List.of(PASSED)),
                Arguments.of("test.fail() that passed failed", test("chromium", "unexpected", result(0, "passed"))
                        .replace("\"expectedStatus\": \"passed\"", "\"expectedStatus\": \"failed\""),
                        TestStatus.FAILED, List.of(FAILED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retriesAndStatuses")
    void resultsPerRetryBecomeAttemptsInOrder(String name, String test, TestStatus status,
                                              List<AttemptStatus> attempts) {
        TestResult result = ParsedReport.of(parser, report(test)).single();

        assertThat(result.status()).isEqualTo(status);
        assertThat(result.attempts()).extracting(Attempt::status).containsExactlyElementsOf(attempts);
        assertThat(result.attempts()).extracting(Attempt::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, attempts.size()).boxed().toList());
    }

    @Test
    void eachProjectIsItsOwnTestNamedTheWayPlaywrightPrintsIt() {
        List<TestResult> results = ParsedReport.of(parser, report(
                test("chromium", "expected", result(0, "passed")),
                test("firefox", "unexpected", result(0, "failed")))).results();

        assertThat(results).extracting(r -> r.test().name())
                .containsExactly("[chromium] Login › shows an error", "[firefox] Login › shows an error");
        assertThat(results).extracting(r -> r.test().suite()).containsOnly("login.spec.ts");
        assertThat(results).extracting(r -> r.test().properties().get(PlaywrightSpecs.PROJECT))
                .containsExactly("chromium", "firefox");
        assertThat(results.get(0).test().id("shop")).isNotEqualTo(results.get(1).test().id("shop"));
        assertThat(results.get(0).test().file()).contains("login.spec.ts");
        assertThat(results.get(0).test().line()).hasValue(12);
        assertThat(results.get(0).test().tags()).containsExactly("smoke");
    }

    @Test
    void repeatEachRunsOfOneProjectAreAttemptsOfOneTest() {
        TestResult result = ParsedReport.of(parser, report(
                test("chromium", "expected", result(0, "passed")),
                test("chromium", "unexpected", result(0, "failed")))).single();

        assertThat(result.status()).isEqualTo(TestStatus.FLAKY);
        assertThat(result.attempts()).extracting(Attempt::status).containsExactly(PASSED, FAILED);
    }

    @Test
    void theUnnamedDefaultProjectAddsNoPrefix() {
        TestResult result = ParsedReport.of(parser, report(test("", "expected", result(0, "passed")))).single();

        assertThat(result.test().name()).isEqualTo("Login › shows an error");
        assertThat(result.test().properties()).doesNotContainKey(PlaywrightSpecs.PROJECT);
    }

    @Test
    void failureKeepsMessageStackAndTypeWithoutColours() {
        String failed = """
                {"workerIndex": 0, "status": "failed", "duration": 812.6, "retry": 0, "startTime": "x",
                 "error": {"message": "\\u001b[31mTimeoutError\\u001b[39m: locator.click: Timeout 5000ms exceeded.",
                           "stack": "TimeoutError: locator.click: Timeout 5000ms exceeded.\\n    at login.spec.ts:14:9",
                           "location": {"file": "/ci/tests/login.spec.ts", "line": 14, "column": 9}},
                 "errors": [{"message": "TimeoutError: locator.click: Timeout 5000ms exceeded.",
                             "location": {"file": "/ci/tests/login.spec.ts", "line": 14, "column": 9}},
                            {"message": "\\u001b[2mError: expect(received).toBe(expected)\\u001b[22m"}],
                 "stdout": [{"text": "navigating\\n"}, {"buffer": "YnVmZmVyZWQgb3V0Cg=="}],
                 "stderr": [{"text": "\\u001b[33mwarning\\u001b[39m\\n"}],
                 "errorLocation": {"file": "/ci/tests/login.spec.ts", "line": 14, "column": 9}}""";
        Attempt attempt = ParsedReport.of(parser, report(test("chromium", "unexpected", failed)))
                .single().attempts().get(0);

        Failure failure = attempt.failure().orElseThrow();
        assertThat(failure.message()).isEqualTo("TimeoutError: locator.click: Timeout 5000ms exceeded."
                + "\n\nError: expect(received).toBe(expected)");
        assertThat(failure.type()).contains("TimeoutError");
        assertThat(failure.stackTrace()).hasValueSatisfying(s -> assertThat(s).endsWith("at login.spec.ts:14:9"));
        assertThat(attempt.durationMillis()).isEqualTo(813);
        assertThat(attempt.stdout()).isEqualTo("navigating\nbuffered out\n");
        assertThat(attempt.stderr()).isEqualTo("warning\n");
    }

    @Test
    void anErrorWithoutStackPointsAtItsLocation() {
        String failed = """
                {"status": "failed", "duration": 5, "retry": 0,
                 "errors": [{"message": "Error: boom", "location": {"file": "a.spec.ts", "line": 3, "column": 5}}]}""";
        Failure failure = ParsedReport.of(parser, report(test("chromium", "unexpected", failed))).single()
                .lastFailure().orElseThrow();

        assertThat(failure.message()).isEqualTo("Error: boom");
        assertThat(failure.type()).contains("Error");
        assertThat(failure.stackTrace()).contains("    at a.spec.ts:3:5");
    }

    @Test
    void aFailingResultWithoutErrorsStillSaysWhatHappened() {
        Failure failure = ParsedReport.of(parser, report(test("chromium", "unexpected", result(0, "timedOut"))))
                .single().lastFailure().orElseThrow();

        assertThat(failure.message()).isEqualTo("timed out (the report gives no error details)");
    }

    @Test
    void skipAnnotationGivesTheReason() {
        String skipped = test("chromium", "skipped", result(0, "skipped")).replace("\"annotations\": []",
                "\"annotations\": [{\"type\": \"skip\", \"description\": \"not on CI\"},"
                        + " {\"type\": \"issue\", \"description\": \"https://x/1\"}]");
        TestResult result = ParsedReport.of(parser, report(skipped)).single();

        assertThat(result.attempts().get(0).failure()).map(Failure::message).contains("not on CI");
        assertThat(result.test().properties()).containsEntry("annotation.issue", "https://x/1");
    }

    /**
     * Deliberate deviation from Playwright's own counts: an error outside any test (a spec file that does not load,
     * a failing global setup) is not in Playwright's {@code stats}, but it is why the run failed, so it becomes an
     * ERROR result that is classified and seen like any failure instead of being dropped.
     */
    @Test
    void errorsOutsideTestsBecomeOneErrorResultPerFile() {
        String document = report(test("chromium", "expected", result(0, "passed"))).replace("\"errors\": []", """
                "errors": [{"message": "Error: Cannot find module './page'",
                            "stack": "Error: Cannot find module './page'\\n    at broken.spec.ts:1:1",
                            "location": {"file": "/home/runner/work/app/app/tests/broken.spec.ts", "line": 1,
                                         "column": 1}},
                           {"message": "SyntaxError: Unexpected token",
                            "location": {"file": "/home/runner/work/app/app/tests/broken.spec.ts", "line": 9,
                                         "column": 2}},
                           {"message": "Error: global setup failed"}]""");
        List<TestResult> results = ParsedReport.of(parser, document).results();

        assertThat(results).hasSize(3);
        TestResult broken = results.get(1);
        assertThat(broken.status()).isEqualTo(TestStatus.ERROR);
        assertThat(broken.test().name()).isEqualTo(PlaywrightSpecs.GLOBAL_ERROR_NAME);
        assertThat(broken.test().file()).contains("/home/runner/work/app/app/tests/broken.spec.ts");
        assertThat(broken.lastFailure().orElseThrow().message())
                .isEqualTo("Error: Cannot find module './page'\n\nSyntaxError: Unexpected token");
        assertThat(results.get(2).test().file()).isEmpty();
    }

    @Test
    void specsWrittenBeforeTheirSuiteTitleStillGetIt() {
        String document = """
                {"suites": [{"file": "a.spec.ts", "suites": [{"specs": [{"title": "works", "file": "a.spec.ts",
                  "line": 2, "tests": [%s]}], "title": "Outer"}], "title": "a.spec.ts"}]}"""
                .formatted(test("", "expected", result(0, "passed")));

        assertThat(ParsedReport.of(parser, document).single().test().name()).isEqualTo("Outer › works");
    }

    @Test
    void reportInfoCarriesVersionTimesAndProjects() {
        ReportInfo info = ParsedReport.of(parser, report(test("chromium", "expected", result(0, "passed"))))
                .info().orElseThrow();

        assertThat(info.tool()).contains("playwright 1.48.0");
        assertThat(info.startedAt()).contains(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(info.finishedAt()).contains(Instant.parse("2024-05-01T10:00:01.500Z"));
        assertThat(info.environment()).containsEntry("actualWorkers", "2")
                .containsEntry("playwright.projects", "chromium, firefox");
    }

    @Test
    void countsMatchPlaywrightStats() throws Exception {
        String document = report(
                test("chromium", "expected", result(0, "passed")),
                test("firefox", "flaky", result(0, "failed"), result(1, "passed")),
                test("webkit", "unexpected", result(0, "failed"), result(1, "timedOut")),
                test("mobile", "skipped", result(0, "skipped")))
                .replace("\"expected\": 0, \"skipped\": 0, \"unexpected\": 0, \"flaky\": 0",
                        "\"expected\": 1, \"skipped\": 1, \"unexpected\": 1, \"flaky\": 1");

        ReportSummary summary = Reports.standard().parse("report.json",
                new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), r -> { });

        assertThat(summary.format()).isEqualTo(ReportFormat.PLAYWRIGHT_JSON);
        PlaywrightCorpusTest.assertMatchesStats(summary, new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(document).path("stats"));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("empty", "", null, "file is empty"),
                Arguments.of("a string, not an object", "\"report\"", "$", "a Playwright JSON report is a JSON"
                        + " object, found a string"),
                Arguments.of("no suites", "{\"config\": {}, \"errors\": []}", "$.suites",
                        "not a Playwright JSON report: no 'suites' array"),
                Arguments.of("suites not an array", "{\"suites\": {}}", "$.suites", "expected an array of suites"),
                Arguments.of("truncated inside a spec", report(test("chromium", "expected", result(0, "passed")))
                        .substring(0, 400), "$.suites[0].suites[0].specs[0]", "truncated JSON"),
                Arguments.of("spec without tests", "{\"suites\": [{\"title\": \"a.spec.ts\", \"specs\":"
                        + " [{\"title\": \"x\"}]}]}", "$.suites[0].specs[0]", "needs a 'title' and a 'tests' array"),
                Arguments.of("malformed", "{\"suites\": [}", "$.suites", "malformed JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRejectedWithWhereAndWhat(String name, String document, String location, String problem) {
        ParsedReport.assertRejected(parser, document, location, problem);
    }
}
