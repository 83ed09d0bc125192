package dev.feedbackloop.regenerate;

/**
 * What went wrong with a model call, and whether trying again later can help. A transient fault sends the work back
 * to the queue untouched (and {@link FixModelCaller} may retry some at once); a permanent one is final for this piece
 * of work: the original test is kept and the fault is stored on the recommendation.
 */
public enum FixModelFault {

    /** No answer within the request timeout (or the provider's own timeout: Anthropic 504, Bedrock 408). */
    TIMEOUT(true),
    /** The provider could not be reached: connection refused or reset, name not resolved. */
    UNREACHABLE(true),
    /** A rate limit (429 with {@code retry-after}, Bedrock {@code ThrottlingException}): slow down, then retry. */
    RATE_LIMITED(true),
    /** The provider is overloaded (Anthropic 529, 503, Bedrock {@code ModelNotReadyException}). */
    OVERLOADED(true),
    /** The provider failed (500, 502, Bedrock {@code InternalServerException}, {@code ModelErrorException}). */
    SERVER_ERROR(true),
    /**
     * Money or quota ran out: a spend limit, credit balance, billing problem or daily token quota (Anthropic
     * {@code enforced_spend_limit_reached} or 402, OpenAI {@code insufficient_quota}, Bedrock tokens per day). Never
     * retried: retrying cannot succeed before a person acts or the period resets.
     */
    QUOTA_EXHAUSTED(false),
    /** The key or credentials were refused (401, 403). */
    AUTH_FAILED(false),
    /** The provider rejected the request itself (400, 404, 413, 422): a model id, a schema, a size. */
    BAD_REQUEST(false),
    /** The model declined to answer (stop reason {@code refusal}, a refusal field, a content filter). */
    REFUSED(false),
    /** The answer was cut off at {@code maxOutputTokens} (or the context window). */
    TRUNCATED(false),
    /** The answer is not one JSON object. */
    MALFORMED_ANSWER(false),
    /** The answer is JSON but breaks the answer schema. */
    SCHEMA_VIOLATION(false),
    /** Not called: the call could push the project's spend for the day over its budget. */
    BUDGET_EXCEEDED(false),
    /** Not called: it could not end before the function's deadline; the work goes back to the queue untouched. */
    DEADLINE_TOO_CLOSE(true);

    private final boolean transientFault;

    FixModelFault(boolean transientFault) {
        this.transientFault = transientFault;
    }

    /** Whether trying the same work again later can succeed without anyone acting. */
    public boolean isTransient() {
        return transientFault;
    }
}
