package dev.feedbackloop.rollup;

/**
 * Executions and failures of one subject (a test, a scenario, a project's runs) over some days.
 *
 * @param trials   executions (for a scenario: the project's runs)
 * @param failures of those, the ones that failed (for a scenario: runs it occurred in); at most {@code trials}
 */
public record DayCount(long trials, long failures) {

    /** Nothing ran. */
    public static final DayCount NONE = new DayCount(0, 0);

    public DayCount {
        if (trials < 0 || failures < 0 || failures > trials) {
            throw new IllegalArgumentException("a day count cannot have " + failures + " failures in " + trials
                    + " trials");
        }
    }

    public DayCount plus(DayCount other) {
        return new DayCount(trials + other.trials, failures + other.failures);
    }

    /** Executions that did not fail. */
    public long passes() {
        return trials - failures;
    }

    /** Failures per trial, 0 when nothing ran. */
    public double rate() {
        return trials == 0 ? 0 : (double) failures / trials;
    }
}
