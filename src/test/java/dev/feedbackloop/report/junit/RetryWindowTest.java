package dev.feedbackloop.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.testing.ParsedReport;
import org.junit.jupiter.api.Test;

/**
 * Retries written as separate test cases merge only within the bounded window of {@link RetryWindow}; these tests pin
 * the bound and show its consequence: a retry further away becomes a second result for the same test.
 */
class RetryWindowTest {

    @Test
    void aRetryWithinTheWindowMergesIntoOneFlakyResult() {
        ParsedReport report = ParsedReport.of(retryAfter(RetryWindow.MAX_PENDING_TESTS - 1, ""));

        assertThat(report.results()).hasSize(RetryWindow.MAX_PENDING_TESTS);
        assertThat(report.results().get(0).test().name()).isEqualTo("retried");
        assertThat(report.results().get(0).status()).isEqualTo(TestStatus.FLAKY);
    }

    @Test
    void aRetryMoreThanTheWindowOfTestsLaterIsASecondResultForTheSameTest() {
        ParsedReport report = ParsedReport.of(retryAfter(RetryWindow.MAX_PENDING_TESTS, ""));

        assertThat(report.results()).filteredOn(r -> r.test().name().equals("retried"))
                .extracting(r -> r.status()).containsExactly(TestStatus.FAILED, TestStatus.PASSED);
    }

    @Test
    void aRetryBehindMoreThanTheWindowsTextBudgetIsASecondResultForTheSameTest() {
        String stackTrace = "x".repeat(10_000);
        long testsFillingTheBudget = RetryWindow.MAX_PENDING_TEXT / stackTrace.length() + 1;
        ParsedReport report = ParsedReport.of(retryAfter((int) testsFillingTheBudget, stackTrace));

        assertThat(report.results()).filteredOn(r -> r.test().name().equals("retried"))
                .extracting(r -> r.status()).containsExactly(TestStatus.FAILED, TestStatus.PASSED);
    }

    @Test
    void resultsLeaveInOrderOfFirstAppearance() {
        ParsedReport report = ParsedReport.of("""
                <testsuite name="S">
                  <testcase name="a"><failure/></testcase><testcase name="b"/><testcase name="a"/>
                  <testcase name="c"/>
                </testsuite>""");

        assertThat(report.results()).extracting(r -> r.test().name()).containsExactly("a", "b", "c");
    }

    /** "retried" fails, {@code others} tests (failing with {@code text}, if any) follow, then "retried" passes. */
    private static String retryAfter(int others, String text) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"S\">")
                .append("<testcase name=\"retried\"><failure message=\"first try\"/></testcase>");
        for (int i = 0; i < others; i++) {
            xml.append("<testcase name=\"other ").append(i).append("\">");
            if (!text.isEmpty()) {
                xml.append("<failure>").append(text).append("</failure>");
            }
            xml.append("</testcase>");
        }
        return xml.append("<testcase name=\"retried\"/></testsuite>").toString();
    }
}
