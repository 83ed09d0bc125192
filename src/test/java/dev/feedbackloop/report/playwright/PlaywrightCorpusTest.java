package dev.feedbackloop.report.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.testing.Corpus;
import dev.feedbackloop.testing.ParsedReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Playwright 1.31 JSON reporter output ({@code ../shared/corpus/reports/playwright-json-E2EPlaywrightInterial},
 * read in place). These files predate Playwright's {@code stats}; their expected counts were read off the files by
 * hand (every test's {@code status}); a file that has {@code stats} is also checked against them.
 */
class PlaywrightCorpusTest {

    private static final String FOLDER = "reports/playwright-json-E2EPlaywrightInterial/";

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("jsonReport@182bf6cfb2e9.json", Map.of(TestStatus.PASSED, 2)),
                Arguments.of("jsonReport@362797983e01.json", Map.of(TestStatus.PASSED, 1, TestStatus.FAILED, 1)),
                Arguments.of("jsonReport@e8cbf2ea7bba.json", Map.of(TestStatus.PASSED, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void parsesWithTheCountsTheFileStates(String name, Map<TestStatus, Integer> expected) throws IOException {
        Path file = Corpus.resolve(FOLDER + name);
        ReportSummary summary;
        try (InputStream in = Files.newInputStream(file)) {
            summary = Reports.standard().parse(name, in, result -> { });
        }
        assertThat(summary.format()).isEqualTo(ReportFormat.PLAYWRIGHT_JSON);
        assertThat(ParsedReport.of(new PlaywrightParser(), file).statusCounts()).isEqualTo(expected);
        JsonNode stats = new ObjectMapper().readTree(file.toFile()).path("stats");
        if (!stats.isMissingNode()) {
            assertMatchesStats(summary, stats);
        }
    }

    @Test
    void theFailedVisualTestKeepsItsMessageStackAndProject() {
        ParsedReport parsed = ParsedReport.of(new PlaywrightParser(),
                Corpus.resolve(FOLDER + "jsonReport@362797983e01.json"));

        TestResult failed = parsed.results().stream().filter(r -> r.status() == TestStatus.FAILED)
                .findFirst().orElseThrow();
        assertThat(failed.test().suite()).isEqualTo("login-visual.spec.ts");
        assertThat(failed.test().name()).isEqualTo("[webkit] Login Page Visual Tests › Login Error Message");
        assertThat(failed.test().properties()).containsEntry(PlaywrightSpecs.PROJECT, "webkit");
        assertThat(failed.test().line()).hasValue(20);
        var failure = failed.lastFailure().orElseThrow();
        assertThat(failure.message()).startsWith("A snapshot doesn't exist at ").doesNotContain("\u001B");
        assertThat(failure.type()).contains("Error");
        assertThat(failure.stackTrace()).hasValueSatisfying(s -> assertThat(s)
                .contains("at LoginPage.snapshotErrorMessage (/home/alexander/E2EPlaywrightInterial/page-objects/"
                        + "LoginPage.ts:39:50)"));
        assertThat(failed.attempts().get(0).durationMillis()).isEqualTo(3365);
        assertThat(parsed.info()).hasValueSatisfying(i -> assertThat(i.tool()).contains("playwright 1.31.1"));
    }

    /**
     * Playwright's {@code stats}: {@code expected} (passed), {@code unexpected} (failed or timed out), {@code flaky},
     * {@code skipped}. Results for errors outside tests are not in them, and none are expected here.
     */
    static void assertMatchesStats(ReportSummary summary, JsonNode stats) {
        assertThat(summary.passed()).as("expected").isEqualTo(stats.path("expected").asInt());
        assertThat(summary.failed() + summary.errored()).as("unexpected").isEqualTo(stats.path("unexpected").asInt());
        assertThat(summary.flaky()).as("flaky").isEqualTo(stats.path("flaky").asInt());
        assertThat(summary.skipped()).as("skipped").isEqualTo(stats.path("skipped").asInt());
    }
}
