package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.text.Plural;
import dev.feedbackloop.text.TerminalText;
import dev.feedbackloop.view.ViewJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Daily metrics rows as a person reads them, or as JSON lines. */
final class MetricsPrinter {

    private final PrintWriter out;

    MetricsPrinter(PrintWriter out) {
        this.out = out;
    }

    void text(String project, int days, List<DailyMetrics> rows) {
        if (rows.isEmpty()) {
            out.println("no daily metrics of " + safe(project) + " in the last " + Plural.of(days, "day")
                    + ": run `feedback rollup --project " + safe(project) + " --day YYYY-MM-DD` first");
            return;
        }
        out.println(safe(project) + ": " + Plural.of(rows.size(), "day") + " of metrics, newest first");
        for (DailyMetrics row : rows) {
            out.println(row.day() + "  " + summary(row));
            if (!row.failuresByCategory().isEmpty()) {
                out.println("            failures by root cause: " + categories(row.failuresByCategory()));
            }
        }
    }

    void json(List<DailyMetrics> rows) {
        for (DailyMetrics row : rows) {
            try (JsonGenerator g = JsonOutput.FACTORY.createGenerator(out)) {
                ViewJson.metrics(g, row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
        out.flush();
    }

    /** One row's counts on one line. */
    static String summary(DailyMetrics row) {
        return Plural.of(row.runs(), "run") + ", " + Plural.of(row.tests(), "test result") + " (" + row.passed()
                + " passed, " + row.failed() + " failed, " + row.errored() + " errored, " + row.skipped()
                + " skipped, " + row.flaky() + " flaky), " + Plural.of(row.newScenarios(), "new scenario");
    }

    private static String categories(Map<Category, Long> byCategory) {
        return byCategory.entrySet().stream()
                .sorted(Map.Entry.<Category, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Text from the store or the command line, made safe to print to a terminal. */
    static String safe(String text) {
        return TerminalText.escape(text);
    }
}
