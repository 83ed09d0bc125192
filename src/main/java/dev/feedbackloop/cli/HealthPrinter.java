package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.text.Plural;
import dev.feedbackloop.text.TerminalText;
import dev.feedbackloop.view.ViewJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Prints tests' health: readable (troubled tests first, with why and evidence; the rest counted) or one JSON object
 * per test. Every text from a report (names, suites, files, evidence naming runs and commits) is escaped.
 */
final class HealthPrinter {

    private static final String INDENT = "    ";
    private static final Comparator<HealthState> SHOWN_FIRST = Comparator.comparingInt(s -> switch (s) {
        case BROKEN -> 0;
        case FLAKY -> 1;
        case QUARANTINED -> 2;
        case FIXED -> 3;
        case NEW -> 4;
        case HEALTHY -> 5;
    });

    private final PrintWriter out;
    private final HealthJudge judge;
    private final Instant now;

    HealthPrinter(PrintWriter out, HealthJudge judge, Instant now) {
        this.out = out;
        this.judge = judge;
        this.now = now;
    }

    /** One JSON object per test, in the order given. */
    void json(List<StoredHealth> tests) {
        for (StoredHealth stored : tests) {
            try (JsonGenerator g = JsonOutput.FACTORY.createGenerator(out)) {
                ViewJson.health(g, stored, judge, now);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }
        out.flush();
    }

    /**
     * Troubled tests with why and evidence, then (with {@code all}) every other test, then counts by state; from the
     * tests' JSON records ({@code feedback flaky --json}'s lines, the read API's {@code tests}
     * items), so it reads the same from the store and over {@code --url}.
     */
    void text(String project, List<JsonNode> tests, boolean all) {
        Map<HealthState, Integer> counts = new EnumMap<>(HealthState.class);
        List<JsonNode> sorted = tests.stream()
                .sorted(Comparator.comparing(HealthPrinter::state, SHOWN_FIRST)
                        .thenComparing(t -> -t.path("score").asDouble())
                        .thenComparing(t -> JsonRecords.required(t, "display")))
                .toList();
        for (JsonNode test : sorted) {
            HealthState state = state(test);
            counts.merge(state, 1, Integer::sum);
            boolean shown = all || state.troubled() || state == HealthState.QUARANTINED
                    || otherBranches(test).findAny().isPresent();
            if (shown) {
                line(test, state);
            }
        }
        if (tests.isEmpty()) {
            out.printf("No test health for project %s yet: ingest reports first.%n", TerminalText.escape(project));
            return;
        }
        StringBuilder summary = new StringBuilder(Plural.of(tests.size(), "test")).append(" in ")
                .append(TerminalText.escape(project)).append(':');
        counts.forEach((state, n) -> summary.append(' ').append(n).append(' ').append(lower(state)).append(','));
        summary.setLength(summary.length() - 1);
        out.println(summary);
    }

    private void line(JsonNode test, HealthState state) {
        out.printf("%-11s %s  score %.2f%s%n", lower(state), TerminalText.escape(JsonRecords.required(test, "display")),
                test.path("score").asDouble(), JsonRecords.text(test, "since").map(s -> "  since " + s).orElse(""));
        JsonRecords.text(test, "file").ifPresent(f -> out.printf("%sfile: %s%n", INDENT, TerminalText.escape(f)));
        out.printf("%swhy: %s%n", INDENT, TerminalText.escape(JsonRecords.required(test, "reason")));
        JsonNode q = test.path("quarantine");
        if (q.isObject()) {
            out.printf("%squarantined by %s until %s: %s%n", INDENT, TerminalText.escape(JsonRecords.required(q, "by")),
                    JsonRecords.required(q, "expires"), TerminalText.escape(JsonRecords.required(q, "reason")));
        }
        otherBranches(test).forEach(streak -> out.printf("%sbroken on %s: %s%n", INDENT,
                TerminalText.escape(JsonRecords.required(streak, "branch")),
                TerminalText.escape(JsonRecords.required(streak, "summary"))));
        for (String e : JsonRecords.strings(test, "evidence")) {
            out.printf("%s- %s%n", INDENT, TerminalText.escape(e));
        }
    }

    /** The streaks that make the test broken on branches other than the default one. */
    private static Stream<JsonNode> otherBranches(JsonNode test) {
        return StreamSupport.stream(test.path("brokenOn").spliterator(), false)
                .filter(streak -> !streak.path("defaultBranch").asBoolean());
    }

    private static HealthState state(JsonNode test) {
        return HealthState.valueOf(JsonRecords.required(test, "state").toUpperCase(Locale.ROOT));
    }

    private static String lower(HealthState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
