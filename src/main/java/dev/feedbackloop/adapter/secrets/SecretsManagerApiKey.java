package dev.feedbackloop.adapter.secrets;

import dev.feedbackloop.adapter.llm.ApiKeySource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The LLM provider's API key from a Secrets Manager secret whose value is the key itself
 * ({@code feedback.llm.api-key-secret-id}), read at the first call (so only the function that calls a model ever
 * reads it, and the client is only made then) and cached for {@code ttl}, so that a rotated key is picked up.
 * Thread-safe. Never shows the key.
 */
public final class SecretsManagerApiKey implements ApiKeySource {

    private final Supplier<SecretsManagerClient> client;
    private final String secretId;
    private final Duration ttl;
    private final Clock clock;
    private SecretsManagerClient created;
    private String key;
    private Instant loadedAt = Instant.MIN;

    /**
     * @param client makes the client at the first read
     */
    public SecretsManagerApiKey(Supplier<SecretsManagerClient> client, String secretId, Duration ttl, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalArgumentException("a secret id is required (feedback.llm.api-key-secret-id)");
        }
        this.secretId = secretId;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws SecretsUnavailable when the secret cannot be read, naming it (never its value)
     */
    @Override
    public synchronized Optional<String> key() {
        Instant now = clock.instant();
        if (key == null || !now.isBefore(loadedAt.plus(ttl))) {
            key = load();
            loadedAt = now;
        }
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    private String load() {
        if (created == null) {
            created = client.get();
        }
        try {
            String value = created.getSecretValue(b -> b.secretId(secretId)).secretString();
            return value == null ? "" : value.trim();
        } catch (SdkException e) {
            throw new SecretsUnavailable("cannot read secret " + secretId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SecretsManagerApiKey[" + secretId + "]";
    }

    /** The secret could not be read. */
    public static final class SecretsUnavailable extends RuntimeException {
        public SecretsUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
