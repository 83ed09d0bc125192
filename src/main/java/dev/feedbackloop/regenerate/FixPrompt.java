package dev.feedbackloop.regenerate;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The two parts of a question to a model: instructions, and the evidence as data.
 *
 * @param system the instructions; built from constants and the category only, never from evidence
 * @param user   the evidence, each part between boundary markers, redacted
 */
public record FixPrompt(String system, String user) {

    public FixPrompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }

    /**
     * Input tokens this prompt may take, estimated high: UTF-8 bytes / 3, the answer schema included, the same
     * estimate {@link SpendBudget} reserves money for (English averages about four characters a token, code about
     * three).
     */
    public long estimatedInputTokens() {
        FixModelRequest request = FixModelRequest.of(system, user, 1, "estimate", Optional.empty());
        return SpendBudget.estimatedInputTokens(request);
    }

    /** UTF-8 bytes of both parts. */
    public long bytes() {
        return system.getBytes(StandardCharsets.UTF_8).length + (long) user.getBytes(StandardCharsets.UTF_8).length;
    }
}
