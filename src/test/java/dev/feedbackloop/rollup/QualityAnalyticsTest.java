package dev.feedbackloop.rollup;

import static dev.feedbackloop.rollup.Failures.failure;
import static dev.feedbackloop.rollup.Failures.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.rootcause.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityAnalyticsTest {

    @Test
    void countsTheDaysFailuresByEveryDimensionMostFrequentFirst() {
        List<FailureOfDay> failures = List.of(
                failure(1).category(Category.TIMEOUT).type("e2e").prompt("v2").model("m-large").build(),
                failure(2).category(Category.TIMEOUT).type("e2e").prompt("v3").method("toBeVisible").build(),
                failure(3).category(Category.URL_MISMATCH).type("api").prompt("v3").method("toHaveURL").build(),
                failure(4).unanalysed().build());

        QualityAnalytics analytics = QualityAnalytics.of(failures, List.of(), List.of());

        assertThat(analytics.failures()).isEqualTo(4);
        assertThat(analytics.byCategory()).containsExactly(entry("TIMEOUT", 2), entry("UNKNOWN", 1),
                entry("URL_MISMATCH", 1));
        assertThat(analytics.byTestType()).containsExactly(entry("e2e", 2), entry("api", 1), entry("unknown", 1));
        assertThat(analytics.byPromptVersion()).containsExactly(entry("v3", 2), entry("unknown", 1), entry("v2", 1));
        assertThat(analytics.byModel()).containsExactly(entry("unknown", 3), entry("m-large", 1));
        assertThat(analytics.byAssertionMethod()).containsExactly(entry("toBeVisible", 1), entry("toHaveURL", 1));
    }

    @Test
    void failuresOfOutageRunsAreLeftOut() {
        List<FailureOfDay> failures = List.of(failure(1).build(),
                failure(2).category(Category.INFRA).outage().build(), failure(3).category(Category.INFRA).outage()
                        .build());

        QualityAnalytics analytics = QualityAnalytics.of(failures, List.of(), List.of());

        assertThat(analytics.failures()).isEqualTo(1);
        assertThat(analytics.byCategory()).containsOnlyKeys("ASSERTION_FAIL");
    }

    @Test
    void namesTheMostFragileAssertion() {
        List<FailureOfDay> failures = List.of(
                failure(1).category(Category.URL_MISMATCH).method("toHaveURL").build(),
                failure(2).category(Category.URL_MISMATCH).method("toHaveURL").build(),
                failure(3).category(Category.URL_MISMATCH).method("toHaveURL").build(),
                failure(4).method("toHaveText").build());

        List<String> insights = QualityAnalytics.of(failures, List.of(), List.of()).insights();

        assertThat(insights).contains("toHaveURL is the most fragile assertion: 3 of 4 failures that name one, in 3"
                + " tests; assert what the page shows rather than its URL");
        assertThat(insights).contains("3 failures on URL assertions: assert visible content (toBeVisible,"
                + " toContainText) rather than the URL");
    }

    @Test
    void keepsTheReferencesRemarkWhenToHaveUrlIsFragileButNotTheMost() {
        List<FailureOfDay> failures = List.of(failure(1).method("toHaveText").build(),
                failure(2).method("toHaveText").build(), failure(3).method("toHaveURL").build());

        List<String> insights = QualityAnalytics.of(failures, List.of(), List.of()).insights();

        assertThat(insights).contains("toHaveText is the most fragile assertion: 2 of 3 failures that name one, in 2"
                + " tests", "toHaveURL is a fragile assertion (1 failure): assert what the page shows rather than"
                + " its URL");
    }

    @Test
    void saysWhatMostFlakyTestsFailOnAndWhere() {
        List<FlakyCause> flaky = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            flaky.add(new FlakyCause(test(n), Optional.of(Category.TIMEOUT), Optional.of("checkout")));
        }
        flaky.add(new FlakyCause(test(9), Optional.of(Category.SELECTOR_ISSUE), Optional.of("search")));
        flaky.add(new FlakyCause(test(10), Optional.of(Category.NETWORK_MOCK_FAIL), Optional.empty()));
        flaky.add(new FlakyCause(test(11), Optional.empty(), Optional.of("checkout")));

        List<String> insights = QualityAnalytics.of(List.of(), List.of(), flaky).insights();

        assertThat(insights).containsExactly("8 of 11 flaky tests fail on timeouts in checkout: one fix to that"
                + " pattern treats most of the flakiness");
    }

    @Test
    void saysNothingOfFlakyCausesWhenNoneIsShared() {
        List<FlakyCause> flaky = List.of(
                new FlakyCause(test(1), Optional.of(Category.TIMEOUT), Optional.empty()),
                new FlakyCause(test(2), Optional.of(Category.SELECTOR_ISSUE), Optional.empty()),
                new FlakyCause(test(3), Optional.of(Category.INFRA), Optional.empty()));

        assertThat(QualityAnalytics.of(List.of(), List.of(), flaky).insights()).isEmpty();
    }

    @Test
    void namesAPromptVersionThatFailsClearlyMoreOften() {
        List<TestOfDay> tests = List.of(
                new TestOfDay(test(1), "a", new DayCount(150, 27), Optional.empty(), Optional.of("v3"),
                        Optional.empty()),
                new TestOfDay(test(2), "b", new DayCount(300, 12), Optional.empty(), Optional.of("v2"),
                        Optional.empty()),
                new TestOfDay(test(3), "c", new DayCount(50, 2), Optional.empty(), Optional.empty(),
                        Optional.empty()));

        List<String> insights = QualityAnalytics.of(List.of(), tests, List.of()).insights();

        assertThat(insights).singleElement().asString()
                .startsWith("prompt version v3 fails 18% of its runs (27 of 150) against 4% for the others (p = ");
    }

    @Test
    void aDifferenceWithinChanceIsNoInsight() {
        List<TestOfDay> tests = List.of(
                new TestOfDay(test(1), "a", new DayCount(40, 3), Optional.of("e2e"), Optional.empty(),
                        Optional.empty()),
                new TestOfDay(test(2), "b", new DayCount(40, 1), Optional.of("api"), Optional.empty(),
                        Optional.empty()));

        assertThat(QualityAnalytics.of(List.of(), tests, List.of()).insights()).isEmpty();
    }

    @Test
    void pointsAtAScenarioBehindManyFailures() {
        List<FailureOfDay> failures = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            failures.add(failure(n).category(Category.API_ASSERTION_FAIL).scenario("00000000000000aa").build());
        }
        for (int n = 5; n <= 10; n++) {
            failures.add(failure(n).scenario(String.format("%016x", n)).build());
        }

        List<String> insights = QualityAnalytics.of(failures, List.of(), List.of()).insights();

        assertThat(insights).containsExactly("one root cause (scenario 00000000000000aa, API assertions) accounts for"
                + " 4 of 10 failures across 4 tests: fixing it once fixes them all");
    }

    @Test
    void warnsWhenInfrastructureCausesManyFailures() {
        List<FailureOfDay> failures = List.of(failure(1).category(Category.INFRA).build(),
                failure(2).category(Category.INFRA).build(), failure(3).category(Category.INFRA).build(),
                failure(4).build());

        assertThat(QualityAnalytics.of(failures, List.of(), List.of()).insights()).containsExactly(
                "75% of failures are infrastructure (browser, worker or a service down): look at the CI environment"
                        + " before the tests");
    }

    private static java.util.Map.Entry<String, Long> entry(String key, long value) {
        return java.util.Map.entry(key, value);
    }
}
