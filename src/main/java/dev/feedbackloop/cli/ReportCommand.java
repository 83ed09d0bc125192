package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.adapter.local.SharedFile;
import dev.feedbackloop.view.Dashboard;
import dev.feedbackloop.view.HtmlDashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedback report}: a project's dashboard as one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes a project's dashboard as one self-contained HTML file (no script, no network: it opens"
                + " offline): recent runs and their pass rate, what the latest run changed, the top scenarios by"
                + " impact with their evidence, root causes, flaky tests, and daily figures and fixes asked for when"
                + " the store has them."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--scenarios", paramLabel = "N", defaultValue = "50",
            description = "Top scenarios shown, 1-1000 (default: ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "30",
            description = "Recent runs shown, 1-1000 (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        store.requireProject(spec.commandLine());
        ScenariosCommand.range(spec.commandLine(), "--scenarios", scenarios, 1);
        ScenariosCommand.range(spec.commandLine(), "--runs", runs, 1);
        Dashboard dashboard;
        try (LocalStore local = ScenariosCommand.open(store)) {
            dashboard = local.projectReads(Clock.systemUTC()).dashboard(store.project, scenarios, runs);
        }
        byte[] html = HtmlDashboard.render(dashboard).getBytes(StandardCharsets.UTF_8);
        write(html);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("feedback: wrote %s (%d KB): %d runs, %d scenarios, %d flaky tests%n", Shown.path(out),
                (html.length + 1023) / 1024, dashboard.recentRuns().size(), dashboard.scenarios().size(),
                dashboard.flaky().size());
        err.flush();
        return 0;
    }

    /** Whole or not at all: written beside the target, then moved over it. */
    private void write(byte[] html) {
        Path target = out.toAbsolutePath();
        try {
            SharedFile.replace(target, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
