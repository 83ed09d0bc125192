package dev.feedbackloop.regenerate;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model call that gave no valid answer, or was not made. Its message says what happened in words fit for a
 * recommendation (never the request content, never a key); {@link #fault()} says what kind of failure it was and
 * whether it is transient.
 */
public class FixModelException extends RuntimeException {

    private final FixModelFault fault;
    private final String provider;
    private final OptionalInt httpStatus;
    private final Optional<Duration> retryAfter;
    private final Optional<String> requestId;
    private final Optional<TokenUsage> usage;
    private final Optional<String> rawResponse;
    private final int attempts;

    /**
     * @param fault       what went wrong
     * @param provider    the provider, or {@code none} for a call not made
     * @param message     what happened, for people
     * @param httpStatus  the provider's HTTP status, when it answered
     * @param retryAfter  how long the provider asked to wait ({@code retry-after}), when it did
     * @param requestId   the provider's request id, when it sent one
     * @param usage       tokens the failed call still used (a refusal, a truncated or invalid answer are billed)
     * @param rawResponse the response body, when there was one, for storage
     * @param attempts    calls made (0 when none was)
     * @param cause       the underlying failure, if any
     */
    public FixModelException(FixModelFault fault, String provider, String message, OptionalInt httpStatus,
                             Optional<Duration> retryAfter, Optional<String> requestId, Optional<TokenUsage> usage,
                             Optional<String> rawResponse, int attempts, Throwable cause) {
        super(message, cause);
        this.fault = Objects.requireNonNull(fault, "fault");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.httpStatus = Objects.requireNonNull(httpStatus, "httpStatus");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.rawResponse = Objects.requireNonNull(rawResponse, "rawResponse");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative, was " + attempts);
        }
        this.attempts = attempts;
    }

    /** A call not made (budget, deadline): no provider answer, no usage. */
    public static FixModelException notMade(FixModelFault fault, String message) {
        return new FixModelException(fault, "none", message, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, null);
    }

    /** The same failure, reported after {@code attemptsMade} calls (the caller's count, retries included). */
    public FixModelException afterAttempts(int attemptsMade) {
        String message = attemptsMade > 1 ? getMessage() + " (after " + attemptsMade + " attempts)" : getMessage();
        return new FixModelException(fault, provider, message, httpStatus, retryAfter, requestId, usage, rawResponse,
                attemptsMade, this);
    }

    public FixModelFault fault() {
        return fault;
    }

    /** Whether the same work may succeed later without anyone acting: it goes back to the queue. */
    public boolean isTransient() {
        return fault.isTransient();
    }

    public String provider() {
        return provider;
    }

    public OptionalInt httpStatus() {
        return httpStatus;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public Optional<String> requestId() {
        return requestId;
    }

    public Optional<TokenUsage> usage() {
        return usage;
    }

    public Optional<String> rawResponse() {
        return rawResponse;
    }

    public int attempts() {
        return attempts;
    }
}
