package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.upload.SignedIngestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    SigningSecretOption signing = new SigningSecretOption();

    @Mixin
    RunMetadataOptions run = new RunMetadataOptions();

    @Option(names = "--signed-at", paramLabel = "INSTANT",
            description = "Sign as of this time (ISO-8601) instead of now: to make a sample event again exactly"
                    + " (events/README.md); ingest refuses it five minutes after that time.")
    Instant signedAt;

    @Parameters(arity = "1", paramLabel = "REPORT", description = "The report file, raw or gzip.")
    Path report;

    /** Where the secret is read from; tests replace it. */
    Map<String, String> environment = System.getenv();
    /** When the event is signed; tests replace it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        byte[] secret = signing.secret(environment);
        if (!Files.isReadable(report)) {
            throw new IllegalArgumentException(report + ": no such readable file");
        }
        var event = SignedIngestEvents.functionUrlPost("/", Files.readAllBytes(report), run.validated(project),
                secret, signedAt == null ? clock.instant() : signedAt);
        spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(event));
        return 0;
    }
}
