package dev.feedbackloop.regenerate;

/**
 * Tokens one model call used, as the provider reported them, normalised so that the four counts do not overlap:
 * {@code inputTokens} excludes tokens read from or written to the provider's prompt cache (Anthropic and Bedrock
 * report it so; OpenAI's {@code prompt_tokens} includes its cached tokens, which the adapter subtracts).
 *
 * @param inputTokens      input tokens billed at the input price
 * @param outputTokens     output tokens (reasoning tokens included where the provider counts them in)
 * @param cacheReadTokens  input tokens read from the prompt cache
 * @param cacheWriteTokens input tokens written to the prompt cache
 */
public record TokenUsage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative: input " + inputTokens + ", output "
                    + outputTokens + ", cache read " + cacheReadTokens + ", cache write " + cacheWriteTokens);
        }
    }

    /** Every input token, cached or not. */
    public long totalInputTokens() {
        return inputTokens + cacheReadTokens + cacheWriteTokens;
    }
}
