package dev.feedbackloop.recommend;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of a scenario's affected tests, as watching a fix needs it.
 *
 * @param runId        the run
 * @param at           its run time
 * @param scenarioSeen whether the scenario occurred in it
 */
public record RunOutcome(String runId, Instant at, boolean scenarioSeen) {

    public RunOutcome {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(at, "at");
    }
}
