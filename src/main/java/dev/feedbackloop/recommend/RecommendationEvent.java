package dev.feedbackloop.recommend;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened to a recommendation, as the book logs it by day for the nightly figures: it was made
 * ({@code change} empty), or its status moved.
 *
 * @param after  the recommendation right after it happened
 * @param change the status change; empty for its making
 */
public record RecommendationEvent(Recommendation after, Optional<StatusChange> change) {

    public RecommendationEvent {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(change, "change");
    }

    /** When it happened. */
    public java.time.Instant at() {
        return change.map(StatusChange::at).orElse(after.createdAt());
    }
}
