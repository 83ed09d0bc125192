package dev.feedbackloop.rollup;

import static dev.feedbackloop.rollup.Failures.PROJECT;
import static dev.feedbackloop.rollup.Failures.failure;
import static dev.feedbackloop.rollup.Failures.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NightlyFiguresTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");

    private final NightlyFigures figures = new NightlyFigures(HealthSettings.defaults());

    private static RunOfDay run(String id, long ran, long failed, boolean outage) {
        return new RunOfDay(new RunKey(PROJECT, id, 1), ran, failed, outage);
    }

    private static StateChange change(int test, HealthState from, HealthState to) {
        return new StateChange(PROJECT, test(test), NOW.minusSeconds(3600), from, to, "because", List.of(),
                Optional.empty(), Optional.empty());
    }

    private static DayActivity day(List<RunOfDay> runs, List<FailureOfDay> failures, List<TestOfDay> tests,
                                   List<StateChange> changes, LoopWork work, Optional<FeedbackLoopMetrics> previous,
                                   List<Trend> trends, Set<TestId> broken) {
        return new DayActivity(PROJECT, DAY, NOW, runs, failures, tests, changes, new StateCounts(3, 1, 0, 1),
                List.of(), broken, trends, Optional.empty(), work, previous);
    }

    @Test
    void computesTheDesignsRowForTheDay() {
        List<RunOfDay> runs = List.of(run("r1", 100, 4, false), run("r2", 100, 6, false), run("r3", 100, 95, true));
        List<FailureOfDay> failures = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            failures.add(failure(n).run(n <= 4 ? "r1" : "r2").category(n <= 6 ? Category.TIMEOUT
                    : Category.SELECTOR_ISSUE).build());
        }
        failures.add(failure(11).run("r2").unanalysed().build());
        failures.add(failure(12).run("r3").category(Category.INFRA).outage().build());
        List<StateChange> changes = List.of(change(1, HealthState.HEALTHY, HealthState.FLAKY),
                change(2, HealthState.BROKEN, HealthState.HEALTHY), change(3, HealthState.FLAKY,
                        HealthState.QUARANTINED));
        LoopWork work = new LoopWork(3, 4_500, 2, List.of(Duration.ofHours(5), Duration.ofHours(7)));

        FeedbackLoopMetrics row = figures.compute(day(runs, failures, List.of(), changes, work, Optional.empty(),
                List.of(), Set.of())).metrics();

        assertThat(row.totalFailures()).isEqualTo(12);
        assertThat(row.analysedFailures()).isEqualTo(11);
        assertThat(row.generatedRecommendations()).isEqualTo(2);
        assertThat(row.implementedFixes()).isEqualTo(2);
        assertThat(row.averageAnalysisMillis()).isEqualTo(OptionalLong.of(1_500));
        assertThat(row.averageFixImplementationHours()).isEqualTo(OptionalDouble.of(6.0));
        assertThat(row.topFailureCategories()).containsExactly(new CategoryCount(Category.TIMEOUT, 6),
                new CategoryCount(Category.SELECTOR_ISSUE, 4), new CategoryCount(Category.UNKNOWN, 1));
        assertThat(row.runs()).isEqualTo(3);
        assertThat(row.outageRuns()).isEqualTo(1);
        assertThat(row.successRate()).isEqualTo(OptionalDouble.of(0.95));
        assertThat(row.successRateChange()).isEmpty();
        assertThat(row.tests()).isEqualTo(new StateCounts(4, 0, 0, 2));
        assertThat(row.stateChanges()).isEqualTo(3);
        assertThat(row.transitions()).containsEntry("healthy -> flaky", 1L).containsEntry("broken -> healthy", 1L);
        // coverage 11/12, explained 11/11, recovery 1/2, action 2/2
        assertThat(row.systemLearningScore()).isEqualTo(NightlyFigures.learningScore(12, 11, 11, 1, 1, 2, 2));
        assertThat(row.systemLearningScore().getAsDouble()).isEqualTo(0.871);
    }

    @Test
    void theSuccessRateChangeIsAgainstThePreviousDay() {
        FeedbackLoopMetrics yesterday = figures.compute(new DayActivity(PROJECT, DAY.minusDays(1), NOW,
                List.of(run("r0", 100, 10, false)), List.of(), List.of(), List.of(), StateCounts.NONE, List.of(),
                Set.of(), List.of(), Optional.empty(), LoopWork.NONE, Optional.empty())).metrics();

        FeedbackLoopMetrics today = figures.compute(day(List.of(run("r1", 100, 4, false)), List.of(), List.of(),
                List.of(), LoopWork.NONE, Optional.of(yesterday), List.of(), Set.of())).metrics();

        assertThat(today.successRateChange()).isEqualTo(OptionalDouble.of(0.06));
    }

    @Test
    void fixTimeIsEmptyUntilFixesAreTracked() {
        FeedbackLoopMetrics row = figures.compute(day(List.of(), List.of(), List.of(), List.of(), LoopWork.NONE,
                Optional.empty(), List.of(), Set.of())).metrics();

        assertThat(row.averageFixImplementationHours()).isEmpty();
        assertThat(row.averageAnalysisMillis()).isEmpty();
        assertThat(row.systemLearningScore()).isEmpty();
        assertThat(row.successRate()).isEmpty();
    }

    static Stream<Arguments> learningScores() {
        return Stream.of(
                Arguments.of("everything analysed, explained, recovered and acted on", 10, 10, 10, 2, 0, 4, 4, 1.0),
                Arguments.of("only failures, none analysed", 10, 0, 0, 0, 0, 0, 0, 0.0),
                Arguments.of("half analysed, all of those explained", 10, 5, 5, 0, 0, 0, 0, 0.708),
                Arguments.of("no failures, one recovery", 0, 0, 0, 1, 0, 0, 0, 1.0),
                Arguments.of("more fixes than recommendations count as all", 0, 0, 0, 0, 0, 2, 5, 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("learningScores")
    void learningScoreFollowsItsFormula(String name, long failures, long analysed, long explained, long recoveries,
                                        long relapses, long recommendations, long fixes, double expected) {
        assertThat(NightlyFigures.learningScore(failures, analysed, explained, recoveries, relapses, recommendations,
                fixes)).isEqualTo(OptionalDouble.of(expected));
    }

    @Test
    void warnsOfARisingTestUnlessItIsAlreadyBroken() {
        TestId rising = test(1);
        TestId broken = test(2);
        List<Trend> before = List.of(risingTrend(rising), risingTrend(broken));
        List<TestOfDay> today = List.of(new TestOfDay(rising, "Suite test 1", new DayCount(3, 2), Optional.empty(),
                Optional.empty(), Optional.empty()), new TestOfDay(broken, "Suite test 2", new DayCount(3, 2),
                Optional.empty(), Optional.empty(), Optional.empty()));

        NightlyReport report = figures.compute(day(List.of(run("r1", 2, 2, false)), List.of(), today, List.of(),
                LoopWork.NONE, Optional.empty(), before, Set.of(broken)));

        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.subject().id()).isEqualTo(rising.value());
            assertThat(w.recent()).isEqualTo(new DayCount(21, 6));
        });
        assertThat(report.trends()).hasSize(2).allSatisfy(t -> assertThat(t.series().on(DAY))
                .isEqualTo(new DayCount(3, 2)));
    }

    @Test
    void warnsOfAScenarioSeenInMoreOfTheProjectsRuns() {
        DailySeries runs = DailySeries.empty(DAY.minusDays(1), 28);
        DailySeries scenario = DailySeries.empty(DAY.minusDays(1), 28);
        for (int d = 1; d < 28; d++) {
            runs = runs.with(DAY.minusDays(d), new DayCount(4, 1));
            if (d < 7) {
                scenario = scenario.with(DAY.minusDays(d), new DayCount(4, 2));
            }
        }
        TrendSubject subject = new TrendSubject(TrendSubject.Kind.SCENARIO, "00000000000000aa", "checkout timeout");
        List<FailureOfDay> failures = List.of(failure(1).run("r1").scenario("00000000000000aa").build(),
                failure(1).run("r2").scenario("00000000000000aa").build());
        DayActivity activity = new DayActivity(PROJECT, DAY, NOW, List.of(run("r1", 10, 1, false),
                run("r2", 10, 1, false), run("r3", 10, 0, false), run("r4", 10, 10, true)), failures, List.of(),
                List.of(), StateCounts.NONE, List.of(), Set.of(), List.of(new Trend(subject, scenario)),
                Optional.of(runs), LoopWork.NONE, Optional.empty());

        NightlyReport report = figures.compute(activity);

        assertThat(report.projectRuns().on(DAY)).isEqualTo(new DayCount(3, 2));
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.subject().label()).isEqualTo("checkout timeout");
            assertThat(w.recent()).isEqualTo(new DayCount(27, 14));
            assertThat(w.baseline()).isEqualTo(new DayCount(84, 0));
        });
    }

    @Test
    void rollingUpADayAgainGivesTheSameFigures() {
        List<TestOfDay> today = List.of(new TestOfDay(test(1), "t", new DayCount(3, 1), Optional.empty(),
                Optional.empty(), Optional.empty()));
        DayActivity first = day(List.of(run("r1", 3, 1, false)), List.of(failure(1).scenario("00000000000000aa")
                .build()), today, List.of(), LoopWork.NONE, Optional.empty(), List.of(), Set.of());
        NightlyReport once = figures.compute(first);

        DayActivity again = new DayActivity(PROJECT, DAY, NOW, first.runs(), first.failures(), first.tests(),
                first.stateChanges(), first.countsBefore(), first.flakyTests(), first.brokenTests(), once.trends(),
                Optional.of(once.projectRuns()), first.work(), first.previousDay());

        assertThat(figures.compute(again)).isEqualTo(once);
    }

    @Test
    void stateCountsFollowTheDaysChangesAndQuarantinesSeparately() {
        StateCounts before = new StateCounts(2, 1, 0, 0);

        StateCounts after = before.after(List.of(change(1, HealthState.HEALTHY, HealthState.FLAKY),
                change(1, HealthState.FLAKY, HealthState.QUARANTINED), change(2, HealthState.BROKEN,
                        HealthState.HEALTHY), change(2, HealthState.HEALTHY, HealthState.FIXED),
                change(3, HealthState.QUARANTINED, HealthState.FLAKY)));

        assertThat(after).isEqualTo(new StateCounts(3, 0, 1, 0));
    }

    @Test
    void aDayOfAnotherProjectIsRejected() {
        assertThatThrownBy(() -> new DayActivity(PROJECT, DAY, NOW, List.of(new RunOfDay(new RunKey("other", "r1", 1),
                1, 0, false)), List.of(), List.of(), List.of(), StateCounts.NONE, List.of(), Set.of(), List.of(),
                Optional.empty(), LoopWork.NONE, Optional.empty()))
                .hasMessageContaining("run r1#1 belongs to project other, not shop");
    }

    /** Three runs a day; 1 failure in the 21 baseline days, 4 in the 6 recent days before {@code DAY}. */
    private static Trend risingTrend(TestId test) {
        DailySeries series = DailySeries.empty(DAY.minusDays(1), 28);
        for (int d = 1; d < 28; d++) {
            long failures = d < 7 ? (d <= 4 ? 1 : 0) : (d == 20 ? 1 : 0);
            series = series.with(DAY.minusDays(d), new DayCount(3, failures));
        }
        return new Trend(new TrendSubject(TrendSubject.Kind.TEST, test.value(), "t"), series);
    }
}
