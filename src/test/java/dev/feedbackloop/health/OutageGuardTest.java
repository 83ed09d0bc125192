package dev.feedbackloop.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutageGuardTest {

    private final OutageGuard guard = new OutageGuard(HealthSettings.defaults());

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("80% of the tests failed", 150, 120, 0, true, "120 of 150 tests that ran failed (80%"),
                Arguments.of("79% failed", 100, 79, 0, false, "79 of 100 tests that ran failed"),
                Arguments.of("everything failed in a tiny run", 5, 5, 0, false, "5 of 5"),
                Arguments.of("ten tests, all failed", 10, 10, 0, true, "10 of 10"),
                Arguments.of("the few failures are all INFRA", 150, 4, 4, true, "4 of 4 failures were INFRA"),
                Arguments.of("most but not nearly all failures are INFRA", 150, 4, 3, false, "4 of 150"),
                Arguments.of("two INFRA failures are too few", 150, 2, 2, false, "2 of 150"),
                Arguments.of("nothing ran", 0, 0, 0, false, "0 of 0"),
                Arguments.of("a partial incident: a fifth of the suite failed, a third of it INFRA", 150, 30, 10,
                        true, "30 of 150 tests that ran failed (20%), 10 of them INFRA or NAVIGATION_FAIL (33%): a partial incident"),
                Arguments.of("a fifth of the suite failed with few INFRA errors: a regression, not an incident", 150,
                        30, 7, false, "30 of 150"),
                Arguments.of("a third INFRA among a few failures is no incident", 300, 29, 29 / 3 + 1, false,
                        "29 of 300"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void judgesARunFromItsTally(String name, long ran, long failed, long infra, boolean outage, String reason) {
        OutageVerdict verdict = guard.assess(new RunTally(ran, failed, Map.of(Category.INFRA, infra)));

        assertThat(verdict.outage()).isEqualTo(outage);
        assertThat(verdict.reason()).contains(reason);
    }

    @Test
    void aPartialIncidentSeenAsUnreachablePagesIsAnIncident() {
        // A network incident: a few tests see it as INFRA, most as a page or server they could not reach.
        RunTally run = new RunTally(139, 56, Map.of(Category.NAVIGATION_FAIL, 41L, Category.INFRA, 13L,
                Category.ASSERTION_FAIL, 2L));

        assertThat(guard.assess(run).outage()).isTrue();
        assertThat(guard.assess(run).reason()).contains("54 of them INFRA or NAVIGATION_FAIL (96%)");
    }

    @Test
    void correlatedEnvironmentFailuresInATenthOfTheSuiteAreAnIncident() {
        // One grid node of several went down: 15 of 150 tests could not reach the app or start a browser.
        RunTally gridNode = new RunTally(150, 17, Map.of(Category.NAVIGATION_FAIL, 9L, Category.INFRA, 6L,
                Category.TIMEOUT, 2L));
        // A normal run: a crashed tab, one flaky test's refused connection, a few other failures.
        RunTally normal = new RunTally(150, 6, Map.of(Category.NAVIGATION_FAIL, 1L, Category.INFRA, 1L,
                Category.TIMEOUT, 4L));
        // Five environment failures in a small suite are still below the share... and in a tiny one, too few.
        RunTally small = new RunTally(150, 5, Map.of(Category.NAVIGATION_FAIL, 5L));

        assertThat(guard.assess(gridNode).outage()).isTrue();
        assertThat(guard.assess(gridNode).reason()).contains("15 of 150 tests that ran failed with INFRA or "
                + "NAVIGATION_FAIL (10%): correlated environment failures");
        assertThat(guard.assess(normal).outage()).isFalse();
        assertThat(guard.assess(small).outage()).isFalse();
        assertThat(guard.assess(new RunTally(40, 4, Map.of(Category.NAVIGATION_FAIL, 4L))).outage()).isFalse();
        assertThat(guard.assess(new RunTally(40, 5, Map.of(Category.NAVIGATION_FAIL, 5L))).outage()).isTrue();
    }

    @Test
    void aRegressionFailingAFifthOfTheSuiteWithAssertionsIsJudged() {
        RunTally run = new RunTally(150, 40, Map.of(Category.ASSERTION_FAIL, 35L, Category.NAVIGATION_FAIL, 3L,
                Category.INFRA, 2L));

        assertThat(guard.assess(run).outage()).isFalse();
    }

    @Test
    void aBlipOverBeforeTheRetriesCountsItsPassesOnRetryAsFailures() {
        RunTally.Counter counter = new RunTally.Counter();
        for (int i = 0; i < 100; i++) {
            counter.add(i < 90 ? TestStatus.FLAKY : TestStatus.PASSED,
                    i < 90 ? Optional.of(Category.INFRA) : Optional.empty());
        }
        counter.add(TestStatus.SKIPPED, Optional.empty());
        counter.add(TestStatus.FAILED, Optional.empty());

        RunTally tally = counter.tally();

        assertThat(tally).isEqualTo(new RunTally(101, 91, Map.of(Category.INFRA, 90L, Category.UNKNOWN, 1L)));
        assertThat(guard.assess(tally).outage()).isTrue();
    }

    @Test
    void shardsOfARunAddUp() {
        RunTally first = new RunTally(10, 9, Map.of(Category.TIMEOUT, 9L));
        RunTally second = new RunTally(10, 7, Map.of(Category.TIMEOUT, 7L));

        assertThat(first.plus(second)).isEqualTo(new RunTally(20, 16, Map.of(Category.TIMEOUT, 16L)));
        assertThat(guard.assess(first.plus(second)).outage()).isTrue();
    }

    @Test
    void aTallyCannotHaveMoreFailuresThanTests() {
        assertThatThrownBy(() -> new RunTally(3, 4, Map.of())).hasMessageContaining("4 failed of 3 tests run");
    }

    @Test
    void theShareIsConfigurable() {
        OutageGuard strict = new OutageGuard(HealthSettings.defaults().toBuilder().outageFailureShare(0.5).build());

        assertThat(strict.assess(new RunTally(100, 50, Map.of())).outage()).isTrue();
    }
}
