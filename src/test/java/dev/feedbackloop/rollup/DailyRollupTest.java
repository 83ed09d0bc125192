package dev.feedbackloop.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.dynamodb.DynamoFiguresStore;
import dev.feedbackloop.adapter.dynamodb.DynamoMetricsStore;
import dev.feedbackloop.classify.ReportClassifier;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.HealthUpdate;
import dev.feedbackloop.health.Quarantine;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TimelineEntry;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.testing.LoopFixture;
import java.nio.charset.StandardCharsets;
import dev.feedbackloop.model.TestId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.OptionalDouble;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daily rollup over runs analysed into DynamoDB Local. */
class DailyRollupTest {

    private static final LocalDate DAY = LocalDate.parse("2026-03-01");

    private LoopFixture loop;
    private ReportClassifier classifier;
    private DynamoMetricsStore metrics;
    private DynamoFiguresStore figures;
    private DailyRollup rollup;

    @BeforeEach
    void start() {
        loop = new LoopFixture("rollup");
        classifier = new ReportClassifier(loop.rawReports(), loop.runs(), loop.scenarios(), loop.deliveries(),
                loop.queue(), FailureClassifier.standard(), Reports.standard(), LoopFixture.PREFIX, loop.health(),
                HealthSettings.defaults(), loop.clock);
        metrics = new DynamoMetricsStore(loop.dynamoDb, loop.settings);
        figures = new DynamoFiguresStore(loop.dynamoDb, loop.settings);
        rollup = new DailyRollup(loop.runs(), loop.scenarios(), loop.health(), metrics, figures, LoopRecords.NONE,
                HealthSettings.defaults(), loop.clock);
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void theDaysRunsFailuresAndNewScenarios_areSummedPerProjectAndOverall() {
        loop.clock.set(Instant.parse("2026-02-28T23:00:00Z"));
        classify("web-shop", "before", "2026-02-28T22:00:00", "Unable to locate element: #old");
        loop.clock.set(Instant.parse("2026-03-01T20:00:00Z"));
        classify("web-shop", "r1", "2026-03-01T08:00:00", "Unable to locate element: #pay");
        classify("web-shop", "r2", "2026-03-01T09:00:00", "Unable to locate element: #pay");
        classify("mobile-api", "m1", "2026-03-01T10:00:00", "Expected: 200 Received: 500");
        loop.clock.set(Instant.parse("2026-03-02T02:30:00Z"));
        classify("web-shop", "after", "2026-03-02T01:00:00", "Unable to locate element: #later");

        List<DailyMetrics> stored = rollup.rollUpPreviousDay();

        DailyMetrics web = metrics.range("web-shop", DAY, DAY).get(0);
        assertThat(web.runs()).isEqualTo(2);
        assertThat(web.tests()).isEqualTo(4);
        assertThat(web.passed()).isEqualTo(2);
        assertThat(web.failed()).isEqualTo(2);
        assertThat(web.failuresByCategory()).isEqualTo(Map.of(Category.SELECTOR_ISSUE, 2L));
        assertThat(web.newScenarios()).isEqualTo(1);
        DailyMetrics all = metrics.range(DailyMetrics.ALL_PROJECTS, DAY, DAY).get(0);
        assertThat(all.runs()).isEqualTo(3);
        assertThat(all.tests()).isEqualTo(6);
        assertThat(all.newScenarios()).isEqualTo(2);
        assertThat(stored).extracting(DailyMetrics::project)
                .containsExactlyInAnyOrder("web-shop", "mobile-api", DailyMetrics.ALL_PROJECTS);
    }

    @Test
    void rollingUpADayAgain_replacesItsFigures() {
        loop.clock.set(Instant.parse("2026-03-01T20:00:00Z"));
        classify("web-shop", "r1", "2026-03-01T08:00:00", "Unable to locate element: #pay");

        rollup.rollUp(DAY);
        rollup.rollUp(DAY);

        assertThat(metrics.range("web-shop", DAY.minusDays(7), DAY)).singleElement()
                .satisfies(m -> assertThat(m.runs()).isEqualTo(1));
    }

    @Test
    void aRunStillIngesting_isNotCountedYet() {
        loop.clock.set(Instant.parse("2026-03-01T20:00:00Z"));
        classify("web-shop", "r1", "2026-03-01T08:00:00", "Unable to locate element: #pay");
        Instant started = Instant.parse("2026-03-01T09:00:00Z");
        loop.runs().putRun(new dev.feedbackloop.model.Run(new RunKey("web-shop", "half-done", 1), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(started), Optional.empty(),
                Map.of()), loop.clock.instant());

        rollup.rollUp(DAY);

        assertThat(metrics.range("web-shop", DAY, DAY).get(0).runs()).isEqualTo(1);
    }

    /**
     * A small known history, figured by hand: the day before, one run of two tests, one failing (success rate 1 of
     * 2); the day, two runs of a checkout suite where a URL assertion fails twice, a selector twice and an
     * unrecognised error once (2 of 7 executions pass), with the URL test's stored series showing 2 failures in 12
     * runs over the six days before and none in 42 runs over the 21 days before those; and the recommendation stage
     * reporting 3 recommendations made, one fix implemented after 2 hours, one fix verified 48 hours after its
     * scenario was first seen (effect 0.8) and one found ineffective (effect -0.2).
     */
    @Test
    void aSmallKnownHistory_givesTheseStoredFigures() {
        LoopRecords records = (project, day) -> day.equals(DAY) ? new LoopDay(3, List.of(Duration.ofHours(2)),
                List.of(new FixJudgement(true, true, 0.8, Optional.of(Duration.ofHours(48)), true, 3),
                        new FixJudgement(false, true, -0.2, Optional.empty(), false, 2))) : LoopDay.NONE;
        DailyRollup known = new DailyRollup(loop.runs(), loop.scenarios(), loop.health(), metrics, figures, records,
                HealthSettings.defaults(), loop.clock);
        loop.clock.set(Instant.parse("2026-02-28T23:00:00Z"));
        classify("web-shop", "before", "2026-02-28T22:00:00", "Unable to locate element: #old");
        known.rollUp("web-shop", DAY.minusDays(1));
        loop.clock.set(Instant.parse("2026-03-01T20:00:00Z"));
        checkout("r1", "2026-03-01T08:00:00", true);
        checkout("r2", "2026-03-01T09:00:00", false);
        TestId url = loop.runs().failingResults(new RunKey("web-shop", "r1", 1), 10, Optional.empty()).items()
                .stream().filter(r -> r.result().test().name().equals("url")).findFirst().orElseThrow().testId();
        List<DayCount> days = new ArrayList<>();
        for (int d = 0; d < 28; d++) {
            days.add(d < 21 ? new DayCount(2, 0) : d < 27 ? new DayCount(2, d % 3 == 0 ? 1 : 0) : DayCount.NONE);
        }
        figures.putTrends("web-shop", List.of(new Trend(new TrendSubject(TrendSubject.Kind.TEST, url.value(),
                "e2e.checkout > url"), new DailySeries(DAY, days))));
        loop.clock.set(Instant.parse("2026-03-02T02:00:00Z"));

        known.rollUp("web-shop", DAY);
        known.rollUp("web-shop", DAY);

        DailyFigures stored = figures.find("web-shop", DAY).orElseThrow();
        FeedbackLoopMetrics m = stored.metrics();
        assertThat(m.totalFailures()).isEqualTo(5);
        assertThat(m.analysedFailures()).isEqualTo(5);
        assertThat(m.generatedRecommendations()).isEqualTo(3);
        assertThat(m.implementedFixes()).isEqualTo(1);
        assertThat(m.averageFixImplementationHours()).hasValue(2.0);
        assertThat(m.runs()).isEqualTo(2);
        assertThat(m.outageRuns()).isZero();
        assertThat(m.successRate()).hasValue(0.2857);
        assertThat(m.successRateChange()).hasValue(-0.2143);
        assertThat(m.topFailureCategories()).containsExactly(new CategoryCount(Category.SELECTOR_ISSUE, 2),
                new CategoryCount(Category.URL_MISMATCH, 2), new CategoryCount(Category.UNKNOWN, 1));
        // coverage 5/5 (0.35), explanation 4/5 (0.25), action 1/3 (0.2), no verdict changes: (0.35 + 0.2 +
        // 0.0667) / 0.8
        assertThat(m.systemLearningScore()).hasValue(0.771);
        assertThat(m.tests()).isEqualTo(StateCounts.NONE);
        // handled without a person: the verified fix's 3 failures of 3 + 2
        assertThat(stored.success()).isEqualTo(new SuccessMetrics(1, 1, OptionalDouble.of(48.0),
                OptionalDouble.of(0.5), OptionalDouble.of(0.3), OptionalDouble.of(0.6)));
        assertThat(stored.quality().byCategory()).containsExactly(Map.entry("SELECTOR_ISSUE", 2L),
                Map.entry("URL_MISMATCH", 2L), Map.entry("UNKNOWN", 1L));
        assertThat(stored.quality().byAssertionMethod()).containsExactly(Map.entry("toHaveURL", 2L));
        assertThat(stored.quality().insights()).containsExactly(
                "toHaveURL is the most fragile assertion: 2 of 2 failures that name one, in 1 test; assert what the"
                        + " page shows rather than its URL",
                "2 failures on URL assertions: assert visible content (toBeVisible, toContainText) rather than the URL",
                "2 failures on selectors: prefer role, label or test-id locators to CSS paths");
        assertThat(stored.warnings()).singleElement().satisfies(w -> {
            assertThat(w.subject().id()).isEqualTo(url.value());
            assertThat(w.recent()).isEqualTo(new DayCount(14, 4));
            assertThat(w.baseline()).isEqualTo(new DayCount(42, 0));
        });
        assertThat(figures.range("web-shop", DAY.minusDays(30), DAY)).extracting(f -> f.metrics().day())
                .containsExactly(DAY, DAY.minusDays(1));
        // recomputing the day replaced its day in the series instead of adding to it
        assertThat(figures.trends("web-shop", List.of(new TrendSubject(TrendSubject.Kind.TEST, url.value(), ""))))
                .singleElement().satisfies(t -> assertThat(t.series().on(DAY)).isEqualTo(new DayCount(2, 2)));
        assertThat(figures.projectRuns("web-shop")).get()
                .satisfies(series -> assertThat(series.on(DAY)).isEqualTo(new DayCount(2, 2)));
    }

    private void checkout(String runId, String startedAt, boolean withOdd) {
        String report = """
                <testsuite name="checkout" timestamp="%s" tests="4" failures="3">
                  <testcase classname="e2e.checkout" name="passes"/>
                  <testcase classname="e2e.checkout" name="url"><failure message="Error: expect(page).toHaveURL(expected) failed&#10;&#10;Expected: &quot;https://shop.test/done&quot;&#10;Received: &quot;https://shop.test/login&quot;"/></testcase>
                  <testcase classname="e2e.checkout" name="selector"><failure message="Unable to locate element: #pay"/></testcase>
                  %s
                </testsuite>
                """.formatted(startedAt, withOdd ? "<testcase classname=\"e2e.checkout\" name=\"odd\"><failure"
                + " message=\"zzz qqq\"/></testcase>" : "");
        var stored = loop.rawReports().put(new ReportMetadata(new RunKey("web-shop", runId, 1), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()),
                ReportContent.ofBytes(report.getBytes(StandardCharsets.UTF_8), runId));
        classifier.classify(ReportRef.of(stored.key()));
    }

    @Test
    void aQuarantineThatExpiredIsWrittenIntoTheTimelineOnce_andCountedInItsDay() {
        loop.clock.set(Instant.parse("2026-02-28T23:00:00Z"));
        classify("web-shop", "before", "2026-02-28T22:00:00", "Unable to locate element: #old");
        TestId test = loop.health().tests("web-shop", 10, Optional.empty()).items().get(0).health().test();
        HealthJudge judge = new HealthJudge(HealthSettings.defaults());
        StoredHealth stored = loop.health().find("web-shop", List.of(test)).get(test);
        Quarantine q = new Quarantine(Quarantine.Source.PERSON, "ana", "race in checkout",
                Instant.parse("2026-02-28T23:30:00Z"), Instant.parse("2026-03-01T12:00:00Z"));
        HealthUpdate quarantined = judge.quarantine(stored.health(), q);
        loop.health().write("web-shop", List.of(new HealthWrite(quarantined.health(), stored.version(),
                stored.label(), quarantined.changes())));
        loop.clock.set(Instant.parse("2026-03-02T02:00:00Z"));

        rollup.rollUp(DAY);
        rollup.rollUp(DAY);
        rollup.rollUp("web-shop", DAY);

        List<TimelineEntry> timeline = loop.health().timeline("web-shop", test);
        assertThat(timeline).filteredOn(e -> e.reason().contains("expired")).singleElement()
                .satisfies(e -> {
                    assertThat(e.at()).isEqualTo(q.expires());
                    assertThat(e.from()).isEqualTo(HealthState.QUARANTINED);
                });
        assertThat(loop.health().quarantined("web-shop")).isEmpty();
        assertThat(loop.health().find("web-shop", List.of(test)).get(test).health().quarantine()).isEmpty();
        assertThat(figures.find("web-shop", DAY).orElseThrow().metrics().transitions())
                .containsKey("quarantined -> " + loop.health().find("web-shop", List.of(test)).get(test).health()
                        .verdict().state().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void aQuarantineStillInForceIsLeftAlone() {
        loop.clock.set(Instant.parse("2026-02-28T23:00:00Z"));
        classify("web-shop", "before", "2026-02-28T22:00:00", "Unable to locate element: #old");
        TestId test = loop.health().tests("web-shop", 10, Optional.empty()).items().get(0).health().test();
        StoredHealth stored = loop.health().find("web-shop", List.of(test)).get(test);
        HealthUpdate quarantined = new HealthJudge(HealthSettings.defaults()).quarantine(stored.health(),
                new Quarantine(Quarantine.Source.PERSON, "ana", "race", Instant.parse("2026-02-28T23:30:00Z"),
                        Instant.parse("2026-03-14T12:00:00Z")));
        loop.health().write("web-shop", List.of(new HealthWrite(quarantined.health(), stored.version(),
                stored.label(), quarantined.changes())));
        loop.clock.set(Instant.parse("2026-03-02T02:00:00Z"));

        rollup.rollUp(DAY);

        assertThat(loop.health().quarantined("web-shop")).singleElement()
                .satisfies(e -> assertThat(e.quarantineAt(loop.clock.instant())).isPresent());
        assertThat(loop.health().timeline("web-shop", test)).noneMatch(e -> e.reason().contains("expired"));
    }

    private void classify(String project, String runId, String startedAt, String failure) {
        String report = """
                <testsuite name="s" timestamp="%s" tests="2" failures="1">
                  <testcase classname="e2e.%s" name="passes"/>
                  <testcase classname="e2e.%s" name="fails"><failure message="%s"/></testcase>
                </testsuite>
                """.formatted(startedAt, project, project, failure);
        var stored = loop.rawReports().put(new ReportMetadata(new RunKey(project, runId, 1), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()),
                ReportContent.ofBytes(report.getBytes(StandardCharsets.UTF_8), runId));
        classifier.classify(ReportRef.of(stored.key()));
    }
}
