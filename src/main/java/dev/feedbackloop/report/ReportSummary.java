package dev.feedbackloop.report;

import dev.feedbackloop.model.TestResult;

/**
 * Counts of one parsed report, by final test status.
 *
 * @param format         the detected format
 * @param tests          number of distinct tests
 * @param passed         tests that passed
 * @param failed         tests that failed
 * @param errored        tests that ended in an error
 * @param skipped        tests that did not run
 * @param flaky          tests with both passing and failing attempts
 * @param durationMillis sum of all attempts' durations, in milliseconds
 */
public record ReportSummary(ReportFormat format, int tests, int passed, int failed, int errored, int skipped,
                            int flaky, long durationMillis) {

    /** Counts results as they stream past; not thread-safe. */
    public static final class Counter implements ReportListener {
        private int tests;
        private int passed;
        private int failed;
        private int errored;
        private int skipped;
        private int flaky;
        private long durationMillis;

        @Override
        public void onResult(TestResult result) {
            tests++;
            durationMillis += result.durationMillis();
            switch (result.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case ERROR -> errored++;
                case SKIPPED -> skipped++;
                case FLAKY -> flaky++;
            }
        }

        public ReportSummary summary(ReportFormat format) {
            return new ReportSummary(format, tests, passed, failed, errored, skipped, flaky, durationMillis);
        }
    }
}
