package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.http.ReadApiServer;
import dev.feedbackloop.adapter.local.LocalDigestRoutes;
import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.adapter.local.LocalNightly;
import dev.feedbackloop.adapter.local.ProjectSecretsFile;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.ingest.IngestSettings;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.publish.DigestChannel;
import dev.feedbackloop.publish.NightlyPublishing;
import dev.feedbackloop.rollup.RollupSchedule;
import dev.feedbackloop.rollup.RollupTimer;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.triage.TriageApi;
import dev.feedbackloop.view.ProjectReads;
import dev.feedbackloop.view.ReadAccess;
import dev.feedbackloop.view.ReadApi;
import dev.feedbackloop.view.ReadTokens;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code feedback serve}: on localhost, what the deployed stack does: the signed ingest webhook (the ingest
 * function's handler), the read API and the dashboard, and the nightly rollup on the deployment's schedule.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves, on 127.0.0.1 over the local store in DIR, until stopped: the signed ingest webhook"
                + " (POST /, /uploads, /sources and /attachments, and people's decisions POST /triage and /implemented, as the deployed ingest function: `feedback upload --url http://127.0.0.1:N`"
                + " works against it), the read API (/api/v1/projects/{project}/scenarios, .../runs, ...) and each"
                + " project's dashboard (/projects/{project}/dashboard), and runs the nightly rollup on the"
                + " deployment's schedule (rollupSchedule in contract/deployment-contract.json, UTC), writing each"
                + " project's report under DIR/dashboards and sending its digest when configured.",
                "Uploads are signed with the project's secret in DIR/ingest-secrets.json (made for each --project"
                        + " that has none). Reads need the project's read token (Authorization: Bearer flr_...; the"
                        + " dashboard also takes ?token=), derived from DIR/read-secret, or a signature with the"
                        + " project's secret (DIR/ingest-secrets.json or --secret-env; docs/read-api.md); the --project options' tokens"
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

    @Option(names = "--project", paramLabel = "P", description = "Give this project a signing secret if it has none,"
            + " and print its read token and dashboard link (repeatable).")
    List<String> projects = List.of();

    /** How often the schedule is looked at; the rollup runs at the first look after its time. */
    static final Duration LOOK_EVERY = Duration.ofSeconds(20);

    @Option(names = "--secret-env", paramLabel = "PROJECT=VAR", description = "Also accept reads of PROJECT signed"
            + " with the secret in environment variable VAR, as CI signs uploads (repeatable).")
    Map<String, String> secretEnvs = Map.of();

    /** Counted down to stop the server, for tests; the command line stops it with Ctrl-C. */
    CountDownLatch stop = new CountDownLatch(1);
    /** Completed with the server's address once it serves, for tests. */
    final CompletableFuture<URI> started = new CompletableFuture<>();
    /** Checks signatures, times rows and decides when the rollup is due; tests replace it. */
    Clock clock = Clock.systemUTC();
    /** Whether a timer thread looks at the schedule; tests turn it off and call {@link #lookAtSchedule()}. */
    boolean scheduleTimer = true;
    /** Reads the digest's webhook; tests replace it. */
    Map<String, String> environment = System.getenv();
    /** Posts digests; tests replace it. */
    DigestChannel digestChannel = LocalNightly.slack();

    private RollupTimer timer;
    private LoopWiring wiring;
    private NightlyPublishing publishing;

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
        RollupSchedule schedule = RollupSchedule.nightly();
        ProjectSecretsFile secrets = ProjectSecretsFile.in(data);
        ProjectSecrets readSigners = readSigners(secrets);
        try (LocalLoop loop = LocalLoop.receiving(data, clock, secrets)) {
            projects.forEach(secrets::ensure);
            wiring = loop.wiring();
            publishing = LocalNightly.publishing(wiring.projectReads(clock), wiring.deliveries(), data,
                    LocalDigestRoutes.of(data, environment), digestChannel, clock);
            ReadTokens tokens = new ReadTokens(ReadSecretFile.readOrCreate(data));
            ProjectReads reads = wiring.projectReads(clock);
            ReadAccess access = new ReadAccess(Optional.of(tokens), readSigners, clock);
            TriageApi triage = wiring.triageApi();
            ReadApiServer.IngestEndpoint ingest = new ReadApiServer.IngestEndpoint(request ->
                    TriageApi.handles(request.path()) ? triage.handle(request) : loop.receive(request),
                    IngestSettings.DEFAULT_MAX_BODY_BYTES, clock);
            synchronized (this) {
                timer = new RollupTimer(schedule, clock.instant());
            }
            ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "feedback-serve-schedule");
                thread.setDaemon(true);
                return thread;
            });
            try (ReadApiServer server = ReadApiServer.start(new ReadApi(reads, access), Optional.of(ingest), port)) {
                printStart(server.uri(), tokens, secrets, schedule);
                if (scheduleTimer) {
                    looks.scheduleWithFixedDelay(() -> lookQuietly(loop), LOOK_EVERY.toSeconds(),
                            LOOK_EVERY.toSeconds(), TimeUnit.SECONDS);
                }
                started.complete(server.uri());
                Thread hook = new Thread(stop::countDown, "feedback-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                stop.await();
            } finally {
                looks.shutdownNow();
                looks.awaitTermination(1, TimeUnit.MINUTES);
            }
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            throw e;
        }
        return 0;
    }

    private void printStart(URI uri, ReadTokens tokens, ProjectSecretsFile secrets, RollupSchedule schedule) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Serving ingest, the read API and dashboards on %s (Ctrl-C stops)%n", uri);
        out.printf("  nightly rollup: %s UTC, next at %s%n", schedule.eventBridge(), timer.next());
        for (String project : projects) {
            String token = tokens.token(project);
            out.printf("  %s: read token %s%n    dashboard %sprojects/%s/dashboard?token=%s%n", project, token,
                    uri, project, token);
            out.printf("    upload: FEEDBACK_SECRET=$(jq -r '.\"%s\"' %s) feedback upload --url %s --project %s"
                    + " --secret-env FEEDBACK_SECRET REPORT%n", project, Shown.path(secrets.path()), uri, project);
        }
        out.flush();
    }

    private void lookQuietly(LocalLoop loop) {
        try {
            loop.classifyArrivedUploads();
            lookAtSchedule();
        } catch (RuntimeException e) {
            // the timer thread must survive one bad night; the next look tries again
            System.err.println("feedback serve: the nightly rollup failed, retried at the next look: " + e);
        }
    }

    /**
     * Runs the nightly rollup and publishing if the schedule fell due since the last look (what the timer thread
     * calls; tests call it with their clock set).
     *
     * @return the rows rolled up and what was published, empty when nothing was due
     */
    synchronized Optional<List<NightlyPublishing.Published>> lookAtSchedule() {
        Optional<RollupTimer.Due> due = timer.due(clock.instant());
        if (due.isEmpty()) {
            return Optional.empty();
        }
        List<DailyMetrics> rows = wiring.nightlyRollup().run(due.get().day());
        List<NightlyPublishing.Published> published = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("nightly rollup of %s: %d projects%n", due.get().day(), rows.size() - 1);
        for (DailyMetrics row : rows) {
            if (!row.project().equals(DailyMetrics.ALL_PROJECTS)) {
                NightlyPublishing.Published one = publishing.publish(row.project(), due.get().day());
                published.add(one);
                out.printf("  %s: %s%n", MetricsPrinter.safe(row.project()), MetricsPrinter.summary(row));
                RollupCommand.printPublished(out, one);
            }
        }
        out.printf("  next at %s%n", timer.next());
        out.flush();
        return Optional.of(published);
    }

    /**
     * Who may sign reads: each --secret-env project with the secret in its variable (refused when a name or a
     * variable is wrong), else the project's upload secret in DIR/ingest-secrets.json.
     */
    private ProjectSecrets readSigners(ProjectSecretsFile file) {
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
        ProjectSecrets given = ProjectSecrets.inline(secrets);
        return project -> given.secretOf(project).or(() -> file.secretOf(project));
    }
}
