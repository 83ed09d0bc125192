package dev.feedbackloop.regenerate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's valid answer with what it took: what {@code failure_analysis} stores per call.
 *
 * @param answer       the answer, valid against the request's schema; only its schema's fields
 * @param provider     {@code anthropic}, {@code openai} or {@code bedrock}
 * @param model        the model that answered, as the provider named it (may be more precise than the one asked)
 * @param stopReason   the provider's own stop reason ({@code end_turn}, {@code stop}, ...)
 * @param usage        tokens used
 * @param latency      from sending the request to reading the whole response, of the call that answered
 * @param costUsd      estimated cost of the call in US dollars, from {@link ModelPrices}; zero for an unpriced
 *                     model (a local one)
 * @param rawResponse  the response body as received, for storage
 * @param requestId    the provider's request id, when it sent one
 * @param attempts     calls made for this answer, 1 unless transient faults were retried
 */
public record FixModelReply(FixAnswer answer, String provider, String model, String stopReason, TokenUsage usage,
                            Duration latency, BigDecimal costUsd, String rawResponse, Optional<String> requestId,
                            int attempts) {

    public FixModelReply {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(costUsd, "costUsd");
        if (costUsd.signum() < 0) {
            throw new IllegalArgumentException("cost cannot be negative, was " + costUsd);
        }
        Objects.requireNonNull(rawResponse, "rawResponse");
        Objects.requireNonNull(requestId, "requestId");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }

    /** This reply as priced and counted by the caller. */
    public FixModelReply withCost(BigDecimal cost, int attemptsMade) {
        return new FixModelReply(answer, provider, model, stopReason, usage, latency, cost, rawResponse, requestId,
                attemptsMade);
    }
}
