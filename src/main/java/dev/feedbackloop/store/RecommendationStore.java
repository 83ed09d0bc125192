package dev.feedbackloop.store;

import java.util.List;
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

    /**
     * Records several, leaving what {@link #putPending} of each in turn leaves (a store may write them together): what
     * one drain of the queue a history load filled records of a batch of requests.
     *
     * @return for each, in order, whether it was recorded now (false: it was recorded before)
     */
    default List<Boolean> putPendingAll(List<PendingRecommendation> recommendations) {
        return recommendations.stream().map(this::putPending).toList();
    }

    /** A project's pending recommendations, highest priority first, then oldest first. */
    Page<PendingRecommendation> pending(String project, int limit, Optional<String> cursor);

    /**
     * Records the fix proposed for a pending recommendation, once: the recommendation leaves the pending listing
     * and is listed by {@link #proposed} until the recommendation stage turns it into a draft
     * ({@code dev.feedbackloop.recommend}). Idempotent: a second proposal for the same recommendation is ignored.
     *
     * @return whether it was recorded now; false when the recommendation is not pending (absent, or proposed before)
     */
    boolean proposeFix(PendingRecommendation recommendation, ProposedFix fix);

    /** A project's pending recommendations with a proposed fix, highest priority first, then oldest first. */
    Page<Proposal> proposed(String project, int limit, Optional<String> cursor);

    /**
     * A pending recommendation and the fix proposed for it.
     *
     * @param recommendation the pending recommendation
     * @param fix            the fix
     */
    record Proposal(PendingRecommendation recommendation, ProposedFix fix) {
        public Proposal {
            java.util.Objects.requireNonNull(recommendation, "recommendation");
            java.util.Objects.requireNonNull(fix, "fix");
        }
    }
}
