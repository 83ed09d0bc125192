package dev.feedbackloop.health;

/**
 * What a flaky test's window let go of while the test was flaky: counted executions and those with a failure. With
 * the window it gives the test's failure rate over its whole flaky spell, which says how long a clean streak must
 * be before it proves the race gone (a test failing 3% of its runs passes 30 in a row two times in five). Two
 * numbers, so the state stays bounded; it starts again from nothing whenever the test is judged anything but flaky.
 *
 * @param executions counted executions that slid out of the window while the test was flaky
 * @param failing    those with a failed attempt (a final failure or a pass on retry) not blamed on the
 *                   infrastructure ({@link Execution#ownFailure()})
 */
public record FlakyTally(int executions, int failing) {

    /** Nothing let go of yet. */
    public static final FlakyTally NONE = new FlakyTally(0, 0);

    public FlakyTally {
        if (executions < 0 || failing < 0 || failing > executions) {
            throw new IllegalArgumentException("a flaky tally needs 0 <= failing <= executions, was " + failing
                    + " of " + executions);
        }
    }

    /** This tally with {@code execution}, which just slid out of the window, added. */
    FlakyTally plus(Execution execution) {
        return new FlakyTally(executions + 1, failing + (execution.ownFailure() ? 1 : 0));
    }
}
