package dev.feedbackloop.adapter.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a provider's API key comes from, asked at each call so that a key stored in Secrets Manager is read only by
 * the function that calls a model, when it first does, and a rotated key is picked up. Implementations never show
 * the key in {@code toString}.
 */
@FunctionalInterface
public interface ApiKeySource {

    /**
     * The key, or empty when none is configured (a local OpenAI-compatible server may need none).
     *
     * @throws RuntimeException when the key's store cannot be read
     */
    Optional<String> key();

    /** No key. */
    static ApiKeySource none() {
        return Optional::empty;
    }

    /** A fixed key (from {@code FEEDBACK_LLM_API_KEY}). */
    static ApiKeySource of(String key) {
        Objects.requireNonNull(key, "key");
        return new ApiKeySource() {
            @Override
            public Optional<String> key() {
                return Optional.of(key);
            }

            @Override
            public String toString() {
                return "ApiKeySource[fixed, " + key.length() + " chars]";
            }
        };
    }
}
