package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.health.Execution;
import dev.feedbackloop.health.FlakyTally;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.Outcome;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.health.Verdict;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TestLabel;
import dev.feedbackloop.store.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The health section's timelines, on values built here: each troubled test's recent results as a strip of lettered
 * boxes (colour is not the only signal) and, for the tests a dashboard read them for, its newest state changes.
 */
class HtmlDashboardTimelineTest {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
    private static final TestId BROKEN = new TestId("00000000000000b1");
    private static final TestId FLAKY = new TestId("00000000000000b2");

    @Test
    void aTestsRecentResultsAreLetteredBoxesOldestFirst_andItsStateChangesNewestFirst() {
        StoredHealth broken = health(BROKEN, HealthState.BROKEN, "failed in 2 runs in a row on main",
                Outcome.PASSED, Outcome.PASSED_ON_RETRY, Outcome.FAILED, Outcome.ERROR);
        StoredHealth flaky = health(FLAKY, HealthState.FLAKY, "passed on a retry twice", Outcome.PASSED_ON_RETRY,
                Outcome.PASSED);
        List<TimelineEntry> changes = List.of(
                change(BROKEN, 4, HealthState.HEALTHY, HealthState.BROKEN, "failed in 2 runs in a row on main",
                        Optional.empty()),
                change(BROKEN, 0, HealthState.NEW, HealthState.HEALTHY, "passed its first run", Optional.empty()));

        String html = HtmlDashboard.render(dashboard(List.of(broken, flaky), Map.of(BROKEN, changes)));

        String table = section(html, "health-table");
        List<String> rows = List.of(table.substring(table.indexOf("<tbody>") + 7).split("</tr>"));
        assertThat(rows.get(0)).startsWith("<tr class=\"has-timeline\"><td><span class=\"test\">e2e.pay › b1</span>")
                .contains("<td>broken</td>")
                .contains("aria-label=\"Last 4 runs, oldest first: 1 passed, 1 failed, 1 error, 1 passed on a retry\"");
        assertThat(letters(rows.get(0))).containsExactly("P", "R", "F", "E");
        assertThat(titles(rows.get(0))).containsExactly("r0#1 2026-10-01 00:00: passed", "r1#1 2026-10-01 01:00:"
                + " passed on a retry", "r2#1 2026-10-01 02:00: failed", "r3#1 2026-10-01 03:00: error");
        assertThat(rows.get(1)).startsWith("<tr class=\"timeline-row\"><td colspan=\"6\"><ol class=\"timeline\"");
        assertThat(entries(rows.get(1))).containsExactly(
                "<time datetime=\"2026-10-01T04:00:00Z\">2026-10-01 04:00</time> <span class=\"state\">healthy</span>"
                        + " → <span class=\"state\">broken</span>: failed in 2 runs in a row on main",
                "<time datetime=\"2026-10-01T00:00:00Z\">2026-10-01 00:00</time> <span class=\"state\">new</span>"
                        + " → <span class=\"state\">healthy</span>: passed its first run");
        assertThat(rows.get(2)).as("a test whose timeline was not read has its results, no timeline row")
                .startsWith("<tr><td><span class=\"test\">e2e.pay › b2</span>").contains("<td>flaky</td>");
        assertThat(letters(rows.get(2))).containsExactly("R", "P");
        assertThat(count(table, "class=\"timeline-row\"")).isOne();
        assertThat(html).contains("<b>P</b> passed, <b>R</b> passed on a retry (flaky), <b>F</b> failed");
    }

    @Test
    void rowsBehindTheDetailsElementHaveTheirResultsAsLettersAlone() {
        List<StoredHealth> many = IntStream.range(0, HtmlDashboard.ROWS_SHOWN + 2).mapToObj(i -> health(
                new TestId(String.format("%016x", 0xa00 + i)), HealthState.FLAKY, "passed on a retry twice",
                Outcome.PASSED, Outcome.PASSED_ON_RETRY, Outcome.FAILED)).toList();

        String html = HtmlDashboard.render(dashboard(many, Map.of()));

        String open = html.substring(html.indexOf("id=\"health-table\""), html.indexOf("<details class=\"more-rows\">"));
        String hidden = html.substring(html.indexOf("<details class=\"more-rows\">"), html.indexOf("</section>",
                html.indexOf("id=\"health-table\"")));
        assertThat(count(open, "<span class=\"results\" role=\"img\" aria-label=\"Last 3 runs, oldest first: 1"
                + " passed, 1 failed, 1 passed on a retry\"")).isEqualTo(HtmlDashboard.ROWS_SHOWN);
        assertThat(letters(open)).hasSize(3 * HtmlDashboard.ROWS_SHOWN);
        assertThat(count(hidden, "<span class=\"results letters\" role=\"img\" aria-label=\"Last 3 runs, oldest"
                + " first: 1 passed, 1 failed, 1 passed on a retry\" title=\"Last 3 runs, oldest first: 1 passed, 1"
                + " failed, 1 passed on a retry\">PRF</span>")).isEqualTo(2);
        assertThat(hidden).doesNotContain("<i ");
    }

    @Test
    void aChangeByAPersonNamesThem_andATimelineAtItsLimitPointsToTheRest() {
        StoredHealth flaky = health(FLAKY, HealthState.FLAKY, "passed on a retry twice", Outcome.PASSED_ON_RETRY);
        List<TimelineEntry> changes = IntStream.range(0, ProjectReads.TIMELINE_CHANGES)
                .mapToObj(i -> change(FLAKY, 10 - i, HealthState.FLAKY, HealthState.QUARANTINED,
                        "<b>races</b> the redirect\nsecond line", Optional.of("ana"))).toList();

        String table = section(HtmlDashboard.render(dashboard(List.of(flaky), Map.of(FLAKY, changes))),
                "health-table");

        assertThat(entries(table)).hasSize(ProjectReads.TIMELINE_CHANGES).first().isEqualTo(
                "<time datetime=\"2026-10-01T10:00:00Z\">2026-10-01 10:00</time> <span class=\"state\">flaky</span>"
                        + " → <span class=\"state\">quarantined</span> by ana: &lt;b&gt;races&lt;/b&gt; the redirect");
        assertThat(table).contains("older changes: feedback flaky");
    }

    @Test
    void aTestWithATimelineReadButNoChangeStoredSaysSo() {
        StoredHealth flaky = health(FLAKY, HealthState.FLAKY, "passed on a retry twice");

        String table = section(HtmlDashboard.render(dashboard(List.of(flaky), Map.of(FLAKY, List.of()))),
                "health-table");

        assertThat(table).contains("<span class=\"muted\">none counted</span>")
                .contains("<tr class=\"timeline-row\"><td colspan=\"6\"><span class=\"muted\">No state change stored.");
    }

    private static Dashboard dashboard(List<StoredHealth> health, Map<TestId, List<TimelineEntry>> timelines) {
        return new Dashboard("pay", T0.plus(Duration.ofDays(1)), List.of(), false, List.of(), List.of(),
                Optional.empty(), List.of(), List.of(), List.of(), health, List.of(), Optional.empty(), timelines);
    }

    private static StoredHealth health(TestId test, HealthState state, String reason, Outcome... outcomes) {
        List<Execution> window = IntStream.range(0, outcomes.length).mapToObj(i -> Execution.of(test,
                new RunKey("pay", "r" + i, 1), T0.plus(Duration.ofHours(i)), outcomes[i])).toList();
        TestHealth health = new TestHealth("pay", test, window, 0, Map.of(), FlakyTally.NONE,
                new Verdict(state, Optional.of(T0), reason), Optional.empty(), Optional.empty());
        return new StoredHealth(health, 3, Optional.of(new TestLabel("e2e.pay", test.value().substring(14),
                Optional.empty())));
    }

    private static TimelineEntry change(TestId test, int hour, HealthState from, HealthState to, String reason,
                                        Optional<String> actor) {
        return new TimelineEntry("pay", test, T0.plus(Duration.ofHours(hour)), from, to, reason, List.of(),
                Optional.empty(), actor);
    }

    /** The letters of a strip's boxes, each checked against its box's class. */
    private static List<String> letters(String html) {
        Matcher m = Pattern.compile("<i class=\"o-(.)\" title=\"[^\"]*\">(.)</i>").matcher(html);
        return m.results().peek(r -> assertThat(r.group(2)).isEqualTo(r.group(1))).map(r -> r.group(2)).toList();
    }

    private static List<String> titles(String html) {
        return all(html, "<i class=\"o-.\" title=\"([^\"]*)\">");
    }

    private static List<String> entries(String html) {
        return all(html, "<li>(.*?)</li>");
    }

    private static List<String> all(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        return m.results().map(r -> r.group(1)).toList();
    }

    private static long count(String text, String needle) {
        return Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }

    /** The element with {@code id} up to the end of its section. */
    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("element " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }
}
