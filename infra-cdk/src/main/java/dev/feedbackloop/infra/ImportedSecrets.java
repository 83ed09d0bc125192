package dev.feedbackloop.infra;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Secrets a team already keeps in Secrets Manager, imported by name ({@code Secret.fromSecretNameV2}) instead of the
 * stack creating them: the same functions are granted read access, and are told the secret's name (Secrets Manager
 * finds a secret by name as by ARN). Context keys {@code githubTokenSecretName}, {@code llmApiKeySecretName},
 * {@code readSecretName}; absent, the stack creates the secret as before. An imported secret is never deleted or
 * changed by the stack, whatever {@code retainData} says.
 *
 * @param githubToken the GitHub token the nightly issue sync uses
 * @param llmApiKey   the LLM provider's API key regenerate uses
 * @param readSecret  the read API's secret, from which each project's read token derives
 */
public record ImportedSecrets(Optional<String> githubToken, Optional<String> llmApiKey, Optional<String> readSecret) {

    /** Nothing imported: the stack creates every secret. */
    public static final ImportedSecrets NONE = new ImportedSecrets(Optional.empty(), Optional.empty(),
            Optional.empty());

    /** Secrets Manager's secret names: 1-512 of letters, digits and {@code /_+=.@-}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

    public ImportedSecrets {
        check("githubTokenSecretName", githubToken);
        check("llmApiKeySecretName", llmApiKey);
        check("readSecretName", readSecret);
    }

    private static void check(String key, Optional<String> name) {
        Objects.requireNonNull(name, key);
        name.ifPresent(n -> {
            if (!NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("context '" + key + "' must be a secret name of 1-512 letters,"
                        + " digits and /_+=.@- (not an ARN), got '" + n + "'");
            }
        });
    }
}
