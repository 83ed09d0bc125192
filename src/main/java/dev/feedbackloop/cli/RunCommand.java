package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.history.ProjectHistory;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.StoredRun;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback run}: what one run changed since the run before it on its branch. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Shows what a run changed since the run before it on its branch: new failures, tests still"
                + " failing, tests fixed or no longer run, and tests flaky within the run.",
                "The run before is the latest earlier run (by run time) on the same branch; for a run without a"
                        + " branch, the latest earlier run of the project."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--run", required = true, paramLabel = "ID", description = "The run id, as ingested.")
    String runId;

    @Option(names = "--attempt", paramLabel = "N",
            description = "The run attempt (default: the latest one stored).")
    Integer attempt;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "Tests listed per group (default: ${DEFAULT-VALUE}); --json lists all.")
    int limit;

    @Option(names = "--json", description = "One JSON object: run, previous, comparedBy and the groups of tests.")
    boolean json;

    @Mixin
    ReadUrlOptions remote = new ReadUrlOptions();

    /** Where --secret-env and --token-env are read; a test replaces it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        checkFlags(); // before any engine starts
        Optional<ReadApiClient> client = remote.client(spec.commandLine(), store.project, environment);
        if (client.isPresent()) {
            PrintWriter out = spec.commandLine().getOut();
            String body = client.get().require("runs/" + ReadApiClient.segment(runId),
                    attempt == null ? "" : "attempt=" + attempt);
            if (json) {
                ReadUrlOptions.document(body, out);
            } else {
                new RunPrinter(out).text(JsonRecords.printed(line -> ReadUrlOptions.document(body, line)).get(0),
                        limit);
                out.flush();
            }
            return 0;
        }
        try (LocalStore local = ScenariosCommand.open(store)) {
            ProjectHistory history = new ProjectHistory(local.runs(), local.scenarios());
            StoredRun run = history.findRun(store.project, runId, Optional.ofNullable(attempt))
                    .orElseThrow(() -> notFound(history));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                // with its stored attachments, as the read API's run view answers it over --url
                new RunPrinter(out).json(history.changes(run),
                        local.projectReads(java.time.Clock.systemUTC()).attachments(run.key()));
            } else {
                new RunPrinter(out).text(history.changes(run), limit);
            }
            out.flush();
        }
        return 0;
    }

    private void checkFlags() {
        try {
            new RunKey(store.project, runId, attempt == null ? 1 : attempt);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, was " + limit);
        }
    }

    private IllegalArgumentException notFound(ProjectHistory history) {
        List<StoredRun> recent = history.recentRuns(store.project, 5);
        String which = "no run " + runId + (attempt == null ? "" : " attempt " + attempt) + " of project "
                + store.project + " in " + store.data;
        if (recent.isEmpty()) {
            return new IllegalArgumentException(which + " (it has no runs)");
        }
        return new IllegalArgumentException(which + "; its latest runs: " + recent.stream()
                .map(r -> r.key().runId() + (r.key().attempt() > 1 ? " attempt " + r.key().attempt() : ""))
                .collect(Collectors.joining(", ")));
    }
}
