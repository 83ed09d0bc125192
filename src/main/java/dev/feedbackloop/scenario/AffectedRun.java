package dev.feedbackloop.scenario;

import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One run a scenario affected.
 *
 * @param scenario the scenario
 * @param run      the run
 * @param seenAt   the run's time ({@code StoredRun.runTime()})
 */
public record AffectedRun(ScenarioKey scenario, RunKey run, Instant seenAt) {

    public AffectedRun {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(seenAt, "seenAt");
        if (!run.project().equals(scenario.project())) {
            throw new IllegalArgumentException("run " + run.runId() + " of project " + run.project()
                    + " cannot affect scenario " + scenario);
        }
    }
}
