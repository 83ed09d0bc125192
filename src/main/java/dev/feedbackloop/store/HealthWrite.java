package dev.feedbackloop.store;

import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.health.TestHealth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One test's new health, to be written only if the store still holds the version it was computed from, together
 * with the timeline entries it produced (all or nothing: a change is never recorded without its state, nor a state
 * without its changes).
 *
 * @param health      the new health
 * @param readVersion the version it was computed from; 0 when the test was not stored yet
 * @param label       the test's suite, name and file, when the caller knows them (from a report); kept otherwise
 * @param changes     the timeline entries the step produced, oldest first
 */
public record HealthWrite(TestHealth health, long readVersion, Optional<TestLabel> label,
                          List<StateChange> changes) {

    public HealthWrite {
        Objects.requireNonNull(health, "health");
        if (readVersion < 0) {
            throw new IllegalArgumentException("a read version cannot be negative, was " + readVersion);
        }
        Objects.requireNonNull(label, "label");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        for (StateChange change : changes) {
            if (!change.test().equals(health.test()) || !change.project().equals(health.project())) {
                throw new IllegalArgumentException("state change of test " + change.test() + " in " + change.project()
                        + " written with the health of test " + health.test() + " in " + health.project());
            }
        }
    }
}
