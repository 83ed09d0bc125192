package dev.feedbackloop.health;

/**
 * A test's health, as {@code ./feedback flaky} reports it. {@link #QUARANTINED} is an overlay: a quarantined test
 * keeps its judged state underneath ({@link TestHealth#verdict()}), which is what it returns to when the quarantine
 * ends. See {@code docs/test-health.md} for the rules.
 */
public enum HealthState {
    /** Too few executions to judge (fewer than {@link HealthSettings#minExecutions()}), and nothing wrong yet. */
    NEW,
    /** Judged and showing no flakiness and no regression. */
    HEALTHY,
    /** Passes and fails with the same code: flaky evidence and repeated failures in its recent executions. */
    FLAKY,
    /** Failing on every run on the default branch since a commit, with no pass since: a regression to fix now. */
    BROKEN,
    /** Was flaky or broken, then ran clean {@link HealthSettings#fixedAfterCleanRuns()} times in a row. */
    FIXED,
    /** Quarantined by a person or by the project's policy, until an expiry: CI may skip or tolerate it. */
    QUARANTINED;

    /** Whether this is a problem a team must act on: {@link #FLAKY} or {@link #BROKEN}. */
    public boolean troubled() {
        return this == FLAKY || this == BROKEN;
    }
}
