package dev.feedbackloop.health;

import java.util.List;
import java.util.Objects;

/**
 * The result of one step of a test's health.
 *
 * @param health  the health after the step (the same instance when nothing changed)
 * @param changes the timeline entries the step produced, oldest first; often none
 * @param changed whether {@code health} differs from before, i.e. must be written; false for a redelivered
 *                execution, so a store can skip the write
 */
public record HealthUpdate(TestHealth health, List<StateChange> changes, boolean changed) {

    public HealthUpdate {
        Objects.requireNonNull(health, "health");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        if (!changed && !changes.isEmpty()) {
            throw new IllegalArgumentException("an unchanged health cannot have state changes");
        }
    }

    static HealthUpdate unchanged(TestHealth health) {
        return new HealthUpdate(health, List.of(), false);
    }
}
