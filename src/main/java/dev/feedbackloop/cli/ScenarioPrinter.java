package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.view.ViewJson;
import dev.feedbackloop.history.CoveredRun;
import dev.feedbackloop.history.CoveredTest;
import dev.feedbackloop.history.ScenarioDetails;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.text.Plural;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A project's scenarios with the tests and runs they cover, for people (a table) or tools (JSON Lines). */
final class ScenarioPrinter {

    private static final int HEADLINE = 90;
    private static final String INDENT = "        ";

    private final PrintWriter out;

    ScenarioPrinter(PrintWriter out) {
        this.out = out;
    }

    /** The scenarios as a table, each followed by its headline, cause, notes, tests and runs. */
    void text(String project, Page<ScenarioDetails> page) {
        if (page.items().isEmpty()) {
            out.printf("No failure scenarios stored for project %s.%n", project);
            return;
        }
        out.printf("Scenarios of %s, most frequent first%n", project);
        out.printf("  %4s %5s %4s  %-18s %-7s %-16s %-16s %-16s%n", "SEEN", "TESTS", "RUNS", "ROOT CAUSE",
                "FIXABLE", "FIRST SEEN", "LAST SEEN", "FINGERPRINT");
        for (ScenarioDetails details : page.items()) {
            Scenario scenario = details.scenario();
            out.printf("  %4d %5d %4d  %-18s %-7s %-16s %-16s %-16s%n", scenario.occurrences(),
                    scenario.testsAffected(), scenario.runsAffected(), scenario.category(),
                    scenario.autoFixable() ? "yes" : "no", Shown.minute(scenario.firstSeen()),
                    Shown.minute(scenario.lastSeen()), scenario.key().fingerprint().value());
            out.printf("%s%s%n", INDENT, scenario.sampleMessage().isBlank() ? "(no message)"
                    : Shown.firstLine(scenario.sampleMessage(), HEADLINE));
            details.cause().ifPresent(cause -> out.printf("%scause: %s%n", INDENT, Shown.text(cause)));
            details.notes().forEach(note -> out.printf("%s- %s%n", INDENT, Shown.text(note)));
            tests(details);
            runs(details);
        }
        if (page.next().isPresent()) {
            out.printf("  ... more scenarios: raise --limit%n");
        }
    }

    private void tests(ScenarioDetails details) {
        List<String> lines = new ArrayList<>();
        for (CoveredTest test : details.tests()) {
            lines.add(test.testCase().map(Shown::test).orElse("test " + test.test().value() + " (name expired)")
                    + " (" + Plural.of(test.link().occurrences(), "run") + ")");
        }
        long unlisted = details.scenario().testsAffected() - details.tests().size();
        if (unlisted > 0) {
            lines.add("... and " + Plural.of(unlisted, "more test") + " (raise --tests)");
        }
        block("tests: ", lines);
    }

    private void runs(ScenarioDetails details) {
        List<String> lines = new ArrayList<>();
        for (CoveredRun run : details.runs()) {
            lines.add(runLine(run));
        }
        long unlisted = details.scenario().runsAffected() - details.runs().size();
        if (details.moreRuns()) {
            lines.add("... more runs (raise --runs)");
        } else if (unlisted > 0 && !details.runs().isEmpty()) {
            lines.add("... and " + Plural.of(unlisted, "older run") + " counted, no longer listed (kept as long as"
                    + " the raw reports)");
        }
        block("runs:  ", lines);
    }

    /** {@code 35fa64c937f0 attempt 2  2026-11-22 09:00  branch main  commit 4f2a9c1b2d3e  https://ci/...}. */
    static String runLine(CoveredRun covered) {
        StringBuilder line = new StringBuilder(Shown.id(covered.link().run().runId()));
        if (covered.link().run().attempt() > 1) {
            line.append(" attempt ").append(covered.link().run().attempt());
        }
        line.append("  ").append(Shown.minute(covered.link().seenAt()));
        covered.run().map(stored -> stored.run()).ifPresent(run -> appendSource(line, run));
        return line.toString();
    }

    static void appendSource(StringBuilder line, Run run) {
        run.branch().ifPresent(b -> line.append("  branch ").append(Shown.text(b)));
        run.commitSha().ifPresent(c -> line.append("  commit ").append(Shown.id(c)));
        run.buildUrl().ifPresent(u -> line.append("  ").append(Shown.text(u)));
    }

    private void block(String label, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            out.printf("%s%s%s%n", INDENT, i == 0 ? label : " ".repeat(label.length()), lines.get(i));
        }
    }

    /** One JSON object per scenario, one per line. */
    void json(Page<ScenarioDetails> page) {
        for (ScenarioDetails details : page.items()) {
            try (JsonGenerator g = JsonOutput.FACTORY.createGenerator(out)) {
                ViewJson.scenario(g, details);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
        out.flush();
    }

    static void nullable(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        } else {
            g.writeNullField(name);
        }
    }
}
