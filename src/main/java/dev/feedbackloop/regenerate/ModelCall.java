package dev.feedbackloop.regenerate;

import dev.feedbackloop.text.Sha256;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One question asked of a model and what came back, stored before anything is done with the answer (the design's
 * {@code failure_analysis}): a redelivered piece of work finds it and goes on from it without asking again.
 *
 * @param round                 1 for the first question, 2 for the one after the guard rejected a fix
 * @param provider              {@code anthropic}, {@code openai}, {@code bedrock}
 * @param model                 the model that answered (or was asked, when none answered)
 * @param promptSha256          hex SHA-256 of system and user prompt: the prompt is rebuilt from the stored evidence
 *                              and checked against it rather than stored again
 * @param estimatedInputTokens  the prompt's estimate ({@link FixPrompt#estimatedInputTokens()})
 * @param usage                 tokens the provider reported; {@link TokenUsage#NONE} when it reported none
 * @param latency               of the call that answered or failed last
 * @param costUsd               estimated cost
 * @param attempts              calls made, retries included (0 when none was: budget, deadline)
 * @param answerJson            the valid answer as JSON ({@link FixAnswerJson}), when there was one
 * @param rawResponse           the provider's response body, cut to {@link #MAX_RAW} characters, when there was one
 * @param fault                 what went wrong, when no valid answer came
 * @param faultMessage          its message, when no valid answer came
 */
public record ModelCall(int round, String provider, String model, String promptSha256, long estimatedInputTokens,
                        TokenUsage usage, Duration latency, BigDecimal costUsd, int attempts,
                        Optional<String> answerJson, Optional<String> rawResponse, Optional<FixModelFault> fault,
                        Optional<String> faultMessage) {

    /** Most characters of a raw response kept: the answer itself is kept whole in {@code answerJson}. */
    public static final int MAX_RAW = 20_000;

    public ModelCall {
        if (round < 1 || round > 2) {
            throw new IllegalArgumentException("round must be 1 or 2, was " + round);
        }
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(promptSha256, "promptSha256");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(costUsd, "costUsd");
        Objects.requireNonNull(answerJson, "answerJson");
        rawResponse = Objects.requireNonNull(rawResponse, "rawResponse").map(r -> Bounded.middle(r, MAX_RAW));
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(faultMessage, "faultMessage");
        if (answerJson.isPresent() == fault.isPresent()) {
            throw new IllegalArgumentException("a model call has either an answer or a fault, round " + round);
        }
    }

    /** A call that answered. */
    static ModelCall answered(int round, FixPrompt prompt, FixModelReply reply) {
        return new ModelCall(round, reply.provider(), reply.model(), promptSha256(prompt),
                prompt.estimatedInputTokens(), reply.usage(), reply.latency(), reply.costUsd(), reply.attempts(),
                Optional.of(FixAnswerJson.write(reply.answer())), Optional.of(reply.rawResponse()), Optional.empty(),
                Optional.empty());
    }

    /** A call that gave no valid answer, or was not made. */
    static ModelCall failed(int round, FixPrompt prompt, String model, FixModelException e, BigDecimal cost) {
        return new ModelCall(round, e.provider(), model, promptSha256(prompt), prompt.estimatedInputTokens(),
                e.usage().orElse(TokenUsage.NONE), Duration.ZERO, cost, e.attempts(), Optional.empty(),
                e.rawResponse(), Optional.of(e.fault()), Optional.of(e.getMessage() == null ? e.fault().name()
                        : e.getMessage()));
    }

    static String promptSha256(FixPrompt prompt) {
        return Sha256.hex(prompt.system() + '\u0000' + prompt.user());
    }
}
