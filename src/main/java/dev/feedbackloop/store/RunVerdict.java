package dev.feedbackloop.store;

import java.util.Objects;

/**
 * What the health step concluded about a run as a whole, from all its reports so far: kept on the run so that the
 * nightly figures count outage runs and the loop's own work without reading the reports again.
 *
 * @param outage         whether the outage guard flagged the run
 * @param reason         the guard's figures, in one sentence
 * @param reports        reports of the run classified so far
 * @param analysisMillis their classification time, summed
 * @param regenerations  regeneration requests they queued
 */
public record RunVerdict(boolean outage, String reason, long reports, long analysisMillis, long regenerations) {

    public RunVerdict {
        Objects.requireNonNull(reason, "reason");
        if (reports < 0 || analysisMillis < 0 || regenerations < 0) {
            throw new IllegalArgumentException("a run verdict cannot count negative work: " + reports + " reports, "
                    + analysisMillis + " ms, " + regenerations + " regenerations");
        }
    }

    /** A run no health step has judged yet. */
    public static final RunVerdict NONE = new RunVerdict(false, "not judged", 0, 0, 0);
}
