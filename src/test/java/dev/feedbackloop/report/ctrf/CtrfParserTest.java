package dev.feedbackloop.report.ctrf;

import static dev.feedbackloop.model.AttemptStatus.ERROR;
import static dev.feedbackloop.model.AttemptStatus.FAILED;
import static dev.feedbackloop.model.AttemptStatus.PASSED;
import static dev.feedbackloop.model.AttemptStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.testing.ParsedReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CtrfParserTest {

    private final CtrfParser parser = new CtrfParser();

    /** A valid CTRF document around the given test objects. */
    static String ctrf(String... tests) {
        return """
                {"reportFormat": "CTRF", "specVersion": "1.0.0",
                 "results": {
                   "tool": {"name": "jest", "version": "29.7.0"},
                   "summary": {"tests": 1, "passed": 1, "failed": 0, "skipped": 0, "pending": 0, "other": 0,
                               "start": 1700000000000, "stop": 1700000005000},
                   "tests": [%s],
                   "environment": {"branchName": "main", "buildNumber": 42}
                 }}""".formatted(String.join(",\n", tests));
    }

    static Stream<Arguments> statusesAndRetries() {
        return Stream.of(
                Arguments.of("passed", """
                        {"name": "t", "status": "passed", "duration": 5}""", TestStatus.PASSED, List.of(PASSED)),
                Arguments.of("failed", """
                        {"name": "t", "status": "failed", "duration": 5, "message": "boom"}""",
                        TestStatus.FAILED, List.of(FAILED)),
                Arguments.of("skipped", """
                        {"name": "t", "status": "skipped", "duration": 0}""", TestStatus.SKIPPED, List.of(SKIPPED)),
                Arguments.of("pending is skipped", """
                        {"name": "t", "status": "pending", "duration": 0}""", TestStatus.SKIPPED, List.of(SKIPPED)),
                Arguments.of("other without failure text is skipped", """
                        {"name": "t", "status": "other", "duration": 0}""", TestStatus.SKIPPED, List.of(SKIPPED)),
                Arguments.of("other with a message is an error", """
                        {"name": "t", "status": "other", "duration": 3, "message": "worker crashed"}""",
                        TestStatus.ERROR, List.of(ERROR)),
                Arguments.of("flaky with retries and no details: N failures, then the pass", """
                        {"name": "t", "status": "passed", "duration": 5, "flaky": true, "retries": 2}""",
                        TestStatus.FLAKY, List.of(FAILED, FAILED, PASSED)),
                Arguments.of("flaky flag alone means at least one failed attempt", """
                        {"name": "t", "status": "passed", "duration": 5, "flaky": true}""",
                        TestStatus.FLAKY, List.of(FAILED, PASSED)),
                Arguments.of("failed on every retry is failed, not flaky", """
                        {"name": "t", "status": "failed", "duration": 5, "retries": 2, "message": "still broken"}""",
                        TestStatus.FAILED, List.of(FAILED, FAILED, FAILED)),
                Arguments.of("retries on a skipped test add nothing", """
                        {"name": "t", "status": "skipped", "duration": 0, "retries": 2}""",
                        TestStatus.SKIPPED, List.of(SKIPPED)),
                Arguments.of("retryAttempts listing every execution (retries + 1 entries)", """
                        {"name": "t", "status": "passed", "duration": 9, "retries": 1, "flaky": true,
                         "retryAttempts": [{"attempt": 1, "status": "failed", "message": "timeout"},
                                           {"attempt": 2, "status": "passed"}]}""",
                        TestStatus.FLAKY, List.of(FAILED, PASSED)),
                Arguments.of("retryAttempts listing only earlier executions (retries entries)", """
                        {"name": "t", "status": "passed", "duration": 9, "retries": 2,
                         "retryAttempts": [{"attempt": 1, "status": "failed"}, {"attempt": 2, "status": "failed"}]}""",
                        TestStatus.FLAKY, List.of(FAILED, FAILED, PASSED)),
                Arguments.of("retryAttempts without retries, last entry differs from the final status", """
                        {"name": "t", "status": "passed", "duration": 9,
                         "retryAttempts": [{"attempt": 1, "status": "failed"}]}""",
                        TestStatus.FLAKY, List.of(FAILED, PASSED)),
                Arguments.of("retryAttempts without retries, last entry is the final execution", """
                        {"name": "t", "status": "failed", "duration": 9,
                         "retryAttempts": [{"attempt": 1, "status": "failed"}, {"attempt": 2, "status": "failed"}]}""",
                        TestStatus.FAILED, List.of(FAILED, FAILED)),
                Arguments.of("retryAttempts out of order are put in attempt order", """
                        {"name": "t", "status": "passed", "duration": 9, "retries": 2,
                         "retryAttempts": [{"attempt": 3, "status": "passed"}, {"attempt": 1, "status": "failed"},
                                           {"attempt": 2, "status": "skipped"}]}""",
                        TestStatus.FLAKY, List.of(FAILED, SKIPPED, PASSED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusesAndRetries")
    void statusesAndRetriesBecomeAttempts(String name, String test, TestStatus status, List<AttemptStatus> attempts) {
        TestResult result = ParsedReport.of(parser, ctrf(test)).single();

        assertThat(result.status()).isEqualTo(status);
        assertThat(result.attempts()).extracting(Attempt::status).containsExactlyElementsOf(attempts);
    }

    @Test
    void retryAttemptsKeepTheirOwnDetailsAndTheFinalAttemptTakesTheTestFields() {
        TestResult result = ParsedReport.of(parser, ctrf("""
                {"name": "t", "status": "failed", "duration": 40, "retries": 1,
                 "message": "Error: final", "trace": "Error: final\\n    at login.spec.ts:3:1",
                 "stdout": ["final out"],
                 "retryAttempts": [{"attempt": 1, "status": "failed", "duration": 30,
                                    "message": "TimeoutError: locator.click: Timeout 5000ms exceeded.",
                                    "trace": "TimeoutError: locator.click\\n    at x.ts:1:1",
                                    "stdout": ["line 1", "line 2"], "stderr": ["warn"]}]}""")).single();

        Attempt first = result.attempts().get(0);
        assertThat(first.durationMillis()).isEqualTo(30);
        assertThat(first.failure()).hasValueSatisfying(f -> {
            assertThat(f.message()).isEqualTo("TimeoutError: locator.click: Timeout 5000ms exceeded.");
            assertThat(f.type()).contains("TimeoutError");
            assertThat(f.stackTrace()).hasValueSatisfying(s -> assertThat(s).contains("at x.ts:1:1"));
        });
        assertThat(first.stdout()).isEqualTo("line 1\nline 2");
        assertThat(first.stderr()).isEqualTo("warn");
        Attempt last = result.attempts().get(1);
        assertThat(last.durationMillis()).isEqualTo(40);
        assertThat(last.failure()).map(Failure::message).contains("Error: final");
        assertThat(last.failure()).flatMap(Failure::type).contains("Error");
        assertThat(last.stdout()).isEqualTo("final out");
    }

    @Test
    void attemptsWithoutDetailsTakeNoDurationAndAnEmptyFailure() {
        TestResult result = ParsedReport.of(parser, ctrf("""
                {"name": "t", "status": "passed", "duration": 70, "flaky": true, "retries": 1}""")).single();

        assertThat(result.attempts().get(0).durationMillis()).isZero();
        assertThat(result.attempts().get(0).failure()).map(Failure::message).contains("");
        assertThat(result.attempts().get(1).durationMillis()).isEqualTo(70);
    }

    @Test
    void suiteFileTagsAndMetadataDescribeTheTest() {
        TestCase test = ParsedReport.of(parser, ctrf("""
                {"name": "logs in", "status": "passed", "duration": 1, "suite": ["login.spec.ts", "Login"],
                 "filePath": "tests/login.spec.ts", "line": 12, "tags": ["@smoke", "@smoke", "fast"],
                 "type": "e2e", "browser": "chromium", "labels": {"priority": "P1", "owners": ["a", "b"]},
                 "extra": {"promptVersion": "v7", "modelUsed": "m-1", "nested": {"ignored": true}}}"""))
                .single().test();

        assertThat(test.suite()).isEqualTo("login.spec.ts › Login");
        assertThat(test.name()).isEqualTo("logs in");
        assertThat(test.file()).contains("tests/login.spec.ts");
        assertThat(test.line()).hasValue(12);
        assertThat(test.tags()).containsExactly("@smoke", "fast");
        assertThat(test.testType()).contains("e2e");
        assertThat(test.priority()).contains("P1");
        assertThat(test.promptVersion()).contains("v7");
        assertThat(test.modelUsed()).contains("m-1");
        assertThat(test.properties()).containsEntry("owners", "a, b").containsEntry("browser", "chromium")
                .doesNotContainKey("nested");
    }

    @Test
    void pendingAndOtherKeepTheirCtrfStatusAsAProperty() {
        List<TestResult> results = ParsedReport.of(parser, ctrf("""
                {"name": "a", "status": "pending", "duration": 0}""", """
                {"name": "b", "status": "other", "duration": 0}""")).results();

        assertThat(results).extracting(r -> r.test().properties().get(CtrfTests.STATUS_PROPERTY))
                .containsExactly("pending", "other");
    }

    @Test
    void failureTextLosesAnsiColoursAndIsCapped() {
        String longTrace = "x".repeat(TextLimits.STACK_TRACE * 2);
        TestResult result = ParsedReport.of(parser, ctrf("""
                {"name": "t", "status": "failed", "duration": 1,
                 "message": "\\u001b[31mexpected\\u001b[39m 1 to be 2", "trace": "%s"}""".formatted(longTrace)))
                .single();

        Failure failure = result.lastFailure().orElseThrow();
        assertThat(failure.message()).isEqualTo("expected 1 to be 2");
        assertThat(failure.stackTrace().orElseThrow()).hasSizeLessThanOrEqualTo(TextLimits.STACK_TRACE)
                .contains("characters omitted");
    }

    @Test
    void reportInfoCarriesToolTimesAndEnvironment() {
        ReportInfo info = ParsedReport.of(parser, ctrf("""
                {"name": "t", "status": "passed", "duration": 1}""")).info().orElseThrow();

        assertThat(info.tool()).contains("jest 29.7.0");
        assertThat(info.startedAt()).contains(Instant.ofEpochMilli(1700000000000L));
        assertThat(info.finishedAt()).contains(Instant.ofEpochMilli(1700000005000L));
        assertThat(info.environment()).isEqualTo(Map.of("branchName", "main", "buildNumber", "42"));
    }

    @Test
    void testsStreamOneByOneUntilAnInvalidOneStopsTheParse() {
        String valid = """
                {"name": "ok", "status": "passed", "duration": 1}""";
        String document = ctrf(valid, valid, valid, """
                {"name": "bad", "status": "broken", "duration": 1}""", valid);
        ParsedReport.Collector collector = new ParsedReport.Collector();

        ReportParseException error = catchThrowableOfType(ReportParseException.class, () -> parser.parse(
                new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), collector));

        assertThat(collector.results).hasSize(3);
        assertThat(error.getMessage()).isEqualTo("$.results.tests[3].status: must be one of passed, failed,"
                + " skipped, pending, other, was \"broken\"");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("empty", "", null, "file is empty"),
                Arguments.of("whitespace only", "  \n ", null, "file is empty"),
                Arguments.of("an array, not an object", "[1, 2]", "$ (line 1, column 1)",
                        "a CTRF report is a JSON object, found an array"),
                Arguments.of("truncated inside the tests",
                        "{\"reportFormat\": \"CTRF\", \"results\": {\"tests\": [{\"name\": \"a\"",
                        "$.results.tests[0]", "truncated JSON: the file ends inside the object"),
                Arguments.of("not JSON", "{\"reportFormat\": CTRF}", "$.reportFormat (line 1, column 18)",
                        "malformed JSON: Unrecognized token 'CTRF'"),
                Arguments.of("duplicate field", "{\"reportFormat\": \"CTRF\", \"reportFormat\": \"CTRF\"}",
                        "$.reportFormat", "malformed JSON: Duplicate field 'reportFormat'"),
                Arguments.of("content after the document", ctrf("{\"name\": \"t\", \"status\": \"passed\","
                        + " \"duration\": 1}") + " {}", "$", "unexpected content after the end of the CTRF document"),
                Arguments.of("unknown top-level field", ctrf().replaceFirst("\\{", "{\"x\": 1, "), "$.x",
                        "is not a CTRF field (custom data belongs in an 'extra' object)"),
                Arguments.of("tests not an array", "{\"reportFormat\": \"CTRF\", \"specVersion\": \"1.0.0\","
                        + " \"results\": {\"tool\": {\"name\": \"x\"}, \"tests\": {}}}",
                        "$.results.tests", "must be an array, was an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRejectedWithWhereAndWhat(String name, String document, String location, String problem) {
        ParsedReport.assertRejected(parser, document, location, problem);
    }

    @Test
    void aNameOfOnlyWhitespaceIsRejectedAtItsPath() {
        assertThatThrownBy(() -> ParsedReport.of(parser, ctrf("""
                {"name": "  ", "status": "passed", "duration": 1}""")))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("$.results.tests[0]: test name must not be blank");
    }
}
