package dev.feedbackloop.health;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a test's health timeline: a change of its verdict, or a quarantine starting
 * ({@code to == QUARANTINED}) or ending ({@code from == QUARANTINED}).
 *
 * @param at       when: the time of the newest execution the judgement saw, or of the quarantine decision
 * @param reason   why, in one sentence
 * @param evidence what the change rests on, each piece with its run and commit
 * @param cause    the execution whose arrival led to the change, if one did
 * @param actor    the person or {@code policy} behind a quarantine change
 */
public record StateChange(String project, TestId test, Instant at, HealthState from, HealthState to, String reason,
                          List<Evidence> evidence, Optional<RunKey> cause, Optional<String> actor) {

    public StateChange {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            throw new IllegalArgumentException("a state change of test " + test + " must change the state, both "
                    + from);
        }
        Objects.requireNonNull(reason, "reason");
        evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(actor, "actor");
    }

    /** {@code healthy -> flaky} as the timeline shows it. */
    public String transition() {
        return from.name().toLowerCase(java.util.Locale.ROOT) + " -> " + to.name().toLowerCase(java.util.Locale.ROOT);
    }
}
