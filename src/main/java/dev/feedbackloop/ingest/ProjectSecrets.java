package dev.feedbackloop.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Where each project's HMAC signing secret is kept. */
public interface ProjectSecrets {

    /**
     * The signing secret of {@code project}.
     *
     * @return empty when no such project is registered
     * @throws SecretsUnavailableException when the secrets cannot be read right now (the caller should answer "retry
     *                                     later", never "unknown project")
     */
    Optional<byte[]> secretOf(String project);

    /** Secrets given directly ({@code feedback.secrets.inline.<project>=<secret>}), for local runs and tests. */
    static ProjectSecrets inline(Map<String, String> secrets) {
        Map<String, String> copy = Map.copyOf(secrets);
        return project -> Optional.ofNullable(copy.get(project)).filter(s -> !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** The secrets could not be read (the secret store is unreachable, or its value is malformed). */
    final class SecretsUnavailableException extends RuntimeException {
        public SecretsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
