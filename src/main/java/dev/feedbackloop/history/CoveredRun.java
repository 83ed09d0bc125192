package dev.feedbackloop.history;

import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.store.StoredRun;
import java.util.Objects;
import java.util.Optional;

/**
 * A run a scenario affected, with what the run says of itself (commit, branch, build URL).
 *
 * @param link the scenario ↔ run link: the run and its time
 * @param run  the stored run; empty only if the run item cannot be found (never deleted, so only for foreign data)
 */
public record CoveredRun(AffectedRun link, Optional<StoredRun> run) {

    public CoveredRun {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(run, "run");
    }
}
