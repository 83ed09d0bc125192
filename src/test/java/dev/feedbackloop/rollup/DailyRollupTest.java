package dev.feedbackloop.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.dynamodb.DynamoFiguresStore;
import dev.feedbackloop.adapter.dynamodb.DynamoMetricsStore;
import dev.feedbackloop.classify.ReportClassifier;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.testing.LoopFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
