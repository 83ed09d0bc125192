package dev.feedbackloop.rollup;

import dev.feedbackloop.model.RunKey;
import java.util.Objects;

/**
 * One run of the day, as the nightly figures need it.
 *
 * @param run    the run attempt
 * @param ran    tests that ran (skipped ones left out)
 * @param failed of those, the ones that ended red (failed or errored)
 * @param outage whether the outage guard flagged it
 */
public record RunOfDay(RunKey run, long ran, long failed, boolean outage) {

    public RunOfDay {
        Objects.requireNonNull(run, "run");
        if (ran < 0 || failed < 0 || failed > ran) {
            throw new IllegalArgumentException("run " + run.runId() + "#" + run.attempt() + " cannot have " + failed
                    + " failed of " + ran + " tests run");
        }
    }
}
