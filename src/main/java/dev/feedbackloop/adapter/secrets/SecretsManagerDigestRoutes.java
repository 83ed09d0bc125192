package dev.feedbackloop.adapter.secrets;

import dev.feedbackloop.publish.DigestRoutes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The projects' digest routes on AWS: one Secrets Manager secret ({@code feedback.digest.secret-id}) whose value is
 * {@link DigestRoutes}'s document (project to Slack webhook URL, with an optional owners file). Read once per nightly
 * run. The webhook URLs are secrets: no message here contains the value.
 */
public final class SecretsManagerDigestRoutes {

    private SecretsManagerDigestRoutes() {
    }

    /**
     * Reads and parses the secret.
     *
     * @throws IllegalStateException when the secret cannot be read or is malformed (naming the secret, not its value)
     */
    public static DigestRoutes load(SecretsManagerClient client, String secretId) {
        String value;
        try {
            value = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read the digest settings secret " + secretId + ": "
                    + e.getMessage(), e);
        }
        if (value == null || value.isBlank()) {
            return DigestRoutes.none();
        }
        try {
            return DigestRoutes.parse(value, "digest settings secret " + secretId);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
