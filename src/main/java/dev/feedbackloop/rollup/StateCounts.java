package dev.feedbackloop.rollup;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.StateChange;
import java.util.List;

/**
 * How many of a project's tests are in each state that matters, kept day to day from the previous day's counts and
 * the day's state changes, so that no rollup has to read every test.
 *
 * @param flaky       tests whose verdict is flaky (quarantined or not)
 * @param broken      tests whose verdict is broken
 * @param fixed       tests whose verdict is fixed
 * @param quarantined tests with a quarantine in force
 */
public record StateCounts(long flaky, long broken, long fixed, long quarantined) {

    /** A project with no tests in any of those states. */
    public static final StateCounts NONE = new StateCounts(0, 0, 0, 0);

    public StateCounts {
        if (flaky < 0 || broken < 0 || fixed < 0 || quarantined < 0) {
            throw new IllegalArgumentException("state counts cannot be negative: " + flaky + " flaky, " + broken
                    + " broken, " + fixed + " fixed, " + quarantined + " quarantined");
        }
    }

    /**
     * These counts after {@code changes}, in order. A quarantine change moves only the quarantined count (the
     * verdict under it stays); a count never goes below zero, so a drifted baseline heals at its next recount.
     */
    public StateCounts after(List<StateChange> changes) {
        long[] c = {flaky, broken, fixed, quarantined};
        for (StateChange change : changes) {
            if (change.to() == HealthState.QUARANTINED || change.from() == HealthState.QUARANTINED) {
                c[3] = Math.max(0, c[3] + (change.to() == HealthState.QUARANTINED ? 1 : -1));
            } else {
                move(c, change.from(), -1);
                move(c, change.to(), +1);
            }
        }
        return new StateCounts(c[0], c[1], c[2], c[3]);
    }

    private static void move(long[] c, HealthState state, int by) {
        int slot = switch (state) {
            case FLAKY -> 0;
            case BROKEN -> 1;
            case FIXED -> 2;
            default -> -1;
        };
        if (slot >= 0) {
            c[slot] = Math.max(0, c[slot] + by);
        }
    }
}
