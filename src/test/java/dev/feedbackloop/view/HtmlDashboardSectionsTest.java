package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationBook;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.TimelineEntry;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.rollup.CategoryCount;
import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.rollup.DayCount;
import dev.feedbackloop.rollup.EarlyWarning;
import dev.feedbackloop.rollup.FeedbackLoopMetrics;
import dev.feedbackloop.rollup.QualityAnalytics;
import dev.feedbackloop.rollup.StateCounts;
import dev.feedbackloop.rollup.SuccessMetrics;
import dev.feedbackloop.rollup.TrendSubject;
import dev.feedbackloop.rootcause.Category;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's later-stage sections over a real store: tests the health judge calls flaky or broken with their
 * quarantine, recommendations with their status and fix, and the newest nightly figures (success metrics, early
 * warnings). The browser test renders the page; this one pins what each section says.
 */
class HtmlDashboardSectionsTest {

    private static ViewHistory history;

    @BeforeAll
    static void store() {
        history = new ViewHistory();
        RecommendationLoop loop = new RecommendationLoop(new DynamoRecommendationBook(history.loop.dynamoDb,
                history.loop.settings), new Recommender(), FixWatch.defaults());
        StoredHistory stored = new StoredHistory(history.loop.runs(), history.loop.scenarios(), 500);
        loop.refresh("web", stored.scenarios("web", 20), List.of(), ViewHistory.T0.plusSeconds(3600));
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void flakyTestsFromTheHealthJudge_withTheirQuarantine_andRecommendationsWithStatusAndFix() {
        Dashboard dashboard = history.allReads().dashboard("web", 20, 20);
        String html = HtmlDashboard.render(dashboard);

        assertThat(dashboard.health()).extracting(h -> h.health().test()).containsExactly(ViewHistory.FLAKY_TEST);
        assertThat(section(html, "health-table")).contains("login &quot;twice&quot;").contains("<td>flaky</td>")
                .contains("until 2026-03-15");
        assertThat(dashboard.fixes()).isNotEmpty();
        assertThat(section(html, "fix-table")).contains("immediate_fix").contains("draft").contains("advice only");
        assertThat(html).as("no nightly figures stored").doesNotContain("id=\"success-metrics\"");
    }

    @Test
    void eachTroubledTestShownOpenHasItsNewestStateChangesRead_andTheirCountIsBoundedByTheRowsShown() {
        List<TestId> many = history.flakyTests("many", HtmlDashboard.ROWS_SHOWN + 2);

        Dashboard web = history.allReads().dashboard("web", 20, 20);
        Dashboard big = history.allReads().dashboard("many", 20, 20);

        List<TimelineEntry> stored = new ArrayList<>(history.loop.health().timeline("web", ViewHistory.FLAKY_TEST));
        Collections.reverse(stored);
        assertThat(stored).as("the fixture's flaky test has a timeline").isNotEmpty();
        assertThat(web.timelines()).containsOnlyKeys(ViewHistory.FLAKY_TEST);
        assertThat(web.timelines().get(ViewHistory.FLAKY_TEST)).isEqualTo(
                stored.subList(0, Math.min(stored.size(), ProjectReads.TIMELINE_CHANGES)));
        String table = section(HtmlDashboard.render(web), "health-table");
        stored.stream().limit(ProjectReads.TIMELINE_CHANGES).forEach(entry -> assertThat(table).contains(
                "<time datetime=\"" + entry.at() + "\">").contains(Html.firstLine(entry.reason(), 160)));

        assertThat(big.health()).hasSize(many.size());
        assertThat(big.timelines().keySet()).as("the tests shown open, and no more").containsExactlyInAnyOrderElementsOf(
                big.health().stream().limit(HtmlDashboard.ROWS_SHOWN).map(h -> h.health().test()).toList());
        big.timelines().forEach((test, entries) -> assertThat(entries).extracting(TimelineEntry::to)
                .as("timeline of " + test).contains(HealthState.FLAKY));
        assertThat(count(HtmlDashboard.render(big), "class=\"timeline-row\"")).isEqualTo(HtmlDashboard.ROWS_SHOWN);
    }

    @Test
    void moreTroubledTestsThanAPageLists_areReadUpToThePage_andCountedWithoutBeingRead() {
        int more = 7;
        List<TestId> crowd = history.flakyTests("crowd", HtmlDashboard.ROWS_LISTED + more);

        Dashboard dashboard = history.allReads().dashboard("crowd", 20, 20);
        String html = HtmlDashboard.render(dashboard);

        assertThat(dashboard.healthTotal()).isEqualTo(crowd.size());
        assertThat(dashboard.health()).extracting(h -> h.health().test())
                .as("the first tests of the verdict's index, as the full listing orders them")
                .containsExactlyElementsOf(history.loop.health().withVerdict("crowd", HealthState.FLAKY).stream()
                        .limit(HtmlDashboard.ROWS_LISTED).map(h -> h.health().test()).toList());
        assertThat(history.loop.health().countWithVerdict("crowd", HealthState.FLAKY)).isEqualTo(crowd.size());
        assertThat(history.loop.health().countWithVerdict("crowd", HealthState.BROKEN)).isZero();
        assertThat(history.loop.health().withVerdict("crowd", HealthState.FLAKY, 3)).hasSize(3);
        assertThat(html).contains("Broken and flaky tests (" + crowd.size() + ")")
                .contains("and " + more + " more, not listed here: feedback flaky");
        assertThat(html).contains("<summary>" + (HtmlDashboard.ROWS_LISTED - HtmlDashboard.ROWS_SHOWN)
                + " more</summary>");
    }

    @Test
    void theStoresNewestChanges_areItsTimelineBackwards_cutAtTheLimit() {
        List<TimelineEntry> stored = new ArrayList<>(history.loop.health().timeline("web", ViewHistory.FLAKY_TEST));
        Collections.reverse(stored);

        assertThat(stored).hasSizeGreaterThan(1);
        assertThat(history.loop.health().recentChanges("web", ViewHistory.FLAKY_TEST, 1))
                .containsExactly(stored.get(0));
        assertThat(history.loop.health().recentChanges("web", ViewHistory.FLAKY_TEST, 1000)).isEqualTo(stored);
        assertThat(history.loop.health().recentChanges("web", new TestId("0000000000000999"), 5)).isEmpty();
    }

    private static long count(String text, String needle) {
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(needle)).matcher(text).results().count();
    }

    @Test
    void theNewestNightlyFigures_showTheSuccessMetricsAndEarlyWarnings() {
        LocalDate day = LocalDate.parse("2026-03-01");
        FeedbackLoopMetrics metrics = new FeedbackLoopMetrics("web", day, 10, 8, 2, 1, OptionalDouble.of(-0.02),
                OptionalLong.of(1500), OptionalDouble.empty(), List.of(new CategoryCount(Category.TIMEOUT, 6)),
                OptionalDouble.of(0.8), 3, 1, OptionalDouble.of(0.95), new StateCounts(3, 1, 0, 1), 2,
                Map.of("healthy -> flaky", 2L), Instant.parse("2026-03-02T02:00:00Z"));
        QualityAnalytics quality = new QualityAnalytics(8, Map.of("TIMEOUT", 6L), Map.of("e2e", 8L),
                Map.of("unknown", 8L), Map.of("unknown", 8L), Map.of("toHaveURL", 2L), List.of());
        EarlyWarning warning = new EarlyWarning(new TrendSubject(TrendSubject.Kind.TEST, "e2e/cart.spec.ts#adds",
                "cart > adds"), day, new DayCount(14, 5), new DayCount(42, 1), 0.0012);
        SuccessMetrics success = new SuccessMetrics(2, 1, OptionalDouble.of(30.5), OptionalDouble.of(1.0),
                OptionalDouble.empty(), OptionalDouble.of(0.6));
        Dashboard dashboard = new Dashboard("web", ViewHistory.T0, List.of(), false, List.of(), List.of(),
                Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Optional.of(new DailyFigures(metrics, success, quality, List.of(warning))));

        String html = HtmlDashboard.render(dashboard);

        assertThat(section(html, "success-metrics")).contains("<dt>Fixes verified</dt><dd>2</dd>")
                .contains("<dd>30.5 h</dd>").contains("<dt>First-attempt fix accuracy</dt><dd>100%</dd>")
                .contains("<dt>Repeated-failure reduction</dt><dd>no data yet</dd>")
                .contains("<dt>Failures handled without a person</dt><dd>60%</dd>");
        assertThat(section(html, "early-warnings")).contains(Html.text(warning.describe()));
    }

    /** The element with {@code id} up to the end of its section. */
    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("element " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }
}
