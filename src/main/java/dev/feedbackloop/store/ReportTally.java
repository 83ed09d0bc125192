package dev.feedbackloop.store;

import dev.feedbackloop.health.RunTally;
import java.util.Objects;

/**
 * One report's part of its run, as the outage guard and the nightly figures need it: kept per report so that CI
 * shards of one run add up, and so that writing it again (a retried report) changes nothing.
 *
 * @param reportId       the report's identity within the run (its content hash)
 * @param tally          its tests that ran, failed, and their root causes
 * @param appliedOutage  the outage verdict its executions were applied to test health with
 * @param classifyMillis how long classifying it took
 * @param regenerations  regeneration requests it queued
 */
public record ReportTally(String reportId, RunTally tally, boolean appliedOutage, long classifyMillis,
                          long regenerations) {

    public ReportTally {
        if (reportId == null || reportId.isBlank() || reportId.length() > 200) {
            throw new IllegalArgumentException("report id must be 1-200 characters, was '" + reportId + "'");
        }
        Objects.requireNonNull(tally, "tally");
        if (classifyMillis < 0 || regenerations < 0) {
            throw new IllegalArgumentException("report " + reportId + ": negative time (" + classifyMillis
                    + " ms) or regenerations (" + regenerations + ")");
        }
    }

    /** The same tally, applied with another outage verdict. */
    public ReportTally appliedWith(boolean outage) {
        return new ReportTally(reportId, tally, outage, classifyMillis, regenerations);
    }
}
