package dev.feedbackloop.store;

import dev.feedbackloop.model.TestResult;

/**
 * How many tests of a run ended how. A run reported in several parts (CI shards) adds the counts of each part.
 *
 * @param tests          distinct tests reported
 * @param passed         tests that passed
 * @param failed         tests that failed
 * @param errored        tests that ended in an error
 * @param skipped        tests that did not run
 * @param flaky          tests with both passing and failing attempts
 * @param durationMillis sum of all attempts' durations, in milliseconds
 */
public record RunCounts(long tests, long passed, long failed, long errored, long skipped, long flaky,
                        long durationMillis) {

    public RunCounts {
        if (tests < 0 || passed < 0 || failed < 0 || errored < 0 || skipped < 0 || flaky < 0 || durationMillis < 0) {
            throw new IllegalArgumentException("run counts must not be negative: " + tests + " tests, " + passed
                    + " passed, " + failed + " failed, " + errored + " errored, " + skipped + " skipped, " + flaky
                    + " flaky, " + durationMillis + " ms");
        }
        if (passed + failed + errored + skipped + flaky != tests) {
            throw new IllegalArgumentException("statuses (" + (passed + failed + errored + skipped + flaky)
                    + ") do not add up to the " + tests + " tests");
        }
    }

    /** No tests. */
    public static RunCounts zero() {
        return new RunCounts(0, 0, 0, 0, 0, 0, 0);
    }

    /** These counts plus one result. */
    public RunCounts plus(TestResult result) {
        long millis = durationMillis + result.durationMillis();
        return switch (result.status()) {
            case PASSED -> new RunCounts(tests + 1, passed + 1, failed, errored, skipped, flaky, millis);
            case FAILED -> new RunCounts(tests + 1, passed, failed + 1, errored, skipped, flaky, millis);
            case ERROR -> new RunCounts(tests + 1, passed, failed, errored + 1, skipped, flaky, millis);
            case SKIPPED -> new RunCounts(tests + 1, passed, failed, errored, skipped + 1, flaky, millis);
            case FLAKY -> new RunCounts(tests + 1, passed, failed, errored, skipped, flaky + 1, millis);
        };
    }

    /** The sum of two parts of a run. */
    public RunCounts plus(RunCounts other) {
        return new RunCounts(tests + other.tests, passed + other.passed, failed + other.failed,
                errored + other.errored, skipped + other.skipped, flaky + other.flaky,
                durationMillis + other.durationMillis);
    }
}
