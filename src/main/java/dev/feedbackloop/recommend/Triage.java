package dev.feedbackloop.recommend;

import dev.feedbackloop.fingerprint.Fingerprint;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded triage decision, kept apart from the recommendation so it outlives it: later recommendations for the
 * same scenario (or pattern) read it.
 *
 * @param recommendationId the recommendation decided on
 * @param scenario         its scenario, for an immediate fix
 * @param direction        the approach decided on
 * @param decision         the decision
 * @param reason           why; required for reject and product-bug, else may be empty
 * @param by               who decided
 * @param at               when
 */
public record Triage(String recommendationId, Optional<Fingerprint> scenario, String direction,
                     TriageDecision decision, String reason, String by, Instant at) {

    public Triage {
        Objects.requireNonNull(recommendationId, "recommendationId");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        if ((decision == TriageDecision.REJECT || decision == TriageDecision.PRODUCT_BUG) && reason.isBlank()) {
            throw new IllegalArgumentException("a " + decision.wireName() + " decision needs a reason (--reason)");
        }
        if (reason.length() > 2000) {
            throw new IllegalArgumentException("a triage reason is at most 2000 characters, was " + reason.length());
        }
        if (by == null || by.isBlank() || by.length() > 200) {
            throw new IllegalArgumentException("a triage decision needs who made it (1-200 characters), was '" + by
                    + "'");
        }
        Objects.requireNonNull(at, "at");
    }

    /** The decision taken on a recommendation, applying it: the recommendation moved, and the record of it. */
    public static Decided decide(Recommendation recommendation, TriageDecision decision, String reason, String by,
                                 Instant at) {
        Triage triage = new Triage(recommendation.id(), recommendation.scenario(),
                recommendation.advice().direction(), decision, reason, by, at);
        return new Decided(recommendation.move(decision.status(), by, at, why(decision, reason)), triage);
    }

    /** The reason a decision's status change records. */
    static String why(TriageDecision decision, String reason) {
        return decision == TriageDecision.PRODUCT_BUG ? "product bug: " + reason : reason;
    }

    /** A recommendation after a decision, and the decision's record. */
    public record Decided(Recommendation recommendation, Triage triage) {
    }
}
