package dev.feedbackloop.view;

import dev.feedbackloop.health.Execution;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.Outcome;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.history.CoveredRun;
import dev.feedbackloop.history.CoveredTest;
import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.history.ScenarioDetails;
import dev.feedbackloop.history.TestChange;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.rollup.SuccessMetrics;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TimelineEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A project's dashboard as one self-contained HTML page: styles inline, charts as inline SVG, no script and no
 * request of its own (a Content-Security-Policy of {@code default-src 'none'} says so to the browser), so it opens
 * offline, from a file, a CI artifact or S3. All text from reports is escaped ({@link Html}); colour is never the
 * only signal (every bar has its figure and a title, every status its word).
 */
public final class HtmlDashboard {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int HEADLINE = 160;
    private static final String STYLE = """
            :root{--fg:#1d2430;--muted:#5b6675;--line:#d9dee5;--bad:#b42318;--good:#1a7f37;--warn:#9a6700;\
            --bar:#3662d8;--bg:#fff;--soft:#f5f7fa}
            *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;\
            color:var(--fg);background:var(--bg)}
            header,main{max-width:1200px;margin:0 auto;padding:16px 24px}header{border-bottom:1px solid var(--line)}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:16px 0 6px}
            .muted{color:var(--muted)}.tiles{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
            .tile{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:120px;background:var(--soft)}
            .tile b{display:block;font-size:20px}table{border-collapse:collapse;width:100%;margin:6px 0 12px}
            th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}
            th{font-weight:600;background:var(--soft)}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            td,code{overflow-wrap:anywhere}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
            .bad{color:var(--bad);font-weight:600}.good{color:var(--good);font-weight:600}.warn{color:var(--warn);\
            font-weight:600}details summary{cursor:pointer;color:var(--muted)}ul{margin:4px 0;padding-left:20px}
            svg text{font:11px system-ui,sans-serif;fill:var(--fg)}caption{text-align:left;color:var(--muted)}
            .results{display:inline-flex;gap:1px;font:bold 10px/14px ui-monospace,monospace;letter-spacing:1px}\
            .results i{font-style:normal;width:12px;text-align:center;color:#fff;background:var(--muted)}\
            .results .o-P{background:var(--good)}.results .o-R{background:var(--warn)}.results .o-F,.results .o-E\
            {background:var(--bad)}tr.has-timeline td{border-bottom:0}
            ol.timeline{margin:0;padding-left:20px;color:var(--muted)}ol.timeline .state{color:var(--fg);font-weight:600}
            """;

    /** Rows a table shows open; the next ones wait behind a details element, the rest are counted. */
    static final int ROWS_SHOWN = 25;
    static final int ROWS_LISTED = 200;
    /** Runs drawn in the pass-rate chart, newest: the chart keeps a laptop screen's width. */
    static final int RUNS_CHARTED = 60;

    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlDashboard() {
    }

    /** The page for {@code dashboard}. */
    public static String render(Dashboard dashboard) {
        HtmlDashboard page = new HtmlDashboard();
        page.page(dashboard);
        return page.out.toString();
    }

    private void page(Dashboard d) {
        String project = Html.text(d.project());
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src data:\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Feedback Loop: ").append(project).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n<header><h1>Feedback Loop: ").append(project).append("</h1>")
                .append("<p class=\"muted\">Generated ").append(minute(d.generatedAt())).append(" UTC from ")
                .append(d.recentRuns().size()).append(" recent runs and ").append(d.scenarios().size())
                .append(" top scenarios.</p>");
        tiles(d);
        out.append("</header>\n<main>");
        runs(d.recentRuns());
        d.latestChanges().ifPresent(changes -> changes(changes, d.latestAttachments()));
        scenarios(d);
        categories(d.categories());
        health(d.health(), d.healthTotal(), d.timelines());
        flaky(d.flaky());
        d.figures().ifPresent(this::figures);
        metrics(d.metrics());
        fixes(d.fixes());
        recommendations(d.recommendations());
        out.append("</main></body></html>\n");
    }

    /**
     * Broken and flaky tests as the health judge sees them; the state is a word, never only a colour. Each test's
     * recent results come with its health (no read of their own); the tests shown open also have their newest
     * state changes, when the dashboard read them.
     */
    private void health(List<StoredHealth> judged, long total, Map<TestId, List<TimelineEntry>> timelines) {
        if (judged.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"health\"><h2 id=\"health\">Broken and flaky tests (")
                .append(total).append(")</h2><p class=\"muted\" id=\"results-legend\">Recent results, oldest")
                .append(" first, one box per run: <b>P</b> passed, <b>R</b> passed on a retry (flaky), <b>F</b> failed,")
                .append(" <b>E</b> error. Below each of the first ").append(ROWS_SHOWN).append(" tests, its newest ")
                .append("state changes.</p>");
        int[] shown = {0};
        bounded(judged, total, "<table id=\"health-table\"><caption>Judged over each test's history; broken first</caption>"
                + "<thead><tr><th>Test</th><th>State</th><th>Since</th><th>Why</th><th>Quarantine</th>"
                + "<th>Recent results</th></tr></thead><tbody>", "feedback flaky lists every test's health and timeline",
                h -> healthRow(h, timelines.get(h.health().test()), shown[0]++ < ROWS_SHOWN));
        out.append("</section>\n");
    }

    /** A test's row, and the row of its timeline under it when one was read; {@code open}: shown open. */
    private void healthRow(StoredHealth h, List<TimelineEntry> timeline, boolean open) {
        TestHealth health = h.health();
        out.append(timeline == null ? "<tr>" : "<tr class=\"has-timeline\">").append("<td>")
                .append(h.label().map(l -> "<span class=\"test\">" + Html.text(
                        l.suite().isEmpty() ? l.name() : l.suite() + " › " + l.name()) + "</span>")
                        .orElse("<code>" + shortId(health.test().value()) + "</code>"))
                .append("</td><td>").append(health.verdict().state().name().toLowerCase(Locale.ROOT))
                .append("</td><td>").append(health.verdict().since().map(HtmlDashboard::minute).orElse("—"))
                .append("</td><td>").append(Html.text(health.verdict().reason())).append("</td><td>")
                .append(health.quarantine().map(q -> "until " + minute(q.expires()) + " (" + Html.text(
                        q.reason()) + ")").orElse("no")).append("</td><td>");
        resultStrip(health.window(), open);
        out.append("</td></tr>");
        if (timeline != null) {
            timeline(timeline);
        }
    }

    /** Results drawn per test, newest: a strip keeps its table cell's width on a laptop screen. */
    static final int RESULTS_DRAWN = 20;

    /**
     * A test's recent results, oldest first, one lettered box per run (colour is not the only signal), the whole
     * strip summed up in its label. The rows shown open give each box its run, time and outcome as a title; the rows
     * behind a details element have the letters alone, which keeps 200 rows in a few kilobytes.
     */
    private void resultStrip(List<Execution> window, boolean titled) {
        if (window.isEmpty()) {
            out.append("<span class=\"muted\">none counted</span>");
            return;
        }
        List<Execution> drawn = window.subList(Math.max(0, window.size() - RESULTS_DRAWN), window.size());
        Map<Outcome, Integer> counts = new java.util.EnumMap<>(Outcome.class);
        drawn.forEach(e -> counts.merge(e.outcome(), 1, Integer::sum));
        StringBuilder summary = new StringBuilder("Last ").append(drawn.size()).append(" runs, oldest first:");
        counts.forEach((outcome, n) -> summary.append(' ').append(n).append(' ').append(outcomeWord(outcome))
                .append(','));
        summary.setLength(summary.length() - 1);
        out.append("<span class=\"").append(titled ? "results" : "results letters").append("\" role=\"img\" ")
                .append("aria-label=\"").append(summary).append("\" title=\"").append(summary).append("\">");
        for (Execution e : drawn) {
            if (titled) {
                out.append("<i class=\"o-").append(outcomeLetter(e.outcome())).append("\" title=\"")
                        .append(Html.text(e.runLabel())).append(' ').append(minute(e.time())).append(": ")
                        .append(outcomeWord(e.outcome())).append("\">").append(outcomeLetter(e.outcome()))
                        .append("</i>");
            } else {
                out.append(outcomeLetter(e.outcome()));
            }
        }
        out.append("</span>");
    }

    /** A row under the test's with its newest state changes, newest first. */
    private void timeline(List<TimelineEntry> entries) {
        out.append("<tr class=\"timeline-row\"><td colspan=\"6\">");
        if (entries.isEmpty()) {
            out.append("<span class=\"muted\">No state change stored.</span></td></tr>");
            return;
        }
        out.append("<ol class=\"timeline\" reversed aria-label=\"State changes, newest first\">");
        for (TimelineEntry entry : entries) {
            out.append("<li><time datetime=\"").append(entry.at()).append("\">").append(minute(entry.at()))
                    .append("</time> ").append(word(entry.from())).append(" → ").append(word(entry.to()));
            entry.actor().ifPresent(a -> out.append(" by ").append(Html.text(a)));
            out.append(": ").append(Html.firstLine(entry.reason(), HEADLINE)).append("</li>");
        }
        out.append("</ol>");
        if (entries.size() >= ProjectReads.TIMELINE_CHANGES) {
            out.append("<span class=\"muted\">older changes: feedback flaky</span>");
        }
        out.append("</td></tr>");
    }

    private static String word(HealthState state) {
        return "<span class=\"state\">" + state.name().toLowerCase(Locale.ROOT) + "</span>";
    }

    private static String outcomeWord(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "passed";
            case PASSED_ON_RETRY -> "passed on a retry";
            case FAILED -> "failed";
            case ERROR -> "error";
            case SKIPPED -> "skipped";
        };
    }

    private static String outcomeLetter(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "P";
            case PASSED_ON_RETRY -> "R";
            case FAILED -> "F";
            case ERROR -> "E";
            case SKIPPED -> "S";
        };
    }

    /** The newest nightly figures: the success metrics and the early warnings. */
    private void figures(DailyFigures figures) {
        SuccessMetrics success = figures.success();
        out.append("<section aria-labelledby=\"success\"><h2 id=\"success\">Did the fixes work? (")
                .append(figures.metrics().day()).append(")</h2><dl id=\"success-metrics\">");
        term("Fixes verified", String.valueOf(success.fixesVerified()));
        term("Fixes ineffective", String.valueOf(success.fixesIneffective()));
        term("Time from first seen to resolution", hours(success.timeToResolutionHours()));
        term("First-attempt fix accuracy", share(success.firstAttemptFixAccuracy()));
        term("Repeated-failure reduction", share(success.repeatedFailureReduction()));
        term("Failures handled without a person", share(success.handsFreeShare()));
        out.append("</dl></section>\n");
        out.append("<section aria-labelledby=\"warnings\"><h2 id=\"warnings\">Early warnings</h2>");
        if (figures.warnings().isEmpty()) {
            out.append("<p>No test or scenario failing clearly more often over the last 7 days than the 21 before."
                    + "</p></section>\n");
            return;
        }
        out.append("<ul id=\"early-warnings\">");
        figures.warnings().forEach(w -> out.append("<li>").append(Html.text(w.describe())).append("</li>"));
        out.append("</ul></section>\n");
    }

    private void term(String name, String value) {
        out.append("<dt>").append(name).append("</dt><dd>").append(value).append("</dd>");
    }

    private static String hours(java.util.OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f h", value.getAsDouble()) : "no data yet";
    }

    private static String share(java.util.OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.0f%%", 100 * value.getAsDouble()) : "no data yet";
    }

    /** Recommendations past the request, with their status, whether a guarded diff backs them, and the diff. */
    private void fixes(List<Recommendation> fixes) {
        if (fixes.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"fixes\"><h2 id=\"fixes\">Recommendations (").append(fixes.size())
                .append(")</h2><table id=\"fix-table\"><caption>Highest priority first; a diff was checked by the fix"
                        + " guard before it was kept as a draft</caption><thead><tr><th class=\"n\">Priority</th>"
                        + "<th>Kind</th><th>Recommendation</th><th>Status</th><th>Fix</th><th class=\"n\">Tests</th>"
                        + "</tr></thead><tbody>");
        for (Recommendation r : fixes) {
            boolean diff = r.fix().map(f -> !f.diff().isBlank()).orElse(false);
            out.append("<tr><td class=\"n\">").append(r.priority().score()).append("</td><td>")
                    .append(Html.text(r.kind().wireName())).append("</td><td>").append(Html.text(r.advice().title()));
            r.fix().filter(f -> !f.diff().isBlank()).ifPresent(f -> out.append("<details><summary>diff by ")
                    .append(Html.text(f.author())).append("</summary><pre>").append(Html.text(f.diff()))
                    .append("</pre></details>"));
            out.append("</td><td>").append(Html.text(r.status().wireName())).append("</td><td>")
                    .append(diff ? "diff passed the guard" : "advice only").append("</td><td class=\"n\">")
                    .append(r.tests().size()).append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private void tiles(Dashboard d) {
        out.append("<div class=\"tiles\">");
        d.recentRuns().stream().findFirst().ifPresent(latest -> {
            RunCounts c = latest.counts();
            tile("Latest run", Html.text(latest.key().runId()));
            tile("Pass rate", percent(c));
            tile("Failed", String.valueOf(c.failed() + c.errored()));
            tile("Flaky", String.valueOf(c.flaky()));
        });
        d.latestChanges().ifPresent(ch -> tile("New failures", String.valueOf(ch.newFailures().size())));
        tile("Scenarios listed", d.scenarios().size() + (d.moreScenarios() ? "+" : ""));
        out.append("</div>");
        if (d.recentRuns().isEmpty()) {
            out.append("<p>No runs stored for this project yet.</p>");
        }
    }

    private void tile(String label, String value) {
        out.append("<div class=\"tile\"><span class=\"muted\">").append(label).append("</span><b>").append(value)
                .append("</b></div>");
    }

    private void runs(List<StoredRun> recent) {
        if (recent.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"runs\"><h2 id=\"runs\">Recent runs</h2>");
        passRateChart(recent);
        out.append("<table><caption>Newest first</caption><thead><tr><th>Run</th><th>Time (UTC)</th><th>Branch</th>")
                .append("<th>Commit</th><th class=\"n\">Tests</th><th class=\"n\">Passed</th><th class=\"n\">Failed</th>")
                .append("<th class=\"n\">Flaky</th><th class=\"n\">Pass rate</th></tr></thead><tbody>");
        for (StoredRun run : recent) {
            RunCounts c = run.counts();
            out.append("<tr><td>").append(runLink(run)).append("</td><td>").append(minute(run.runTime()))
                    .append("</td><td>").append(run.run().branch().map(Html::text).orElse(""))
                    .append("</td><td><code>").append(run.run().commitSha().map(HtmlDashboard::shortId).orElse(""))
                    .append("</code></td><td class=\"n\">").append(c.tests()).append("</td><td class=\"n\">")
                    .append(c.passed()).append("</td><td class=\"n\">").append(c.failed() + c.errored())
                    .append("</td><td class=\"n\">").append(c.flaky()).append("</td><td class=\"n\">")
                    .append(percent(c)).append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    /** Pass rate per run, oldest to newest, as bars with their figures written beside them. */
    private void passRateChart(List<StoredRun> recent) {
        List<StoredRun> oldestFirst = new ArrayList<>(recent.subList(0, Math.min(recent.size(), RUNS_CHARTED)));
        java.util.Collections.reverse(oldestFirst);
        int barWidth = 28;
        int height = 120;
        int width = Math.max(200, oldestFirst.size() * (barWidth + 6) + 10);
        out.append("<svg id=\"pass-rate-chart\" role=\"img\" aria-labelledby=\"pass-rate-title\" width=\"")
                .append(width).append("\" height=\"").append(height + 20).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height + 20).append("\"><title id=\"pass-rate-title\">Pass rate of the last ")
                .append(oldestFirst.size()).append(" runs, oldest to newest</title>");
        for (int i = 0; i < oldestFirst.size(); i++) {
            StoredRun run = oldestFirst.get(i);
            RunCounts c = run.counts();
            double rate = c.tests() == 0 ? 0 : (double) c.passed() / c.tests();
            int bar = (int) Math.round(rate * (height - 16));
            int x = 6 + i * (barWidth + 6);
            out.append("<g><title>").append(Html.text(run.key().runId())).append(": ").append(percent(c))
                    .append(" passed</title><rect class=\"bar\" x=\"").append(x).append("\" y=\"")
                    .append(height - bar).append("\" width=\"").append(barWidth).append("\" height=\"").append(bar)
                    .append("\" fill=\"").append(rate >= 0.95 ? "#1a7f37" : rate >= 0.8 ? "#9a6700" : "#b42318")
                    .append("\"></rect><text x=\"").append(x).append("\" y=\"").append(height + 14).append("\">")
                    .append(Math.round(rate * 100)).append("%</text></g>");
        }
        out.append("</svg>");
    }

    private void changes(RunChanges changes, List<StoredAttachment> attachments) {
        out.append("<section aria-labelledby=\"changes\"><h2 id=\"changes\">What the latest run changed</h2>")
                .append("<p class=\"muted\">Run ").append(runLink(changes.run()));
        changes.previous().ifPresentOrElse(p -> out.append(" compared with ").append(runLink(p))
                        .append(changes.byBranch() ? " (the run before it on its branch)" : " (the project's run before it)"),
                () -> out.append(": no earlier run to compare with, so every failure is new"));
        out.append(".</p>");
        String runId = changes.run().key().runId();
        changeTable("New failures", "bad", changes.newFailures(), runId);
        changeTable("Still failing", "warn", changes.stillFailing(), runId);
        changeTable("Fixed", "good", changes.fixed(), runId);
        changeTable("No longer run", "muted", changes.notRun(), runId);
        changeTable("Flaky in this run", "warn", changes.flaky(), runId);
        attachments(attachments, runId);
        out.append("</section>\n");
    }

    /**
     * The screenshots and traces stored for the run's failing attempts: what exists, by test and attempt; the bytes
     * stay in the bucket (no link: this page is served without access to it).
     */
    private void attachments(List<StoredAttachment> attachments, String runId) {
        if (attachments.isEmpty()) {
            return;
        }
        out.append("<h3 id=\"attachments\">Screenshots and traces stored (").append(attachments.size())
                .append(")</h3>");
        String head = "<table><thead><tr><th>Test</th><th>Attempt</th><th>Name</th><th>Type</th><th>Size</th>"
                + "<th>SHA-256</th></tr></thead><tbody>";
        bounded(attachments, head, "GET /api/v1/projects/{project}/runs/" + Html.text(runId) + " lists them all",
                a -> out.append("<tr><td>").append(Html.text(a.testName())).append("</td><td>")
                        .append(a.attempt() == 0 ? "first run" : "retry " + a.attempt()).append("</td><td>").append(Html.text(a.name())).append("</td><td>")
                        .append(Html.text(a.contentType())).append("</td><td>").append(size(a.bytes()))
                        .append("</td><td><code>").append(a.sha256(), 0, 12).append("…</code></td></tr>"));
    }

    /** A size as a person reads it: bytes, KiB or MiB with one decimal. */
    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kib = bytes / 1024.0;
        return kib < 1024 ? String.format(Locale.ROOT, "%.1f KiB", kib)
                : String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
    }

    private void changeTable(String title, String style, List<TestChange> tests, String runId) {
        out.append("<h3><span class=\"").append(style).append("\">").append(title).append("</span> (")
                .append(tests.size()).append(")</h3>");
        if (tests.isEmpty()) {
            return;
        }
        String head = "<table><thead><tr><th>Test</th><th>Now</th><th>Before</th><th>Root cause</th><th>Failure</th>"
                + "</tr></thead><tbody>";
        bounded(tests, head, "feedback run --run " + Html.text(runId) + " --json lists them all", t -> out
                .append("<tr><td>").append(test(t.testCase())).append("</td><td>")
                .append(t.now().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("not run")).append("</td><td>")
                .append(t.before().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("—")).append("</td><td>")
                .append(t.category().map(Enum::name).orElse("")).append("</td><td>")
                .append(t.headline().map(h -> Html.firstLine(h, HEADLINE)).orElse("")).append("</td></tr>"));
    }

    /**
     * A table of {@code rows} that stays small however many there are: the first {@link #ROWS_SHOWN} open, the
     * next ones up to {@link #ROWS_LISTED} in a second table behind a details element, the rest counted with where
     * to find them.
     *
     * @param head  the table's start, up to its open body
     * @param where where the rows left out are listed
     */
    private <T> void bounded(List<T> rows, String head, String where, java.util.function.Consumer<T> row) {
        bounded(rows, rows.size(), head, where, row);
    }

    /** As above, for {@code rows} read up to what a page lists out of {@code total}. */
    private <T> void bounded(List<T> rows, long total, String head, String where,
                             java.util.function.Consumer<T> row) {
        out.append(head);
        rows.stream().limit(ROWS_SHOWN).forEach(row);
        out.append("</tbody></table>");
        if (rows.size() > ROWS_SHOWN) {
            int listed = Math.min(rows.size(), ROWS_LISTED);
            out.append("<details class=\"more-rows\"><summary>").append(listed - ROWS_SHOWN).append(" more</summary>")
                    .append(head.replaceFirst("^<table[^>]*>", "<table>").replaceFirst("<caption>.*</caption>", ""));
            rows.subList(ROWS_SHOWN, listed).forEach(row);
            out.append("</tbody></table></details>");
        }
        if (total > ROWS_LISTED) {
            out.append("<p class=\"muted\">and ").append(total - ROWS_LISTED)
                    .append(" more, not listed here: ").append(where).append("</p>");
        }
    }

    private void scenarios(Dashboard d) {
        out.append("<section aria-labelledby=\"scenarios\"><h2 id=\"scenarios\">Top failure scenarios by impact</h2>");
        if (d.scenarios().isEmpty()) {
            out.append("<p>No failure scenarios stored.</p></section>");
            return;
        }
        out.append("<table id=\"scenario-table\"><caption>Most failures first").append(d.moreScenarios()
                        ? "; more scenarios are stored" : "").append("</caption><thead><tr><th class=\"n\">Failures</th>")
                .append("<th class=\"n\">Tests</th><th class=\"n\">Runs</th><th>Root cause</th><th>Last seen</th>")
                .append("<th>Failure and evidence</th></tr></thead><tbody>");
        for (ScenarioDetails details : d.scenarios()) {
            Scenario s = details.scenario();
            out.append("<tr class=\"scenario\" id=\"scenario-").append(s.key().fingerprint().value())
                    .append("\"><td class=\"n\">").append(s.occurrences()).append("</td><td class=\"n\">")
                    .append(s.testsAffected()).append("</td><td class=\"n\">").append(s.runsAffected())
                    .append("</td><td>").append(s.category().name()).append(s.autoFixable() ? "<br><span class=\"muted\">"
                            + "auto-fixable</span>" : "").append("</td><td>").append(minute(s.lastSeen()))
                    .append("</td><td><code>").append(s.sampleMessage().isBlank() ? "(no message)"
                            : Html.firstLine(s.sampleMessage(), HEADLINE)).append("</code>");
            details.cause().ifPresent(c -> out.append("<br>Cause: ").append(Html.text(c)));
            evidence(details);
            out.append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private void evidence(ScenarioDetails details) {
        out.append("<details><summary>Notes, tests and runs</summary><ul>");
        details.notes().forEach(n -> out.append("<li>").append(Html.text(n)).append("</li>"));
        out.append("</ul><h3>Tests</h3><ul>");
        for (CoveredTest t : details.tests()) {
            out.append("<li>").append(t.testCase().map(HtmlDashboard::test).orElse("test <code>"
                    + Html.text(t.test().value()) + "</code> (name expired)")).append(" — ")
                    .append(t.link().occurrences()).append(" runs</li>");
        }
        if (details.moreTests()) {
            out.append("<li class=\"muted\">and more</li>");
        }
        out.append("</ul><h3>Runs</h3><ul>");
        for (CoveredRun r : details.runs()) {
            out.append("<li>").append(Html.text(r.link().run().runId())).append(" at ")
                    .append(minute(r.link().seenAt()));
            r.run().flatMap(s -> s.run().branch()).ifPresent(b -> out.append(", branch ").append(Html.text(b)));
            out.append("</li>");
        }
        out.append("</ul></details>");
    }

    private void categories(List<CategoryShare> shares) {
        if (shares.isEmpty()) {
            return;
        }
        long max = shares.get(0).occurrences();
        out.append("<section aria-labelledby=\"causes\"><h2 id=\"causes\">Root causes</h2>")
                .append("<svg id=\"cause-chart\" role=\"img\" aria-labelledby=\"cause-title\" width=\"640\" height=\"")
                .append(shares.size() * 22 + 4).append("\"><title id=\"cause-title\">Failures by root cause over the")
                .append(" listed scenarios</title>");
        for (int i = 0; i < shares.size(); i++) {
            CategoryShare share = shares.get(i);
            long bar = Math.max(2, Math.round(360.0 * share.occurrences() / max));
            int y = 2 + i * 22;
            out.append("<g><text x=\"0\" y=\"").append(y + 13).append("\">").append(share.category().name())
                    .append("</text><rect class=\"bar\" x=\"170\" y=\"").append(y).append("\" width=\"").append(bar)
                    .append("\" height=\"16\" fill=\"#3662d8\"></rect><text x=\"").append(176 + bar).append("\" y=\"")
                    .append(y + 13).append("\">").append(share.occurrences()).append(" failures, ")
                    .append(share.scenarios()).append(" scenarios</text></g>");
        }
        out.append("</svg></section>\n");
    }

    private void flaky(List<FlakyTest> flaky) {
        if (flaky.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"flaky\"><h2 id=\"flaky\">Flaky tests (").append(flaky.size())
                .append(")</h2>");
        bounded(flaky, "<table id=\"flaky-table\"><caption>Failed, then passed on a retry, in the recent runs; most"
                + " often first</caption><thead><tr><th>Test</th><th class=\"n\">Flaky in</th><th>Last flaky</th></tr>"
                + "</thead><tbody>", "feedback flaky lists every test's health", f -> out.append("<tr><td>")
                .append(test(f.testCase())).append("</td><td class=\"n\">").append(f.flakyRuns()).append(" of ")
                .append(f.runsLooked()).append(" runs</td><td>").append(minute(f.lastFlaky())).append("</td></tr>"));
        out.append("</section>\n");
    }

    private void metrics(List<DailyMetrics> days) {
        if (days.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"metrics\"><h2 id=\"metrics\">Daily figures</h2><table><thead><tr>")
                .append("<th>Day (UTC)</th><th class=\"n\">Runs</th><th class=\"n\">Results</th><th class=\"n\">")
                .append("Failed</th><th class=\"n\">Flaky</th><th class=\"n\">New scenarios</th></tr></thead><tbody>");
        for (DailyMetrics m : days) {
            out.append("<tr><td>").append(m.day()).append("</td><td class=\"n\">").append(m.runs())
                    .append("</td><td class=\"n\">").append(m.tests()).append("</td><td class=\"n\">")
                    .append(m.failed() + m.errored()).append("</td><td class=\"n\">").append(m.flaky())
                    .append("</td><td class=\"n\">").append(m.newScenarios()).append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private void recommendations(List<PendingRecommendation> pending) {
        if (pending.isEmpty()) {
            return;
        }
        out.append("<section aria-labelledby=\"recommendations\"><h2 id=\"recommendations\">Fixes asked for</h2>")
                .append("<table><thead><tr><th class=\"n\">Priority</th><th>Scenario</th><th>Root cause</th>")
                .append("<th>Received</th><th>Status</th></tr></thead><tbody>");
        for (PendingRecommendation p : pending) {
            out.append("<tr><td class=\"n\">").append(p.priority()).append("</td><td><code>")
                    .append(p.request().scenario().fingerprint().value()).append("</code></td><td>")
                    .append(p.request().category().name()).append("</td><td>").append(minute(p.receivedAt()))
                    .append("</td><td>pending</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private static String test(TestCase test) {
        return "<span class=\"test\">" + Html.text(test.suite().isEmpty() ? test.name()
                : test.suite() + " › " + test.name()) + "</span>";
    }

    private static String runLink(StoredRun run) {
        String id = Html.text(run.key().runId()) + (run.key().attempt() > 1 ? " attempt " + run.key().attempt() : "");
        return run.run().buildUrl().filter(u -> u.startsWith("https://") || u.startsWith("http://"))
                .map(u -> "<a href=\"" + Html.text(u) + "\" rel=\"noreferrer noopener\">" + id + "</a>").orElse(id);
    }

    private static String shortId(String id) {
        return Html.text(id.length() > 12 ? id.substring(0, 12) : id);
    }

    private static String percent(RunCounts c) {
        return c.tests() == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100.0 * c.passed() / c.tests());
    }

    private static String minute(Instant time) {
        return MINUTE.format(time);
    }
}
