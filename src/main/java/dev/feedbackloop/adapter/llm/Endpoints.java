package dev.feedbackloop.adapter.llm;

import dev.feedbackloop.regenerate.FixModelException;
import dev.feedbackloop.regenerate.FixModelFault;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

/** URL and key handling the provider adapters share. */
final class Endpoints {

    private Endpoints() {
    }

    /** {@code base} with {@code path} appended, whether or not the base ends in a slash. */
    static URI append(URI base, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + path);
    }

    /**
     * The API key, for a provider that needs one.
     *
     * @throws FixModelException {@link FixModelFault#AUTH_FAILED} when none is configured;
     *                           {@link FixModelFault#UNREACHABLE} (transient) when its store could not be read
     */
    static String requireKey(ApiKeySource source, String provider) {
        Optional<String> key;
        try {
            key = source.key();
        } catch (RuntimeException e) {
            throw new FixModelException(FixModelFault.UNREACHABLE, provider, provider
                    + ": cannot read the API key: " + e.getMessage(), OptionalInt.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), 1, e);
        }
        return key.filter(k -> !k.isBlank()).orElseThrow(() -> new FixModelException(FixModelFault.AUTH_FAILED,
                provider, provider + ": no API key configured (FEEDBACK_LLM_API_KEY, or the secret named by "
                + "feedback.llm.api-key-secret-id)", OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 1, null));
    }

    /** The key when one is configured; a server that needs none (Ollama) gets no header. */
    static Optional<String> optionalKey(ApiKeySource source, String provider) {
        try {
            return source.key().filter(k -> !k.isBlank());
        } catch (RuntimeException e) {
            throw new FixModelException(FixModelFault.UNREACHABLE, provider, provider
                    + ": cannot read the API key: " + e.getMessage(), OptionalInt.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), 1, e);
        }
    }
}
