package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.upload.IngestClient;
import dev.feedbackloop.upload.RetryPolicy;
import dev.feedbackloop.upload.Sleeper;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --url} with the project's signing secret, for the commands that record a person's decision
 * ({@code triage}, {@code recommendation implemented}): send it to the ingest Function URL (the stack's
 * {@code IngestUrl}) or {@code feedback serve}, signed as uploads are, instead of writing the embedded store.
 */
final class DecisionUrlOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", paramLabel = "URL", description = "Send the decision to the ingest URL (the stack's"
            + " IngestUrl, or `feedback serve`) instead of the embedded store; needs --secret-env.")
    URI url;

    @Option(names = "--secret-env", paramLabel = "VAR", description = "With --url: the environment variable holding"
            + " the project's signing secret (the request is signed with it, as uploads are).")
    String secretEnv;

    /** The client of {@code --url}, or empty to write the embedded store; refuses a secret without a URL. */
    Optional<IngestClient> client(CommandLine commandLine, Map<String, String> environment, Clock clock) {
        if (url == null) {
            if (secretEnv != null) {
                throw new CommandLine.ParameterException(commandLine, "--secret-env goes with --url");
            }
            return Optional.empty();
        }
        if (secretEnv == null) {
            throw new CommandLine.ParameterException(commandLine, "--url needs --secret-env VAR (the project's"
                    + " signing secret)");
        }
        String secret = environment.get(secretEnv);
        if (secret == null || secret.isBlank()) {
            throw new CommandLine.ParameterException(commandLine, "environment variable " + secretEnv
                    + " (--secret-env) is not set");
        }
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new CommandLine.ParameterException(commandLine, "--url must be the ingest URL,"
                    + " http(s)://host[:port][/path], was " + url);
        }
        try {
            URI base = url;
            PrintWriter err = commandLine.getErr();
            return Optional.of(new IngestClient(base, secret.getBytes(StandardCharsets.UTF_8),
                    new RetryPolicy(RetryPolicy.DEFAULT_RETRIES, RetryPolicy.DEFAULT_TIMEOUT), Sleeper.SYSTEM, clock,
                    notice -> err.println("feedback: " + notice)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--url: " + e.getMessage());
        }
    }

    /** Posts {@code body} as JSON to {@code route} for {@code project}; the route's answer. */
    static JsonNode post(IngestClient client, String route, String project, Map<String, Object> body)
            throws InterruptedException {
        try {
            return client.postJson(route, JSON.writeValueAsBytes(body), Map.of("project", project));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always writes as JSON", e);
        }
    }
}
