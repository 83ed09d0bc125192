package dev.feedbackloop.bench.history;

import java.time.Instant;

/**
 * One CI run attempt: one report file and one manifest line.
 *
 * @param runId      the CI run id ({@code r017}); a re-run keeps it
 * @param number     the run's position among first attempts, 1-based: a key for draws
 * @param attempt    1 for the first attempt, 2 for a re-run of the job on the same commit
 * @param commit     the commit built
 * @param time       when the run ran
 * @param job        which workflow ran it
 * @param retryStyle how the build retries a failing test within the run
 * @param incident   the infrastructure incident the run met, {@link Incident#NONE} for a normal run
 */
record PlannedRun(String runId, int number, int attempt, Commit commit, Instant time, Job job,
                  RetryStyle retryStyle, Incident incident) {

    /** The CI workflow that ran a run. */
    enum Job {
        /** The scheduled full build of {@code main}'s head, without retries, in random test order. */
        NIGHTLY,
        /** The build of a push to {@code main}. */
        PUSH,
        /** The build of a pull-request branch. */
        PULL_REQUEST
    }

    /** How a build retries a failing test inside one run. */
    enum RetryStyle {
        /** No retry: a failure is final. */
        NONE,
        /** Surefire's {@code rerunFailingTestsCount=2}: {@code <flakyFailure>} / {@code <rerunFailure>} elements. */
        SUREFIRE_RERUN,
        /** Gradle's test-retry plugin, {@code maxRetries=2}: every execution its own {@code <testcase>}. */
        REPEATED_TESTCASE
    }

    /** How many times a failing test is run again within the run. */
    int retries() {
        return retryStyle == RetryStyle.NONE ? 0 : 2;
    }

    boolean outage() {
        return incident.kind() != Incident.Kind.NONE;
    }

    /** The report's path relative to the manifest's folder. */
    String file() {
        return "runs/" + runId + (attempt > 1 ? "-a" + attempt : "") + ".xml";
    }

    /** A key for draws that tells every run attempt apart. */
    long key() {
        return number * 8L + attempt;
    }

    /** This run's re-run: the same job on the same commit, later, with the incident over. */
    PlannedRun rerun(Instant at) {
        return new PlannedRun(runId, number, attempt + 1, commit, at, job, retryStyle, Incident.NONE);
    }
}
