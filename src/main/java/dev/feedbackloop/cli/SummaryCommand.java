package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.view.MarkdownSummary;
import dev.feedbackloop.view.ProjectReads;
import java.io.PrintWriter;
import java.time.Clock;
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
                + " all passed.", "Without --run, the project's latest run."})
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

    @Override
    public Integer call() {
        if (!format.equals("markdown")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be markdown, was '" + format
                    + "'");
        }
        try {
            new RunKey(store.project, runId == null ? "latest" : runId, attempt == null ? 1 : attempt);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
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
}
