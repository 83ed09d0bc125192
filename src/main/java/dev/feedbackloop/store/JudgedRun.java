package dev.feedbackloop.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A stored run with the health step's verdict on it, read together (the verdict is kept on the run's item).
 *
 * @param verdict the verdict; empty while no health step judged the run
 */
public record JudgedRun(StoredRun run, Optional<RunVerdict> verdict) {

    public JudgedRun {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(verdict, "verdict");
    }
}
