package dev.feedbackloop.cli;

import dev.feedbackloop.regenerate.FixAnalysis;
import dev.feedbackloop.regenerate.FixAnalysisStore;
import dev.feedbackloop.regenerate.FixRecommendation;
import dev.feedbackloop.regenerate.ModelCall;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.text.TerminalText;
import java.io.PrintWriter;
import java.util.List;

/** Prints the recommendation the regenerate stage made for each scenario: what a person reviews. */
final class RecommendationPrinter {

    private final PrintWriter out;

    RecommendationPrinter(PrintWriter out) {
        this.out = out;
    }

    void text(List<Scenario> scenarios, FixAnalysisStore analyses) {
        out.println("Recommendations (drafts for a person to review; nothing is applied):");
        int shown = 0;
        for (Scenario scenario : scenarios) {
            List<FixAnalysis> found = analyses.ofScenario(scenario.key(), 1);
            if (found.isEmpty() || found.get(0).recommendation().isEmpty()) {
                continue;
            }
            shown++;
            print(scenario, found.get(0), found.get(0).recommendation().get());
        }
        if (shown == 0) {
            out.println("  none: no auto-fixable scenario had a stored failure to work on");
        }
    }

    private void print(Scenario scenario, FixAnalysis analysis, FixRecommendation rec) {
        out.printf("  %s %s: %s%s%n", scenario.key().fingerprint().value(), scenario.category(), rec.outcome(),
                rec.generated() ? "" : " (not generated)");
        rec.rootCause().ifPresent(c -> out.printf("    cause (%.2f): %s%n", c.primary().confidence(),
                TerminalText.escape(c.primary().statement())));
        rec.fix().ifPresent(f -> out.printf("    fix: %s (%d lines)%n", TerminalText.escape(f.path()),
                f.content().split("\n", -1).length));
        rec.guardFindings().forEach(f -> out.printf("    guard %s %s%s: %s%n", f.severity().name().toLowerCase(
                java.util.Locale.ROOT), f.rule().id(), f.line().isPresent() ? " line " + f.line().getAsInt() : "",
                TerminalText.escape(f.message())));
        rec.advice().stream().limit(3).forEach(a -> out.printf("    - %s%n", TerminalText.escape(a)));
        out.printf("    %s%n", TerminalText.escape(rec.note()));
        for (ModelCall call : analysis.calls()) {
            out.printf("    call %d: %s %s, %d input + %d output tokens (estimated %d), %d ms, $%s%s%n", call.round(),
                    call.provider(), call.model(), call.usage().totalInputTokens(), call.usage().outputTokens(),
                    call.estimatedInputTokens(), call.latency().toMillis(), call.costUsd().toPlainString(),
                    call.fault().map(f -> ", " + f).orElse(""));
        }
    }
}
