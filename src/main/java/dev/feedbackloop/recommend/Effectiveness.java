package dev.feedbackloop.recommend;

/**
 * How much a fix lowered its scenario's failure rate: the rate over the last {@code runsCompared} runs of the
 * affected tests before it was implemented against the rate over the same number of runs after.
 *
 * @param runsCompared      runs on each side, at least 1
 * @param failureRateBefore share of those runs before the fix in which the scenario occurred, 0..1
 * @param failureRateAfter  likewise after, 0..1
 */
public record Effectiveness(int runsCompared, double failureRateBefore, double failureRateAfter) {

    public Effectiveness {
        if (runsCompared < 1) {
            throw new IllegalArgumentException("effectiveness compares at least one run, was " + runsCompared);
        }
        rate(failureRateBefore, "before");
        rate(failureRateAfter, "after");
    }

    private static void rate(double rate, String side) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("failure rate " + side + " must be within 0..1, was " + rate);
        }
    }

    /** The drop in failure rate, -1..1: 1 when it always failed before and never after; negative when worse. */
    public double score() {
        return failureRateBefore - failureRateAfter;
    }
}
