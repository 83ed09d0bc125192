package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.view.ViewJson;
import dev.feedbackloop.history.ScenarioDetails;
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
        text(project, JsonRecords.printed(lines -> new ScenarioPrinter(lines).json(page)), page.next().isPresent());
    }

    /**
     * The scenarios as a table, from their JSON records ({@code feedback scenarios --json}'s lines, the read API's
     * items), so the table is the same from the store and over {@code --url}.
     *
     * @param more whether the listing has more scenarios than these
     */
    void text(String project, List<JsonNode> scenarios, boolean more) {
        if (scenarios.isEmpty()) {
            out.printf("No failure scenarios stored for project %s.%n", project);
            return;
        }
        out.printf("Scenarios of %s, most frequent first%n", project);
        out.printf("  %4s %5s %4s  %-18s %-7s %-16s %-16s %-16s%n", "SEEN", "TESTS", "RUNS", "ROOT CAUSE",
                "FIXABLE", "FIRST SEEN", "LAST SEEN", "FINGERPRINT");
        for (JsonNode scenario : scenarios) {
            out.printf("  %4d %5d %4d  %-18s %-7s %-16s %-16s %-16s%n", scenario.path("occurrences").asLong(),
                    scenario.path("testsAffected").asLong(), scenario.path("runsAffected").asLong(),
                    JsonRecords.required(scenario, "category"), scenario.path("autoFixable").asBoolean() ? "yes" : "no",
                    Shown.minute(JsonRecords.instant(scenario, "firstSeen")),
                    Shown.minute(JsonRecords.instant(scenario, "lastSeen")),
                    JsonRecords.required(scenario, "fingerprint"));
            String message = JsonRecords.text(scenario, "sampleMessage").orElse("");
            out.printf("%s%s%n", INDENT, message.isBlank() ? "(no message)" : Shown.firstLine(message, HEADLINE));
            JsonRecords.text(scenario, "cause").ifPresent(cause -> out.printf("%scause: %s%n", INDENT,
                    Shown.text(cause)));
            JsonRecords.strings(scenario, "notes").forEach(note -> out.printf("%s- %s%n", INDENT, Shown.text(note)));
            tests(scenario);
            runs(scenario);
        }
        if (more) {
            out.printf("  ... more scenarios: raise --limit%n");
        }
    }

    private void tests(JsonNode scenario) {
        List<String> lines = new ArrayList<>();
        JsonNode tests = scenario.path("tests");
        for (JsonNode test : tests) {
            Optional<String> name = JsonRecords.text(test, "name");
            lines.add(name.map(n -> Shown.test(JsonRecords.text(test, "suite").orElse(""), n))
                    .orElse("test " + JsonRecords.required(test, "testId") + " (name expired)")
                    + " (" + Plural.of(test.path("runs").asLong(), "run") + ")");
        }
        long unlisted = scenario.path("testsAffected").asLong() - tests.size();
        if (unlisted > 0) {
            lines.add("... and " + Plural.of(unlisted, "more test") + " (raise --tests)");
        }
        block("tests: ", lines);
    }

    private void runs(JsonNode scenario) {
        List<String> lines = new ArrayList<>();
        JsonNode runs = scenario.path("runs");
        for (JsonNode run : runs) {
            lines.add(runLine(run));
        }
        long unlisted = scenario.path("runsAffected").asLong() - runs.size();
        if (scenario.path("moreRuns").asBoolean()) {
            lines.add("... more runs (raise --runs)");
        } else if (unlisted > 0 && !runs.isEmpty()) {
            lines.add("... and " + Plural.of(unlisted, "older run") + " counted, no longer listed (kept as long as"
                    + " the raw reports)");
        }
        block("runs:  ", lines);
    }

    /** {@code 35fa64c937f0 attempt 2  2026-11-22 09:00  branch main  commit 4f2a9c1b2d3e  https://ci/...}. */
    private static String runLine(JsonNode run) {
        StringBuilder line = new StringBuilder(Shown.id(JsonRecords.required(run, "runId")));
        int attempt = run.path("attempt").asInt(1);
        if (attempt > 1) {
            line.append(" attempt ").append(attempt);
        }
        line.append("  ").append(Shown.minute(JsonRecords.instant(run, "seenAt")));
        appendSource(line, run);
        return line.toString();
    }

    /** The run's branch, commit and build URL, those it names, from its JSON record. */
    static void appendSource(StringBuilder line, JsonNode run) {
        JsonRecords.text(run, "branch").ifPresent(b -> line.append("  branch ").append(Shown.text(b)));
        JsonRecords.text(run, "commit").ifPresent(c -> line.append("  commit ").append(Shown.id(c)));
        JsonRecords.text(run, "buildUrl").ifPresent(u -> line.append("  ").append(Shown.text(u)));
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
