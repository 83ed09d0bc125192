package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.lambda.ClassifyResult;
import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ScenarioStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prints what the loop did with each report, and a project's scenarios, for people. */
final class LoopPrinter {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int HEADLINE = 90;

    private final PrintWriter out;

    LoopPrinter(PrintWriter out) {
        this.out = out;
    }

    /**
     * Sends each report through {@code loop}, printing what happened to it as it goes.
     *
     * @return how many reports ingest refused
     */
    int deliverAll(LocalLoop loop, List<Path> reports, Map<String, String> metadata) {
        int refused = 0;
        for (Path report : reports) {
            LocalLoop.Delivery delivery = loop.deliver(report, metadata);
            delivery(delivery);
            refused += delivery.accepted() ? 0 : 1;
            out.flush();
        }
        return refused;
    }

    void delivery(LocalLoop.Delivery delivery) {
        var answer = delivery.ingestAnswer();
        out.printf("%s%n", shown(delivery.report()));
        if (!delivery.accepted()) {
            out.printf("  ingest      %d %s: %s%n", delivery.ingestStatus(), answer.path("error").asText(),
                    answer.path("message").asText());
            return;
        }
        out.printf("  ingest      202 accepted%s: %s, %d tests, run %s (attempt %s), stored as s3://…/%s%n",
                answer.path("duplicate").asBoolean() ? " (a duplicate: counted once)" : "",
                answer.path("format").asText(), answer.path("tests").asLong(), shortId(answer.path("runId").asText()),
                answer.path("attempt").asText(), answer.path("reportKey").asText());
        for (ClassifyResult.Report report : delivery.classified()) {
            out.printf("  classify    %s: %d tests, %d failing -> %d scenarios (%d new), %d queued for regeneration%s%n",
                    report.status.toLowerCase(Locale.ROOT), report.tests, report.failing, report.scenarios,
                    report.scenariosCreated, report.regenerationsPublished,
                    report.message == null ? "" : " (" + report.message + ")");
        }
        if (delivery.regenerationsTaken() + delivery.regenerationsRefused() > 0) {
            out.printf("  regenerate  %d requests recorded as pending recommendations%s%n",
                    delivery.regenerationsTaken(), delivery.regenerationsRefused() == 0 ? ""
                            : ", " + delivery.regenerationsRefused() + " refused");
        }
    }

    /** The project's scenarios, most frequent first, each with its latest analysis' insights. */
    void scenarios(ScenarioStore store, String project, int limit) {
        Page<Scenario> page = store.mostFrequent(project, limit, Optional.empty());
        if (page.items().isEmpty()) {
            out.printf("No failure scenarios stored for project %s.%n", project);
            return;
        }
        out.printf("Scenarios of %s, most frequent first%n", project);
        out.printf("  %4s %5s %4s  %-18s %-7s %-16s %-16s %-16s%n", "SEEN", "TESTS", "RUNS", "ROOT CAUSE",
                "FIXABLE", "FIRST SEEN", "LAST SEEN", "FINGERPRINT");
        for (Scenario scenario : page.items()) {
            out.printf("  %4d %5d %4d  %-18s %-7s %-16s %-16s %-16s%n", scenario.occurrences(),
                    scenario.testsAffected(), scenario.runsAffected(), scenario.category(),
                    scenario.autoFixable() ? "yes" : "no", DAY.format(scenario.firstSeen()),
                    DAY.format(scenario.lastSeen()), scenario.key().fingerprint().value());
            out.printf("        %s%n", headline(scenario.sampleMessage()));
            latestAnalysis(store, scenario).ifPresent(analysis -> {
                analysis.rootCause().ifPresent(cause -> out.printf("        cause: %s%n", cause));
                analysis.patternInsights().forEach(insight -> out.printf("        - %s%n", insight));
            });
        }
        if (page.next().isPresent()) {
            out.printf("  ... more scenarios: raise --limit%n");
        }
    }

    private static Optional<Analysis> latestAnalysis(ScenarioStore store, Scenario scenario) {
        List<Analysis> analyses = store.analyses(scenario.key(), 1, Optional.empty()).items();
        return analyses.isEmpty() ? Optional.empty() : Optional.of(analyses.get(0));
    }

    private static String headline(String message) {
        String first = message.strip().lines().findFirst().orElse("(no message)").strip();
        return first.length() > HEADLINE ? first.substring(0, HEADLINE - 1) + "…" : first;
    }

    /** A run id that is a content hash (the default) shortened as git shortens commits. */
    static String shortId(String id) {
        return id.length() == 64 && id.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? id.substring(0, 12) : id;
    }

    /** The path relative to the working directory when it is below it. */
    private static Path shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute) : path;
    }
}
