package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.view.MarkdownSummary;
import dev.feedbackloop.view.ProjectReads;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback summary}: a run's summary in Markdown, for a GitHub step summary or a pull-request comment. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Prints a run's summary as GitHub-flavoured Markdown (for $GITHUB_STEP_SUMMARY or a pull-request"
                + " comment): its counts, new failures, known failures, flaky tests and root causes; one line when"
                + " all passed.", "Without --run, the project's latest run. With --url, as the read API renders it"
                + " (GET .../runs/{id}/summary)."})
public final class SummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--run", paramLabel = "ID", description = "The run id, as ingested (default: the latest run).")
    String runId;

    @Option(names = "--attempt", paramLabel = "N", description = "The run attempt (default: the latest stored).")
    Integer attempt;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "Output format; markdown is the only one (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    ReadUrlOptions remote = new ReadUrlOptions();

    /** Where --secret-env and --token-env are read; a test replaces it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws IOException {
        if (!format.equals("markdown")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be markdown, was '" + format
                    + "'");
        }
        try {
            new RunKey(store.project, runId == null ? "latest" : runId, attempt == null ? 1 : attempt);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Optional<ReadApiClient> client = remote.client(spec.commandLine(), store.project, environment);
        if (client.isPresent()) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(remote(client.get()));
            out.flush();
            return 0;
        }
        try (LocalStore local = ScenariosCommand.open(store)) {
            ProjectReads reads = new ProjectReads(local.runs(), local.scenarios(), Optional.empty(), Optional.empty(),
                    Clock.systemUTC());
            Optional<RunChanges> changes = runId == null
                    ? reads.runs(store.project, 1, Optional.empty()).items().stream().findFirst()
                            .flatMap(r -> reads.run(store.project, r.key().runId(), Optional.of(r.key().attempt())))
                    : reads.run(store.project, runId, Optional.ofNullable(attempt));
            RunChanges found = changes.orElseThrow(() -> new IllegalArgumentException(runId == null
                    ? "project " + store.project + " has no runs in " + store.data
                    : "no run " + runId + (attempt == null ? "" : " attempt " + attempt) + " of project "
                            + store.project + " in " + store.data + "; `feedback run` lists its latest runs"));
            PrintWriter out = spec.commandLine().getOut();
            out.print(MarkdownSummary.render(found));
            out.flush();
        }
        return 0;
    }

    /** The summary the read API renders ({@code runs/{id}/summary}); without --run, of its latest run. */
    private String remote(ReadApiClient client) throws IOException {
        String run = runId;
        Integer runAttempt = attempt;
        if (run == null) {
            JsonNode latest = new ObjectMapper().readTree(client.require("runs", "limit=1")).path("items").path(0);
            if (!latest.path("runId").isTextual()) {
                throw new IllegalArgumentException("project " + store.project + " has no runs at " + remote.url);
            }
            run = latest.path("runId").asText();
            runAttempt = latest.path("attempt").asInt(1);
        }
        return client.require("runs/" + ReadApiClient.segment(run) + "/summary",
                runAttempt == null ? "" : "attempt=" + runAttempt);
    }
}
