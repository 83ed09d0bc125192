package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.lambda.ClassifyResult;
import dev.feedbackloop.adapter.local.LocalLoop;
import dev.feedbackloop.history.ProjectHistory;
import dev.feedbackloop.text.Plural;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Prints what the loop did with each report, for people: ingest, classify, regenerate, and what the run changed. */
final class LoopPrinter {

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
        ProjectHistory history = new ProjectHistory(loop.wiring().runs(), loop.wiring().scenarios());
        int refused = 0;
        for (Path report : reports) {
            LocalLoop.Delivery delivery = loop.deliver(report, metadata);
            delivery(delivery);
            if (delivery.accepted()) {
                changes(delivery, history);
            } else {
                refused++;
            }
            out.flush();
        }
        return refused;
    }

    void delivery(LocalLoop.Delivery delivery) {
        var answer = delivery.ingestAnswer();
        out.printf("%s%n", Shown.path(delivery.report()));
        if (!delivery.accepted()) {
            out.printf("  ingest      %d %s: %s%n", delivery.ingestStatus(), Shown.text(answer.path("error").asText()),
                    Shown.text(answer.path("message").asText()));
            return;
        }
        out.printf("  ingest      202 accepted%s: %s, %s, run %s (attempt %s), stored as s3://…/%s%n",
                answer.path("duplicate").asBoolean() ? " (a duplicate: counted once)" : "",
                answer.path("format").asText(), Plural.of(answer.path("tests").asLong(), "test"),
                Shown.id(answer.path("runId").asText()), answer.path("attempt").asText(),
                Shown.text(answer.path("reportKey").asText()));
        for (ClassifyResult.Report report : delivery.classified()) {
            out.printf("  classify    %s: %s, %d failing -> %s (%d new), %d queued for regeneration%s%n",
                    report.status.toLowerCase(Locale.ROOT), Plural.of(report.tests, "test"), report.failing,
                    Plural.of(report.scenarios, "scenario"), report.scenariosCreated, report.regenerationsPublished,
                    report.message == null ? "" : " (" + Shown.text(report.message) + ")");
        }
        if (delivery.regenerationsTaken() + delivery.regenerationsRefused() > 0) {
            out.printf("  regenerate  %s recorded as pending %s%s%n",
                    Plural.of(delivery.regenerationsTaken(), "request"),
                    delivery.regenerationsTaken() == 1 ? "recommendation" : "recommendations",
                    delivery.regenerationsRefused() == 0 ? "" : ", " + delivery.regenerationsRefused() + " refused");
        }
    }

    /** What the delivered report's run changed since the run before it (the run as stored so far). */
    private void changes(LocalLoop.Delivery delivery, ProjectHistory history) {
        var answer = delivery.ingestAnswer();
        history.findRun(answer.path("project").asText(), answer.path("runId").asText(),
                        Optional.of(answer.path("attempt").asInt()))
                .ifPresent(run -> out.printf("  run         %s%n",
                        new RunPrinter(out).summary(history.changes(run))));
    }
}
