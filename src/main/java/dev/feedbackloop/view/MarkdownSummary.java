package dev.feedbackloop.view;

import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.TestChange;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.StoredRun;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's summary in GitHub-flavoured Markdown, for a job's step summary or a pull-request comment: one line when
 * all passed; else its counts, failures new in this run, failures that were already failing, flaky tests and the
 * root causes. Names and messages from reports go inside {@code <code>} with HTML escaped, so nothing in them
 * becomes markup, a link, a table cell or an @mention.
 */
public final class MarkdownSummary {

    /** Tests listed per group; the rest are counted. */
    static final int LISTED = 20;
    private static final int HEADLINE = 120;

    private final StringBuilder out = new StringBuilder();

    private MarkdownSummary() {
    }

    public static String render(RunChanges changes) {
        MarkdownSummary summary = new MarkdownSummary();
        summary.summary(changes);
        return summary.out.toString();
    }

    private void summary(RunChanges changes) {
        StoredRun run = changes.run();
        RunCounts c = run.counts();
        long failing = c.failed() + c.errored();
        out.append("### ").append(failing == 0 ? "✅" : "❌").append(" Feedback Loop: run ")
                .append(code(run.key().runId())).append('\n').append('\n');
        out.append(c.tests()).append(" tests: ").append(c.passed()).append(" passed, ").append(failing)
                .append(" failed, ").append(c.flaky()).append(" flaky, ").append(c.skipped()).append(" skipped");
        changes.previous().ifPresent(p -> out.append(" (compared with run ").append(code(p.key().runId()))
                .append(changes.byBranch() ? ", the run before it on its branch)" : ")"));
        out.append(".\n");
        if (failing == 0 && changes.flaky().isEmpty()) {
            if (!changes.fixed().isEmpty()) {
                out.append('\n').append(changes.fixed().size()).append(" fixed since the run before.\n");
            }
            return;
        }
        group("🆕 New failures", changes.newFailures(), true);
        group("🔁 Still failing (known)", changes.stillFailing(), true);
        group("🎲 Flaky (failed, then passed on a retry)", changes.flaky(), false);
        if (!changes.fixed().isEmpty()) {
            out.append('\n').append("✔️ Fixed since the run before: ").append(changes.fixed().size()).append('\n');
        }
        causes(changes);
    }

    private void group(String title, List<TestChange> tests, boolean withCause) {
        if (tests.isEmpty()) {
            return;
        }
        out.append("\n#### ").append(title).append(" (").append(tests.size()).append(")\n\n");
        out.append(withCause ? "| Test | Root cause | Failure |\n|---|---|---|\n" : "| Test |\n|---|\n");
        for (TestChange t : tests.subList(0, Math.min(LISTED, tests.size()))) {
            String name = t.testCase().suite().isEmpty() ? t.testCase().name()
                    : t.testCase().suite() + " › " + t.testCase().name();
            out.append("| ").append(code(name));
            if (withCause) {
                out.append(" | ").append(t.category().map(Enum::name).orElse("unclassified")).append(" | ")
                        .append(t.headline().map(h -> code(cut(h))).orElse(""));
            }
            out.append(" |\n");
        }
        if (tests.size() > LISTED) {
            out.append("\n…and ").append(tests.size() - LISTED).append(" more.\n");
        }
    }

    private void causes(RunChanges changes) {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        for (List<TestChange> group : List.of(changes.newFailures(), changes.stillFailing())) {
            group.forEach(t -> counts.merge(t.category().orElse(Category.UNKNOWN), 1, Integer::sum));
        }
        if (counts.isEmpty()) {
            return;
        }
        out.append("\n**Root causes:** ");
        counts.entrySet().stream().sorted(Map.Entry.<Category, Integer>comparingByValue().reversed())
                .forEach(e -> out.append(e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ')
                        .append(e.getValue()).append(", "));
        out.setLength(out.length() - 2);
        out.append('\n');
    }

    private static String cut(String text) {
        String first = text.strip().lines().findFirst().orElse("");
        return first.length() > HEADLINE ? first.substring(0, HEADLINE - 1) + "…" : first;
    }

    /** Report text as inline code: HTML-escaped, pipes and backticks as entities, so it stays one table cell. */
    static String code(String text) {
        return "<code>" + Html.text(text).replace("|", "&#124;").replace("`", "&#96;").replace("@", "&#64;")
                .replace("\\", "&#92;") + "</code>";
    }
}
