package dev.feedbackloop.cli;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --secret-env} flag of the commands that sign reports for {@code ingest}. */
final class SigningSecretOption {

    @Option(names = "--secret-env", required = true, paramLabel = "VAR",
            description = "Name of the environment variable holding the project's signing secret.")
    String variable;

    /** The project's signing secret, read from {@code environment}; refused when unset or blank. */
    byte[] secret(Map<String, String> environment) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " (--secret-env) is not set");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
