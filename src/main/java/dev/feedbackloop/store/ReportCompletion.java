package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import java.util.Objects;

/**
 * One report's completion, as {@link RunStore#completeRun} takes it: what a history load holds until the report's
 * tests' health is written, and writes with the others at the end ({@link RunStore#completeRuns}).
 *
 * @param run      the report's run
 * @param reportId the report's identity within the run
 * @param counts   the report's counts, added to the run's
 */
public record ReportCompletion(RunKey run, String reportId, RunCounts counts) {

    public ReportCompletion {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(counts, "counts");
        if (reportId == null || reportId.isBlank() || reportId.length() > 200) {
            throw new IllegalArgumentException("report id must be 1-200 characters, was '" + reportId + "'");
        }
    }
}
