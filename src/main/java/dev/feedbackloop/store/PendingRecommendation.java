package dev.feedbackloop.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A recommendation waiting for its fix to be generated: the durable record of a regeneration request received.
 * Generating the corrected test (an LLM call) turns it into a proposed fix in a later stage.
 *
 * @param request          the request
 * @param recommendationId its id within the scenario: the request's deduplication key, so receiving the same request
 *                         again names the same recommendation
 * @param priority         1 (low) to 10 (urgent): twice the category's severity
 * @param receivedAt       when it was first recorded
 */
public record PendingRecommendation(RegenerationRequest request, String recommendationId, int priority,
                                    Instant receivedAt) {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    public PendingRecommendation {
        Objects.requireNonNull(request, "request");
        if (recommendationId == null || !ID.matcher(recommendationId).matches()) {
            throw new IllegalArgumentException("recommendation id must be 64 hex digits, was '" + recommendationId
                    + "'");
        }
        if (priority < 1 || priority > 10) {
            throw new IllegalArgumentException("priority must be within 1..10, was " + priority);
        }
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The pending recommendation a request asks for. */
    public static PendingRecommendation of(RegenerationRequest request, Instant receivedAt) {
        return new PendingRecommendation(request, request.deduplicationKey(),
                Math.min(10, 2 * request.category().severity()), receivedAt);
    }
}
