package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.rollup.EarlyWarning;
import dev.feedbackloop.rollup.FeedbackLoopMetrics;
import dev.feedbackloop.rollup.FiguresJson;
import dev.feedbackloop.rollup.SuccessMetrics;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.text.Plural;
import dev.feedbackloop.text.TerminalText;
import dev.feedbackloop.view.ViewJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Daily metrics rows as a person reads them, or as JSON lines. */
final class MetricsPrinter {

    /** How a figure without data reads (never 0). */
    static final String NONE = "n/a";

    private final PrintWriter out;

    MetricsPrinter(PrintWriter out) {
        this.out = out;
    }

    /**
     * The days from their JSON records ({@code feedback metrics --json}'s lines, the read API's {@code metrics}
     * items), read back into the rows and figures they were written from, so the text is the same from the store
     * and over {@code --url}.
     */
    void text(String project, int days, List<JsonNode> records) {
        List<DailyMetrics> rows = new ArrayList<>();
        Map<LocalDate, DailyFigures> figures = new HashMap<>();
        for (JsonNode record : records) {
            DailyMetrics row = row(record);
            rows.add(row);
            JsonNode nightly = record.path("figures");
            if (nightly.isObject()) {
                figures.put(row.day(), FiguresJson.read(nightly.toString()));
            }
        }
        text(project, days, rows, figures);
    }

    private static DailyMetrics row(JsonNode r) {
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        r.path("failuresByCategory").fields().forEachRemaining(e -> byCategory.put(Category.valueOf(e.getKey()),
                e.getValue().asLong()));
        return new DailyMetrics(JsonRecords.required(r, "project"), LocalDate.parse(JsonRecords.required(r, "day")),
                r.path("runs").asLong(), r.path("tests").asLong(), r.path("passed").asLong(),
                r.path("failed").asLong(), r.path("errored").asLong(), r.path("skipped").asLong(),
                r.path("flaky").asLong(), byCategory, r.path("newScenarios").asLong(),
                JsonRecords.instant(r, "computedAt"));
    }

    private void text(String project, int days, List<DailyMetrics> rows, Map<LocalDate, DailyFigures> figures) {
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
            Optional.ofNullable(figures.get(row.day())).ifPresent(this::figures);
        }
    }

    /** A day's nightly figures, indented under its counts line. */
    void figures(DailyFigures figures) {
        FeedbackLoopMetrics m = figures.metrics();
        String indent = "            ";
        out.println(indent + "loop: " + m.analysedFailures() + " of " + Plural.of(m.totalFailures(), "failure")
                + " analysed, " + Plural.of(m.generatedRecommendations(), "recommendation") + " made, "
                + Plural.of(m.implementedFixes(), "fix", "fixes") + " implemented; average analysis "
                + (m.averageAnalysisMillis().isPresent() ? m.averageAnalysisMillis().getAsLong() + " ms" : NONE)
                + ", average fix implementation " + number(m.averageFixImplementationHours(), "%.2f h")
                + "; learning score " + number(m.systemLearningScore(), "%.3f"));
        out.println(indent + "runs: " + m.outageRuns() + " of " + m.runs() + " outages; success rate "
                + percent(m.successRate()) + " (change " + number(m.successRateChange(), "%+.4f") + ")"
                + (m.topFailureCategories().isEmpty() ? "" : "; top causes " + m.topFailureCategories().stream()
                .map(c -> c.category() + " " + c.failures()).collect(Collectors.joining(", "))));
        out.println(indent + "tests: " + m.tests().flaky() + " flaky, " + m.tests().broken() + " broken, "
                + m.tests().fixed() + " fixed, " + m.tests().quarantined() + " quarantined; "
                + Plural.of(m.stateChanges(), "state change") + (m.transitions().isEmpty() ? "" : " ("
                + m.transitions().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")"));
        SuccessMetrics s = figures.success();
        out.println(indent + "fixes judged: " + s.fixesVerified() + " verified, " + s.fixesIneffective()
                + " ineffective; time to resolution " + number(s.timeToResolutionHours(), "%.2f h")
                + ", first-attempt fix accuracy " + percent(s.firstAttemptFixAccuracy())
                + ", repeated-failure reduction " + number(s.repeatedFailureReduction(), "%+.2f")
                + ", handled without a person " + percent(s.handsFreeShare()));
        for (String insight : figures.quality().insights()) {
            out.println(indent + "insight: " + safe(insight));
        }
        for (EarlyWarning warning : figures.warnings()) {
            out.println(indent + "early warning: " + safe(warning.describe()));
        }
    }

    void json(List<DailyMetrics> rows, Map<LocalDate, DailyFigures> figures) {
        for (DailyMetrics row : rows) {
            try (JsonGenerator g = JsonOutput.FACTORY.createGenerator(out)) {
                ViewJson.metrics(g, row, Optional.ofNullable(figures.get(row.day())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
        out.flush();
    }

    private static String number(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : NONE;
    }

    private static String percent(OptionalDouble share) {
        return share.isPresent() ? String.format(Locale.ROOT, "%.1f%%", share.getAsDouble() * 100) : NONE;
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
