package dev.feedbackloop.store;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored entry of a test's health timeline: a {@link StateChange} as people and the nightly figures read it back,
 * its evidence kept as the sentences {@link dev.feedbackloop.health.Evidence#describe()} gave (bounded in number
 * and length, so an entry's size is bounded whatever the change carried).
 *
 * @param evidence what the change rested on, one line each, each naming its run and commit
 */
public record TimelineEntry(String project, TestId test, Instant at, HealthState from, HealthState to, String reason,
                            List<String> evidence, Optional<RunKey> cause, Optional<String> actor) {

    /** Most evidence lines kept per entry. */
    public static final int MAX_EVIDENCE = 12;
    /** Longest evidence line kept; longer ones are cut. */
    public static final int MAX_EVIDENCE_LENGTH = 300;
    /** Longest reason kept; longer ones are cut. */
    public static final int MAX_REASON_LENGTH = 1000;

    public TimelineEntry {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reason = cut(Objects.requireNonNull(reason, "reason"), MAX_REASON_LENGTH);
        evidence = Objects.requireNonNull(evidence, "evidence").stream().limit(MAX_EVIDENCE)
                .map(e -> cut(e, MAX_EVIDENCE_LENGTH)).toList();
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(actor, "actor");
    }

    /** The entry a state change is stored as. */
    public static TimelineEntry of(StateChange change) {
        return new TimelineEntry(change.project(), change.test(), change.at(), change.from(), change.to(),
                change.reason(), change.evidence().stream().map(e -> e.describe()).toList(), change.cause(),
                change.actor());
    }

    /**
     * The state change it records, for the nightly figures (which count transitions); its evidence is in
     * {@link #evidence()} as text only.
     */
    public StateChange change() {
        return new StateChange(project, test, at, from, to, reason, List.of(), cause, actor);
    }

    /** {@code healthy -> flaky}. */
    public String transition() {
        return change().transition();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
