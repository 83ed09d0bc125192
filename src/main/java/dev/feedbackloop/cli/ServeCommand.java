package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.http.ReadApiServer;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.view.ProjectReads;
import dev.feedbackloop.view.ReadAccess;
import dev.feedbackloop.view.ReadApi;
import dev.feedbackloop.view.ReadTokens;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback serve}: the read API and the dashboard on localhost, over the embedded store. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the read API (/api/v1/projects/{project}/scenarios, .../runs, .../tests, .../quarantine, ...) and each project's"
                + " dashboard (/projects/{project}/dashboard) on 127.0.0.1 from the embedded store, until stopped.",
                "Every request needs the project's read token (Authorization: Bearer flr_...; the dashboard also"
                        + " takes ?token=), or a signature with the project's secret (--secret-env; docs/read-api.md)."
                        + " Tokens derive from DIR/read-secret, made on first use; the tokens of the --project options"
                        + " are printed at start. The store is held while serving."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".feedback",
            description = "Where the store is kept (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--project", paramLabel = "P", description = "Print this project's read token and dashboard link"
            + " (repeatable).")
    List<String> projects = List.of();

    @Option(names = "--secret-env", paramLabel = "PROJECT=VAR", description = "Also accept reads of PROJECT signed"
            + " with the secret in environment variable VAR, as CI signs uploads (repeatable).")
    Map<String, String> secretEnvs = Map.of();

    /** Where --secret-env is read; a test replaces it. */
    Map<String, String> environment = System.getenv();

    /** Counted down to stop the server, for tests; the command line stops it with Ctrl-C. */
    CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be within 0..65535, was "
                    + port);
        }
        projects.forEach(p -> {
            try {
                RunKey.requireProjectKey(p);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--project: " + e.getMessage());
            }
        });
        ProjectSecrets secrets = ProjectSecrets.inline(signingSecrets());
        StoreOptions options = new StoreOptions();
        options.data = data;
        options.project = projects.isEmpty() ? "PROJECT" : projects.get(0);
        try (LocalStore local = ScenariosCommand.open(options)) {
            ReadTokens tokens = new ReadTokens(ReadSecretFile.readOrCreate(local.path()));
            ProjectReads reads = new ProjectReads(local.runs(), local.scenarios(), Optional.of(local.metrics()),
                    Optional.of(local.recommendations()), Clock.systemUTC())
                    .withHealth(local.health(), HealthSettings.defaults())
                    .withRecommendations(local.recommendationBook())
                    .withFigures(local.figures());
            ReadAccess access = new ReadAccess(Optional.of(tokens), secrets, Clock.systemUTC());
            try (ReadApiServer server = ReadApiServer.start(new ReadApi(reads, access), port)) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Serving the read API on %s (Ctrl-C stops)%n", server.uri());
                for (String project : projects) {
                    String token = tokens.token(project);
                    out.printf("  %s: read token %s%n    dashboard %sprojects/%s/dashboard?token=%s%n", project, token,
                            server.uri(), project, token);
                }
                out.flush();
                Thread hook = new Thread(stop::countDown, "feedback-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                stop.await();
            }
        }
        return 0;
    }

    /** Each --secret-env project's secret, read from its variable; refused when a name or a variable is wrong. */
    private Map<String, String> signingSecrets() {
        Map<String, String> secrets = new HashMap<>();
        secretEnvs.forEach((project, variable) -> {
            try {
                RunKey.requireProjectKey(project);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--secret-env: " + e.getMessage());
            }
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "environment variable " + variable
                        + " (--secret-env " + project + "=" + variable + ") is not set");
            }
            secrets.put(project, value);
        });
        return secrets;
    }
}
