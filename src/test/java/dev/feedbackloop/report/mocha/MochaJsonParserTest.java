package dev.feedbackloop.report.mocha;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.testing.ParsedReport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** mocha's JSON reporter output, in the shape mocha writes it and in shapes other tools write. */
class MochaJsonParserTest {

    private static final String PASSED = """
            {"title": "adds", "fullTitle": "Cart adds", "file": "/ci/app/test/cart.spec.js", "duration": 3,
             "currentRetry": 0, "speed": "fast", "err": {}}""";
    private static final String PENDING = """
            {"title": "removes", "fullTitle": "Cart removes", "file": "/ci/app/test/cart.spec.js",
             "currentRetry": 0, "err": {}}""";
    private static final String FAILED = """
            {"title": "totals", "fullTitle": "Cart totals", "file": "/ci/app/test/cart.spec.js", "duration": 2,
             "currentRetry": 0, "err": {"message": "expected 3 to equal 4", "name": "AssertionError",
             "stack": "AssertionError: expected 3 to equal 4\\n    at Context.<anonymous> (test/cart.spec.js:9:5)",
             "actual": "3", "expected": "4", "operator": "strictEqual"}}""";
    private static final String HOOK = """
            {"title": "\\"before each\\" hook for \\"adds\\"", "fullTitle": "Cart \\"before each\\" hook for \\"adds\\"",
             "file": "/ci/app/test/cart.spec.js", "duration": 1, "currentRetry": 0,
             "err": {"message": "connect ECONNREFUSED 127.0.0.1:5432", "stack": "Error: connect ECONNREFUSED"}}""";

    private final MochaJsonParser parser = new MochaJsonParser();

    @Test
    void theTestsArrayGivesEachTestOnceWithTheOutcomeMochaFilledIn() {
        ParsedReport report = ParsedReport.of(mocha(PASSED, PENDING, FAILED));

        assertThat(report.summary().format()).isEqualTo(ReportFormat.MOCHA_JSON);
        assertThat(report.outline()).containsExactly("Cart|adds|PASSED|PASSED", "Cart|removes|SKIPPED|SKIPPED",
                "Cart|totals|FAILED|FAILED");
        Failure failure = report.result("totals").lastFailure().orElseThrow();
        assertThat(failure.message()).isEqualTo("expected 3 to equal 4");
        assertThat(failure.type()).contains("AssertionError");
        assertThat(failure.stackTrace().orElseThrow()).contains("test/cart.spec.js:9:5");
        assertThat(report.result("adds").test().file()).contains("/ci/app/test/cart.spec.js");
        assertThat(report.result("adds").durationMillis()).isEqualTo(3);
        assertThat(report.info().orElseThrow().startedAt()).isPresent();
    }

    @Test
    void aFailedHookAppearsOnlyInFailuresAndIsAnError() {
        ParsedReport report = ParsedReport.of(mocha(PASSED) .replace("\"failures\": []", "\"failures\": [" + HOOK + "]"));

        assertThat(report.outline()).containsExactly("Cart|adds|PASSED|PASSED",
                "Cart|\"before each\" hook for \"adds\"|ERROR|ERROR");
    }

    @Test
    void aTimeoutIsAnError() {
        String timeout = FAILED.replace("\"message\": \"expected 3 to equal 4\"",
                "\"message\": \"Timeout of 2000ms exceeded. For async tests and hooks, ensure done() is called\","
                        + " \"code\": \"ERR_MOCHA_TIMEOUT\"");

        assertThat(ParsedReport.of(mocha(timeout)).single().status())
                .isEqualTo(dev.feedbackloop.model.TestStatus.ERROR);
    }

    @Test
    void retriesBeforeTheFinalEntryAreFailedAttempts() {
        TestResult result = ParsedReport.of(mocha(PASSED.replace("\"currentRetry\": 0", "\"currentRetry\": 2")))
                .single();

        assertThat(result.attempts()).extracting(Attempt::status).containsExactly(AttemptStatus.FAILED,
                AttemptStatus.FAILED, AttemptStatus.PASSED);
    }

    @Test
    void sortedArraysWrittenFirstAreTheSourceAndTheTestsArrayIsNotReadTwice() {
        String reordered = """
                {"failures": [%s], "passes": [%s], "pending": [%s], "stats": {"tests": 3}, "tests": [%s, %s, %s]}"""
                .formatted(FAILED, PASSED, PENDING, PASSED, PENDING, FAILED);

        assertThat(ParsedReport.of(reordered).outline()).containsExactly("Cart|totals|FAILED|FAILED",
                "Cart|adds|PASSED|PASSED", "Cart|removes|SKIPPED|SKIPPED");
    }

    @Test
    void testsSharingSuiteAndTitleAreNumbered() {
        assertThat(ParsedReport.of(mocha(PASSED, PASSED)).outline()).containsExactly("Cart|adds|PASSED|PASSED",
                "Cart|adds [2]|PASSED|PASSED");
    }

    @Test
    void aTestOutsideAnyDescribeHasNoSuiteAndAColouredMessageIsCleaned() {
        String root = """
                {"title": "works", "fullTitle": "works", "file": "test/a.js", "duration": 1,
                 "err": {"message": "\\u001b[31mred\\u001b[39m", "stack": "%s"}}""".formatted("s".repeat(40_000));

        TestResult result = ParsedReport.of(mocha(root)).single();

        assertThat(result.test().suite()).isEmpty();
        assertThat(result.lastFailure().orElseThrow().message()).isEqualTo("red");
        assertThat(result.lastFailure().orElseThrow().stackTrace().orElseThrow().length())
                .isLessThanOrEqualTo(TextLimits.STACK_TRACE);
    }

    static Stream<Arguments> hostileDocuments() {
        return Stream.of(
                Arguments.of("truncated", mocha(PASSED).substring(0, mocha(PASSED).indexOf("\"speed\"")), "$.tests[0]",
                        "truncated JSON"),
                Arguments.of("tests an object", "{\"stats\": {}, \"tests\": {}}", "$.tests", "must be an array"),
                Arguments.of("a test a string", "{\"stats\": {}, \"tests\": [\"adds\"]}", "$.tests[0]",
                        "must be an object, was a string"),
                Arguments.of("title missing", "{\"stats\": {}, \"tests\": [{\"fullTitle\": \"x\"}]}",
                        "$.tests[0].title (line 1)", "is required but missing"),
                Arguments.of("title a number", "{\"stats\": {}, \"tests\": [{\"title\": 5}]}", "$.tests[0].title",
                        "must be a string, was a number"),
                Arguments.of("duration a string", "{\"stats\": {}, \"tests\": [{\"title\": \"t\", \"duration\": \"3ms\"}]}",
                        "$.tests[0].duration", "must be a number, was a string"),
                Arguments.of("err a string", "{\"stats\": {}, \"tests\": [{\"title\": \"t\", \"err\": \"boom\"}]}",
                        "$.tests[0].err", "must be an object, was a string"),
                Arguments.of("no arrays at all", "{\"stats\": {\"tests\": 0}, \"passes\": null}", "$",
                        "no 'tests', 'passes', 'failures' or 'pending' array"),
                Arguments.of("deeply nested", "{\"stats\": {}, \"tests\": [{\"title\": \"t\", \"err\": "
                        + "{\"a\": ".repeat(300) + "1" + "}".repeat(300) + "}]}", "$.tests[0]",
                        "JSON exceeds a safety limit"),
                Arguments.of("an enormous string", "{\"stats\": {}, \"tests\": [{\"title\": \""
                        + "x".repeat(9 * 1024 * 1024) + "\"}]}", "$.tests[0]", "JSON exceeds a safety limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void hostileDocumentsAreRefusedNamingTheField(String name, String document, String location, String problem) {
        ParsedReport.assertRejected(parser, document, location, problem);
    }

    private static String mocha(String... tests) {
        return """
                {"stats": {"suites": 1, "tests": %d, "start": "2024-05-01T10:00:00.000Z",
                           "end": "2024-05-01T10:00:01.000Z", "duration": 1000},
                 "tests": [%s], "pending": [], "failures": [], "passes": []}"""
                .formatted(tests.length, String.join(",\n", tests));
    }
}
