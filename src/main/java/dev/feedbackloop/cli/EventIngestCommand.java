package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.lambda.FunctionUrlEvents;
import dev.feedbackloop.ingest.RunMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints a Function URL event that posts a report to {@code ingest}, signed now: a stored event's signature is
 * refused five minutes after it was made, so sample events are re-signed before each use.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Print a signed Function URL event carrying REPORT, for the ingest function.",
                "Send it to the Lambda mock event server: ... | curl -d @- http://localhost:8080/_lambda_"})
public final class EventIngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--project", required = true, description = "Project key.")
    String project;

    @Option(names = "--secret-env", required = true, paramLabel = "VAR",
            description = "Name of the environment variable holding the project's signing secret.")
    String secretEnv;

    @Option(names = "--run", description = "CI run id (default: the report's content hash).")
    String runId;

    @Option(names = "--attempt", description = "CI run attempt.")
    Integer attempt;

    @Option(names = "--commit", description = "Commit SHA tested.")
    String commit;

    @Option(names = "--branch", description = "Branch tested.")
    String branch;

    @Option(names = "--build-url", description = "Link to the CI run.")
    String buildUrl;

    @Option(names = "--ci", description = "CI provider name.")
    String ciProvider;

    @Parameters(arity = "1", paramLabel = "REPORT", description = "The report file, raw or gzip.")
    Path report;

    /** Where the secret is read from; tests replace it. */
    Map<String, String> environment = System.getenv();
    /** When the event is signed; tests replace it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        String secret = environment.get(secretEnv);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + secretEnv + " (--secret-env) is not set");
        }
        if (!Files.isReadable(report)) {
            throw new IllegalArgumentException(report + ": no such readable file");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(RunMetadata.Field.PROJECT.parameter(), project);
        put(metadata, RunMetadata.Field.RUN_ID, runId);
        put(metadata, RunMetadata.Field.RUN_ATTEMPT, attempt == null ? null : attempt.toString());
        put(metadata, RunMetadata.Field.COMMIT, commit);
        put(metadata, RunMetadata.Field.BRANCH, branch);
        put(metadata, RunMetadata.Field.BUILD_URL, buildUrl);
        put(metadata, RunMetadata.Field.CI_PROVIDER, ciProvider);
        var event = FunctionUrlEvents.signed("/", Files.readAllBytes(report), metadata,
                secret.getBytes(StandardCharsets.UTF_8), clock.instant());
        spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(event));
        return 0;
    }

    private static void put(Map<String, String> metadata, RunMetadata.Field field, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(field.parameter(), value);
        }
    }
}
