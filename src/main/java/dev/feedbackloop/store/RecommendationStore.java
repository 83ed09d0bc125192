package dev.feedbackloop.store;

import java.util.Optional;

/** Recommendations (fixes asked for, and later proposed) per scenario. */
public interface RecommendationStore {

    /**
     * Records a pending recommendation unless one with the same scenario and id exists.
     *
     * @return whether it was recorded now
     * @throws dev.feedbackloop.store.StoreException when the store fails
     */
    boolean putPending(PendingRecommendation recommendation);

    /** A project's pending recommendations, highest priority first, then oldest first. */
    Page<PendingRecommendation> pending(String project, int limit, Optional<String> cursor);
}
