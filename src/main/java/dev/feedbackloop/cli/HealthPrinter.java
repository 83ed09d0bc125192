package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.feedbackloop.health.Assessment;
import dev.feedbackloop.health.Evidence;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TestLabel;
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

    /** Troubled tests with why and evidence, then (with {@code all}) every other test, then counts by state. */
    void text(String project, List<StoredHealth> tests, boolean all) {
        Map<HealthState, Integer> counts = new EnumMap<>(HealthState.class);
        List<StoredHealth> sorted = tests.stream()
                .sorted(Comparator.comparing((StoredHealth s) -> s.health().stateAt(now), SHOWN_FIRST)
                        .thenComparing(s -> -judge.assess(s.health()).score())
                        .thenComparing(StoredHealth::display))
                .toList();
        for (StoredHealth stored : sorted) {
            HealthState state = stored.health().stateAt(now);
            counts.merge(state, 1, Integer::sum);
            Assessment a = judge.assess(stored.health());
            boolean shown = all || state.troubled() || state == HealthState.QUARANTINED
                    || !a.brokenBranches().isEmpty();
            if (shown) {
                line(stored, state, a);
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

    private void line(StoredHealth stored, HealthState state, Assessment a) {
        TestHealth health = stored.health();
        out.printf("%-11s %s  score %.2f%s%n", state.name().toLowerCase(Locale.ROOT),
                TerminalText.escape(stored.display()), a.score(),
                health.verdict().since().map(s -> "  since " + s).orElse(""));
        stored.label().flatMap(TestLabel::file).ifPresent(f -> out.printf("%sfile: %s%n", INDENT,
                TerminalText.escape(f)));
        out.printf("%swhy: %s%n", INDENT, TerminalText.escape(health.verdict().reason()));
        health.activeQuarantine(now).ifPresent(q -> out.printf("%squarantined by %s until %s: %s%n", INDENT,
                TerminalText.escape(q.by()), q.expires(), TerminalText.escape(q.reason())));
        for (Evidence.FailureStreak streak : a.brokenBranches()) {
            out.printf("%sbroken on %s: %s%n", INDENT, TerminalText.escape(streak.branch()),
                    TerminalText.escape(streak.describe()));
        }
        for (Evidence e : a.evidence()) {
            out.printf("%s- %s%n", INDENT, TerminalText.escape(e.describe()));
        }
    }

    private static String lower(HealthState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
