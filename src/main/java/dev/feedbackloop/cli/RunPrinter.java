package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.view.ViewJson;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.text.Plural;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
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
        text(JsonRecords.printed(lines -> new RunPrinter(lines).json(changes)).get(0), limit);
    }

    /**
     * The run's report from its JSON record ({@code feedback run --json}'s object, the read API's {@code runs/{id}}),
     * so it reads the same from the store and over {@code --url}.
     */
    void text(JsonNode changes, int limit) {
        JsonNode run = changes.path("run");
        out.printf("Run %s%s of %s, %s UTC%n", Shown.id(JsonRecords.required(run, "runId")), attempt(run),
                JsonRecords.required(run, "project"), Shown.minute(JsonRecords.instant(run, "runTime")));
        StringBuilder source = new StringBuilder();
        ScenarioPrinter.appendSource(source, run);
        if (!source.isEmpty()) {
            out.printf("  %s%n", source.toString().strip());
        }
        out.printf("  %s%n", counts(run.path("counts")));
        out.printf("  %s%n", comparedWith(changes));
        boolean previous = !changes.path("previous").isNull() && !changes.path("previous").isMissingNode();
        group(previous ? "new failures" : "failing", changes.path("newFailures"), limit);
        if (previous) {
            group("still failing", changes.path("stillFailing"), limit);
            group("fixed since then", changes.path("fixed"), limit);
            group("failing then, not run now", changes.path("notRun"), limit);
        }
        group("flaky in this run (failed, then passed on a retry)", changes.path("flaky"), limit);
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

    private static String comparedWith(JsonNode changes) {
        String where = changes.path("comparedBy").asText().equals("branch")
                ? "on branch " + Shown.text(JsonRecords.required(changes.path("run"), "branch"))
                : "of the project (the run names no branch)";
        JsonNode previous = changes.path("previous");
        if (previous.isNull() || previous.isMissingNode()) {
            return "no earlier run " + where + " to compare with";
        }
        return "compared with run " + Shown.id(JsonRecords.required(previous, "runId")) + attempt(previous) + " of "
                + Shown.minute(JsonRecords.instant(previous, "runTime")) + ", the run before it " + where;
    }

    private void group(String title, JsonNode tests, int limit) {
        if (tests.isEmpty()) {
            out.printf("  %s: none%n", title);
            return;
        }
        out.printf("  %s (%d):%n", title, tests.size());
        for (int i = 0; i < Math.min(limit, tests.size()); i++) {
            out.printf("    %s%n", line(tests.get(i)));
        }
        if (tests.size() > limit) {
            out.printf("    ... and %d more (raise --limit, or --json lists them all)%n", tests.size() - limit);
        }
    }

    private static String line(JsonNode test) {
        String status = JsonRecords.text(test, "status").map(s -> s.equals("error") ? "errored" : s).orElse("not run");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s %s", status,
                Shown.test(JsonRecords.required(test, "suite"), JsonRecords.required(test, "name"))));
        Optional<String> category = JsonRecords.text(test, "category");
        if (category.isPresent()) {
            line.append(" [").append(category.get());
            JsonRecords.text(test, "fingerprint").ifPresent(f -> line.append(' ').append(f));
            line.append(']');
        }
        JsonRecords.text(test, "headline").ifPresent(h -> line.append(": ").append(Shown.firstLine(h, HEADLINE)));
        return line.toString();
    }

    private static String attempt(JsonNode run) {
        int attempt = run.path("attempt").asInt(1);
        return attempt > 1 ? " attempt " + attempt : "";
    }

    private static String counts(JsonNode counts) {
        return Plural.of(counts.path("tests").asLong(), "test") + ": " + counts.path("passed").asLong() + " passed, "
                + counts.path("failed").asLong() + " failed, " + counts.path("errored").asLong() + " errored, "
                + counts.path("skipped").asLong() + " skipped, " + counts.path("flaky").asLong() + " flaky";
    }

    private static String attempt(StoredRun run) {
        return run.key().attempt() > 1 ? " attempt " + run.key().attempt() : "";
    }

    /** The run's changes as one JSON object, every group listed whole. */
    void json(RunChanges changes) {
        json(changes, java.util.List.of());
    }

    /** As {@link #json(RunChanges)}, with the run's stored screenshots and traces when it has some. */
    void json(RunChanges changes, java.util.List<dev.feedbackloop.store.StoredAttachment> attachments) {
        try (JsonGenerator g = JsonOutput.FACTORY.createGenerator(out)) {
            ViewJson.changes(g, changes, attachments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }
}
