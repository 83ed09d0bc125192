package dev.feedbackloop.report;

import dev.feedbackloop.model.TestResult;

/**
 * Receives a report as it is parsed, one test result at a time, so that a report of any size passes through in
 * bounded memory. Parsers call {@link #onResult} once per test (retries already merged into its attempts) and
 * {@link #onReportInfo} at most once, whenever the report-level facts are known (some formats write them last).
 */
public interface ReportListener {

    /** Called once per test, in report order. */
    void onResult(TestResult result);

    /** Report-level facts: tool, timing, environment. Called at most once, possibly after the results. */
    default void onReportInfo(ReportInfo info) {
    }
}
