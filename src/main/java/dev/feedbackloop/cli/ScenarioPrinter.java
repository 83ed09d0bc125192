package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.util.Locale;
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
                write(g, details);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
        out.flush();
    }

    private static void write(JsonGenerator g, ScenarioDetails details) throws IOException {
        Scenario s = details.scenario();
        g.writeStartObject();
        g.writeStringField("fingerprint", s.key().fingerprint().value());
        g.writeStringField("category", s.category().name());
        g.writeStringField("failureType", s.failureType().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("severity", s.severity());
        g.writeBooleanField("autoFixable", s.autoFixable());
        g.writeNumberField("occurrences", s.occurrences());
        g.writeNumberField("testsAffected", s.testsAffected());
        g.writeNumberField("runsAffected", s.runsAffected());
        g.writeStringField("firstSeen", s.firstSeen().toString());
        g.writeStringField("lastSeen", s.lastSeen().toString());
        g.writeStringField("sampleMessage", s.sampleMessage());
        nullable(g, "cause", details.cause());
        g.writeArrayFieldStart("notes");
        for (String note : details.notes()) {
            g.writeString(note);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("tests");
        for (CoveredTest test : details.tests()) {
            g.writeStartObject();
            g.writeStringField("testId", test.test().value());
            nullable(g, "suite", test.testCase().map(t -> t.suite()));
            nullable(g, "name", test.testCase().map(t -> t.name()));
            nullable(g, "file", test.testCase().flatMap(t -> t.file()));
            g.writeNumberField("runs", test.link().occurrences());
            g.writeStringField("firstSeen", test.link().firstSeen().toString());
            g.writeStringField("lastSeen", test.link().lastSeen().toString());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("moreTests", details.moreTests());
        g.writeArrayFieldStart("runs");
        for (CoveredRun run : details.runs()) {
            g.writeStartObject();
            g.writeStringField("runId", run.link().run().runId());
            g.writeNumberField("attempt", run.link().run().attempt());
            g.writeStringField("seenAt", run.link().seenAt().toString());
            Optional<Run> stored = run.run().map(r -> r.run());
            nullable(g, "commit", stored.flatMap(Run::commitSha));
            nullable(g, "branch", stored.flatMap(Run::branch));
            nullable(g, "buildUrl", stored.flatMap(Run::buildUrl));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("moreRuns", details.moreRuns());
        g.writeEndObject();
    }

    static void nullable(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        } else {
            g.writeNullField(name);
        }
    }
}
