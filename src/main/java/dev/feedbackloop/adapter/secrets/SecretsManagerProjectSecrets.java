package dev.feedbackloop.adapter.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.ingest.ProjectSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@link ProjectSecrets} from one Secrets Manager secret whose value is a JSON object of project to HMAC secret
 * ({@code feedback.secrets.project-secrets-id}). The map is cached for {@code ttl}; a project missing from it
 * triggers a reload at most every {@link #MISS_RELOAD}, so a project added to the secret works within seconds while
 * a stream of unknown-project requests cannot hammer Secrets Manager. Thread-safe.
 */
public final class SecretsManagerProjectSecrets implements ProjectSecrets {

    /** Least time between two reloads caused by an unknown project. */
    static final Duration MISS_RELOAD = Duration.ofSeconds(30);

    private final SecretsManagerClient client;
    private final String secretId;
    private final Duration ttl;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private Map<String, byte[]> secrets;
    private Instant loadedAt = Instant.MIN;

    public SecretsManagerProjectSecrets(SecretsManagerClient client, String secretId, Duration ttl, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalArgumentException("a secret id is required (feedback.secrets.project-secrets-id)");
        }
        this.secretId = secretId;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Optional<byte[]> secretOf(String project) {
        Instant now = clock.instant();
        if (secrets == null || !now.isBefore(loadedAt.plus(ttl))
                || (!secrets.containsKey(project) && !now.isBefore(loadedAt.plus(MISS_RELOAD)))) {
            secrets = load();
            loadedAt = now;
        }
        return Optional.ofNullable(secrets.get(project)).map(byte[]::clone);
    }

    private Map<String, byte[]> load() {
        String value;
        try {
            value = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (SdkException e) {
            throw new SecretsUnavailableException("cannot read secret " + secretId + ": " + e.getMessage(), e);
        }
        JsonNode map;
        try {
            map = json.readTree(value == null ? "" : value);
        } catch (JsonProcessingException e) {
            throw malformed(null);
        }
        if (map == null || !map.isObject()) {
            throw malformed(null);
        }
        Map<String, byte[]> loaded = new HashMap<>();
        map.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual() || entry.getValue().asText().isEmpty()) {
                throw malformed(entry.getKey());
            }
            loaded.put(entry.getKey(), entry.getValue().asText().getBytes(StandardCharsets.UTF_8));
        });
        return loaded;
    }

    /** Never quotes the value: it holds secrets. */
    private SecretsUnavailableException malformed(String project) {
        return new SecretsUnavailableException("secret " + secretId + " must be a JSON object of project name to"
                + " non-empty secret string" + (project == null ? "" : "; the entry of '" + project + "' is not"),
                null);
    }
}
