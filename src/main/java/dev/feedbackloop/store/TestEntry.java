package dev.feedbackloop.store;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.Quarantine;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A test as the project's test registry lists it: who it is and its verdict, without its history. Kept in step with
 * its health whenever the verdict or the quarantine changes.
 *
 * @param verdict    its judged state (never {@code QUARANTINED}: that is {@code quarantine})
 * @param since      when it entered that state
 * @param quarantine its quarantine, if one was decided (it may have expired since)
 */
public record TestEntry(String project, TestId test, TestLabel label, HealthState verdict, Optional<Instant> since,
                        Optional<Quarantine> quarantine) {

    public TestEntry {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(verdict, "verdict");
        if (verdict == HealthState.QUARANTINED) {
            throw new IllegalArgumentException("test " + test + ": quarantine is an overlay, not a verdict");
        }
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(quarantine, "quarantine");
    }

    /** The quarantine in force at {@code now}, if any: an expired one drops out by itself. */
    public Optional<Quarantine> quarantineAt(Instant now) {
        return quarantine.filter(q -> q.inForceAt(now));
    }
}
