package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.view.ViewJson;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.TestChange;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.text.Plural;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a run changed since the run before it, for people (a report or one line) or tools (one JSON object). */
final class RunPrinter {

    private static final int HEADLINE = 100;
    /** Flaky tests named in the one-line summary; the run view lists them all. */
    private static final int FLAKY_NAMED = 3;

    private final PrintWriter out;

    RunPrinter(PrintWriter out) {
        this.out = out;
    }

    /** The run's report: what it is, its counts, what it is compared with, then each group of tests. */
    void text(RunChanges changes, int limit) {
        StoredRun run = changes.run();
        out.printf("Run %s%s of %s, %s UTC%n", Shown.id(run.key().runId()), attempt(run), run.key().project(),
                Shown.minute(run.runTime()));
        StringBuilder source = new StringBuilder();
        ScenarioPrinter.appendSource(source, run.run());
        if (!source.isEmpty()) {
            out.printf("  %s%n", source.toString().strip());
        }
        out.printf("  %s%n", counts(run.counts()));
        out.printf("  %s%n", comparedWith(changes));
        group(changes.previous().isPresent() ? "new failures" : "failing", changes.newFailures(), limit);
        if (changes.previous().isPresent()) {
            group("still failing", changes.stillFailing(), limit);
            group("fixed since then", changes.fixed(), limit);
            group("failing then, not run now", changes.notRun(), limit);
        }
        group("flaky in this run (failed, then passed on a retry)", changes.flaky(), limit);
    }

    /** One line for the loop's output: what the run changed, and its flaky tests by name. */
    String summary(RunChanges changes) {
        StringBuilder line = new StringBuilder();
        if (changes.previous().isEmpty()) {
            line.append("first run").append(changes.byBranch() ? " of its branch" : " of the project").append(": ")
                    .append(Plural.of(changes.newFailures().size(), "failing test"));
        } else {
            StoredRun previous = changes.previous().get();
            line.append("since run ").append(Shown.id(previous.key().runId())).append(attempt(previous))
                    .append(" (").append(Shown.minute(previous.runTime())).append("): ")
                    .append(Plural.of(changes.newFailures().size(), "new failure")).append(", ")
                    .append(changes.stillFailing().size()).append(" still failing, ")
                    .append(changes.fixed().size()).append(" fixed");
            if (!changes.notRun().isEmpty()) {
                line.append(", ").append(changes.notRun().size()).append(" not run");
            }
        }
        line.append("; ").append(Plural.of(changes.flaky().size(), "flaky test"));
        if (!changes.flaky().isEmpty()) {
            line.append(": ").append(changes.flaky().stream().limit(FLAKY_NAMED).map(c -> Shown.test(c.testCase()))
                    .collect(Collectors.joining(", ")));
            if (changes.flaky().size() > FLAKY_NAMED) {
                line.append(" and ").append(changes.flaky().size() - FLAKY_NAMED).append(" more");
            }
        }
        return line.toString();
    }

    private static String comparedWith(RunChanges changes) {
        String where = changes.byBranch() ? "on branch " + Shown.text(changes.run().run().branch().orElseThrow())
                : "of the project (the run names no branch)";
        if (changes.previous().isEmpty()) {
            return "no earlier run " + where + " to compare with";
        }
        StoredRun previous = changes.previous().get();
        return "compared with run " + Shown.id(previous.key().runId()) + attempt(previous) + " of "
                + Shown.minute(previous.runTime()) + ", the run before it " + where;
    }

    private void group(String title, List<TestChange> tests, int limit) {
        if (tests.isEmpty()) {
            out.printf("  %s: none%n", title);
            return;
        }
        out.printf("  %s (%d):%n", title, tests.size());
        tests.stream().limit(limit).forEach(test -> out.printf("    %s%n", line(test)));
        if (tests.size() > limit) {
            out.printf("    ... and %d more (raise --limit, or --json lists them all)%n", tests.size() - limit);
        }
    }

    private static String line(TestChange test) {
        String status = test.now().map(RunPrinter::status).orElse("not run");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s %s", status,
                Shown.test(test.testCase())));
        if (test.category().isPresent()) {
            line.append(" [").append(test.category().get());
            test.fingerprint().ifPresent(f -> line.append(' ').append(f.value()));
            line.append(']');
        }
        test.headline().ifPresent(h -> line.append(": ").append(Shown.firstLine(h, HEADLINE)));
        return line.toString();
    }

    private static String status(TestStatus status) {
        return status == TestStatus.ERROR ? "errored" : status.name().toLowerCase(Locale.ROOT);
    }

    private static String attempt(StoredRun run) {
        return run.key().attempt() > 1 ? " attempt " + run.key().attempt() : "";
    }

    private static String counts(RunCounts counts) {
        return Plural.of(counts.tests(), "test") + ": " + counts.passed() + " passed, " + counts.failed()
                + " failed, " + counts.errored() + " errored, " + counts.skipped() + " skipped, " + counts.flaky()
                + " flaky";
    }

    /** The run's changes as one JSON object, every group listed whole. */
    void json(RunChanges changes) {
        try (JsonGenerator g = JsonOutput.FACTORY.createGenerator(out)) {
            ViewJson.changes(g, changes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }
}
