package dev.feedbackloop.regenerate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One question to a model: instructions, the evidence, and the shape the answer must take.
 *
 * @param system          the instructions (the system prompt); the caller's, never built from the evidence
 * @param userContent     the evidence, already redacted and marked as data rather than instructions (the caller's
 *                        business: this type sends it as it is)
 * @param schema          the answer's JSON schema, sent the provider's way and checked on return
 * @param maxOutputTokens most tokens the answer may take; an answer cut off there is
 *                        {@link FixModelFault#TRUNCATED}
 * @param model           the provider's model id (e.g. {@code claude-sonnet-4-5}, {@code gpt-4.1}, a Bedrock model or
 *                        inference profile id)
 * @param deadline        when the caller must be done (a Lambda function's deadline); empty when there is none (the
 *                        command line). {@link FixModelCaller} starts no call that could not end before it
 */
public record FixModelRequest(String system, String userContent, FixAnswerSchema schema, int maxOutputTokens,
                              String model, Optional<Instant> deadline) {

    public FixModelRequest {
        requireText(system, "system");
        requireText(userContent, "userContent");
        Objects.requireNonNull(schema, "schema");
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
        }
        requireText(model, "model");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** A request for the standard answer schema. */
    public static FixModelRequest of(String system, String userContent, int maxOutputTokens, String model,
                                     Optional<Instant> deadline) {
        return new FixModelRequest(system, userContent, FixAnswerSchema.standard(), maxOutputTokens, model, deadline);
    }

    /** Never the content: it is long, and secrets must not reach logs even after redaction missed one. */
    @Override
    public String toString() {
        return "FixModelRequest[model=" + model + ", maxOutputTokens=" + maxOutputTokens + ", system="
                + system.length() + " chars, userContent=" + userContent.length() + " chars, deadline="
                + deadline.map(Instant::toString).orElse("none") + "]";
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
