package dev.feedbackloop.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules last concluded about a test, quarantine aside.
 *
 * @param state  never {@link HealthState#QUARANTINED} (that is an overlay, see {@link TestHealth#stateAt(Instant)})
 * @param since  when the test entered this state (the time of the execution that decided it); empty only for a
 *               test never seen
 * @param reason why, in one sentence
 */
public record Verdict(HealthState state, Optional<Instant> since, String reason) {

    public Verdict {
        Objects.requireNonNull(state, "state");
        if (state == HealthState.QUARANTINED) {
            throw new IllegalArgumentException("quarantine is an overlay on a verdict, never a verdict itself");
        }
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }

    /** The verdict of a test never seen. */
    static Verdict unseen() {
        return new Verdict(HealthState.NEW, Optional.empty(), "not run yet");
    }
}
