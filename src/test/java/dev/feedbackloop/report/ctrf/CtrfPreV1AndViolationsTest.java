package dev.feedbackloop.report.ctrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.testing.ParsedReport;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CTRF written before the 1.0 schema is read where it is unambiguous, and a document that breaks its schema is
 * rejected with every violation listed, each with its JSON path.
 */
class CtrfPreV1AndViolationsTest {

    private final CtrfParser parser = new CtrfParser();

    /** A document as ctrf-json-reporter wrote it in 2024: no markers, suite and buildNumber strings. */
    private static final String REPORTER_2024 = """
            {"results": {
              "tool": {"name": "playwright"},
              "summary": {"tests": 2, "passed": 1, "failed": 1, "pending": 0, "skipped": 0, "other": 0,
                          "start": 1706000000000, "stop": 1706000009000},
              "tests": [
                {"name": "logs in", "status": "passed", "duration": 1200, "suite": "login.spec.ts > Login",
                 "filePath": "tests/login.spec.ts", "browser": "chromium"},
                {"name": "logs out", "status": "failed", "duration": 800, "suite": "login.spec.ts > Login",
                 "message": "Timeout 5000ms exceeded", "retry": 0, "flake": false}
              ],
              "environment": {"appName": "shop", "buildName": "nightly", "buildNumber": "1234"}
            }}""";

    @Test
    void aDocumentFromBeforeTheMarkersIsReadWithItsStringSuiteAndBuildNumber() {
        ParsedReport report = ParsedReport.of(parser, REPORTER_2024);

        assertThat(report.outline()).containsExactly("login.spec.ts > Login|logs in|PASSED|PASSED",
                "login.spec.ts > Login|logs out|FAILED|FAILED");
        assertThat(report.info().orElseThrow().environment()).containsEntry("buildNumber", "1234");
    }

    @Test
    void theStandardReaderDetectsAndReadsItToo() {
        ParsedReport report = ParsedReport.of(REPORTER_2024);

        assertThat(report.summary().format()).isEqualTo(ReportFormat.CTRF_JSON);
        assertThat(report.summary().tests()).isEqualTo(2);
    }

    @Test
    void specVersionZeroIsAPreV1DocumentWhateverItsOtherMarkers() {
        String document = REPORTER_2024.replaceFirst("\\{\"results\"",
                "{\"reportFormat\": \"CTRF\", \"specVersion\": \"0.0.0\", \"results\"");

        assertThat(ParsedReport.of(parser, document).results()).hasSize(2);
    }

    @Test
    void markersAfterTheResultsStillDecide() {
        String v1Markers = REPORTER_2024.substring(0, REPORTER_2024.length() - 1)
                + ", \"reportFormat\": \"CTRF\", \"specVersion\": \"1.0.0\"}";

        ReportParseException rejected = catchThrowableOfType(ReportParseException.class,
                () -> ParsedReport.of(parser, v1Markers));

        assertThat(rejected.location()).contains("$.results.tests[0].suite");
        assertThat(rejected.problem()).contains("$.results.tests[1].suite: must be an array, was a string")
                .contains("$.results.tests[1].retry: is not a CTRF field")
                .contains("$.results.environment.buildNumber: must be an integer, was a string");
    }

    static Stream<Arguments> stillRejectedBeforeV1() {
        return Stream.of(
                Arguments.of("an unknown status", "\"status\": \"passed\"", "\"status\": \"ok\"",
                        "$.results.tests[0].status", "must be one of passed, failed, skipped, pending, other"),
                Arguments.of("a test without a name", "\"name\": \"logs in\", ", "",
                        "$.results.tests[0].name", "is required but missing"),
                Arguments.of("a suite of another type", "\"suite\": \"login.spec.ts > Login\"", "\"suite\": 7",
                        "$.results.tests[0].suite", "must be"),
                Arguments.of("another reportFormat", "{\"results\"",
                        "{\"reportFormat\": \"JUNIT\", \"specVersion\": \"0.1.0\", \"results\"",
                        "$.reportFormat", "must be \"CTRF\""),
                Arguments.of("a summary without counts", "\"tests\": 2, ", "", "$.results.summary.tests",
                        "is required but missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stillRejectedBeforeV1")
    void whatIsAmbiguousOrWrongIsStillRejected(String name, String from, String to, String path, String problem) {
        String document = REPORTER_2024.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to));
        assertThat(document).isNotEqualTo(REPORTER_2024);

        ParsedReport.assertRejected(parser, document, path, problem);
    }

    @Test
    void aV1DocumentWithAStringSuiteIsRejected() {
        String document = CtrfParserTest.ctrf("""
                {"name": "t", "status": "passed", "duration": 1, "suite": "a > b"}""");

        ParsedReport.assertRejected(parser, document, "$.results.tests[0].suite", "must be an array, was a string");
    }

    @Test
    void reportFormatWithoutSpecVersionIsHeldToV1() {
        String document = REPORTER_2024.replaceFirst("\\{\"results\"", "{\"reportFormat\": \"CTRF\", \"results\"");

        ReportParseException rejected = catchThrowableOfType(ReportParseException.class,
                () -> ParsedReport.of(parser, document));

        assertThat(rejected.getMessage()).contains("$.specVersion: is required but missing")
                .contains("$.results.tests[0].suite: must be an array, was a string");
    }

    @Test
    void everyViolationIsListedWithItsPathAndTheFirstIsTheLocation() {
        String document = """
                {"reportFormat": "CTRF", "specVersion": "1.0.0", "results": {
                  "tool": {"name": ""},
                  "summary": {"tests": "3", "passed": 0, "failed": 0, "skipped": 0, "pending": 0, "other": 0,
                              "start": 1, "stop": 2},
                  "tests": [
                    {"name": "a", "status": "broken", "duration": 1},
                    {"name": "b", "status": "passed"},
                    {"name": "c", "status": "passed", "duration": "fast", "x": 1}]}}""";

        ReportParseException rejected = catchThrowableOfType(ReportParseException.class,
                () -> ParsedReport.of(parser, document));

        assertThat(rejected.location()).contains("$.results.tests[0].status");
        assertThat(rejected.problem().lines()).hasSize(7)
                .startsWith("must be one of passed, failed, skipped, pending, other, was \"broken\"",
                        "and 5 more violations of the CTRF schema:")
                .contains("  $.results.tests[1].duration: is required but missing",
                        "  $.results.tests[2].duration: must be an integer, was a string",
                        "  $.results.tests[2].x: is not a CTRF field (custom data belongs in an 'extra' object)",
                        "  $.results.tool.name: must not be empty",
                        "  $.results.summary.tests: must be an integer, was a string");
    }

    @Test
    void aDocumentWithThousandsOfViolationsListsTheFirstHundredAndCountsTheRest() {
        String bad = "{\"name\": \"t\", \"status\": \"broken\", \"duration\": 1}";
        String document = CtrfParserTest.ctrf(String.join(",", Collections.nCopies(1500, bad)));
        ParsedReport.Collector collector = new ParsedReport.Collector();

        ReportParseException rejected = catchThrowableOfType(ReportParseException.class, () -> parser.parse(
                new java.io.ByteArrayInputStream(document.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                collector));

        assertThat(collector.results).isEmpty();
        assertThat(rejected.problem().lines()).hasSize(CtrfParser.MAX_LISTED + 2)
                .contains("and 1499 more violations of the CTRF schema:")
                .endsWith("  ... and 1400 more not listed");
    }

    @Test
    void testsAfterTheFirstViolationAreNotHandedOn() {
        String good = "{\"name\": \"ok\", \"status\": \"passed\", \"duration\": 1}";
        String document = CtrfParserTest.ctrf(good, "{\"name\": \"bad\", \"status\": \"?\", \"duration\": 1}", good);
        ParsedReport.Collector collector = new ParsedReport.Collector();

        catchThrowableOfType(ReportParseException.class, () -> parser.parse(
                new java.io.ByteArrayInputStream(document.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                collector));

        assertThat(collector.results).extracting(TestResult::test).extracting(t -> t.name()).containsExactly("ok");
    }
}
