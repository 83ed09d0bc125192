package dev.feedbackloop.recommend;

/** A status move the lifecycle does not allow, such as verifying a draft. */
public final class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String recommendationId, RecommendationStatus from, RecommendationStatus to) {
        super("recommendation " + recommendationId + " is " + from.wireName() + " and cannot become " + to.wireName()
                + "; from " + from.wireName() + " it can become "
                + (from.next().isEmpty() ? "nothing" : String.join(", ",
                from.next().stream().map(RecommendationStatus::wireName).toList())));
    }
}
