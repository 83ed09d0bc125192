package dev.feedbackloop.rollup;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.text.Plural;
import dev.feedbackloop.fingerprint.Fingerprint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sentences of the quality analytics: where the day's failures concentrate, each said only when the data
 * carries it (a minimum count, and for rates a significance test), most telling first. The reference's three
 * category hints and its {@code toHaveURL} remark are kept; the rest are its better relatives.
 */
final class Insights {

    /** Fewest executions per side before failure rates by test type, prompt version or model are compared. */
    private static final int MIN_TRIALS = 20;
    /** Significance of a dimension value failing more often than the rest (Fisher, one-sided). */
    private static final double SIGNIFICANCE = 0.01;
    /** A scenario "dominates" from this share of the day's failures. */
    private static final double DOMINANT_SHARE = 0.25;
    /** The infrastructure remark from this share of the day's failures. */
    private static final double INFRA_SHARE = 0.3;

    private static final Map<Category, String> LABELS = new EnumMap<>(Map.ofEntries(
            Map.entry(Category.SELECTOR_ISSUE, "selectors"), Map.entry(Category.URL_MISMATCH, "URL assertions"),
            Map.entry(Category.NAVIGATION_FAIL, "navigation"), Map.entry(Category.NETWORK_MOCK_FAIL, "network mocks"),
            Map.entry(Category.FRAME_FAIL, "frames"), Map.entry(Category.API_ASSERTION_FAIL, "API assertions"),
            Map.entry(Category.ASSERTION_FAIL, "value assertions"), Map.entry(Category.TIMEOUT, "timeouts"),
            Map.entry(Category.BOT_BLOCK, "bot walls"), Map.entry(Category.AUTH_EXPIRED, "expired sessions"),
            Map.entry(Category.INFRA, "infrastructure"), Map.entry(Category.CODE_ERROR, "code errors"),
            Map.entry(Category.SNAPSHOT_BASELINE, "missing snapshot baselines"),
            Map.entry(Category.UNKNOWN, "unrecognised causes")));

    private Insights() {
    }

    static List<String> of(List<FailureOfDay> failures, List<TestOfDay> tests, List<FlakyCause> flaky) {
        List<String> insights = new ArrayList<>();
        flakyConcentration(flaky).ifPresent(insights::add);
        rateBy("test type", tests, TestOfDay::testType).ifPresent(insights::add);
        rateBy("prompt version", tests, TestOfDay::promptVersion).ifPresent(insights::add);
        rateBy("model", tests, TestOfDay::modelUsed).ifPresent(insights::add);
        dominantScenario(failures).ifPresent(insights::add);
        insights.addAll(fragileAssertions(failures));
        insights.addAll(categoryHints(failures));
        return insights;
    }

    /** "8 of 11 flaky tests fail on timeouts in checkout": when at least half the flaky tests share a cause. */
    static Optional<String> flakyConcentration(List<FlakyCause> flaky) {
        Map<Category, List<FlakyCause>> byCause = new EnumMap<>(Category.class);
        flaky.forEach(f -> f.cause().ifPresent(c -> byCause.computeIfAbsent(c, k -> new ArrayList<>()).add(f)));
        Optional<Map.Entry<Category, List<FlakyCause>>> top = byCause.entrySet().stream()
                .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()));
        if (top.isEmpty() || top.get().getValue().size() < 2 || top.get().getValue().size() * 2 < flaky.size()) {
            return Optional.empty();
        }
        List<FlakyCause> sharing = top.get().getValue();
        Map<String, Long> areas = QualityAnalytics.countBy(sharing, FlakyCause::area);
        String where = "";
        if (!areas.isEmpty()) {
            Map.Entry<String, Long> area = areas.entrySet().iterator().next();
            if (area.getValue() == sharing.size()) {
                where = " in " + area.getKey();
            } else if (area.getValue() >= 2 && area.getValue() * 3 >= sharing.size() * 2L) {
                where = " (" + area.getValue() + " of them in " + area.getKey() + ")";
            }
        }
        return Optional.of(sharing.size() + " of " + flaky.size() + " flaky tests fail on "
                + LABELS.get(top.get().getKey()) + where + ": one fix to that pattern treats most of the flakiness");
    }

    /**
     * "prompt version v3 fails 18% of its runs (27 of 150) against 4% for the others": the value whose failure rate
     * is most significantly above the rest's, when at least twice it.
     */
    static Optional<String> rateBy(String dimension, List<TestOfDay> tests,
                                   Function<TestOfDay, Optional<String>> key) {
        Map<String, DayCount> byValue = new HashMap<>();
        DayCount all = DayCount.NONE;
        for (TestOfDay t : tests) {
            Optional<String> value = key.apply(t);
            if (value.isPresent()) {
                byValue.merge(value.get(), t.count(), DayCount::plus);
                all = all.plus(t.count());
            }
        }
        String worst = null;
        double lowestP = SIGNIFICANCE;
        for (Map.Entry<String, DayCount> e : byValue.entrySet()) {
            DayCount one = e.getValue();
            DayCount rest = new DayCount(all.trials() - one.trials(), all.failures() - one.failures());
            if (one.trials() >= MIN_TRIALS && rest.trials() >= MIN_TRIALS && one.rate() >= 2 * rest.rate()) {
                double p = Hypergeometric.upperTail(one.failures(), one.trials(), rest.failures(), rest.trials());
                if (p < lowestP || p == lowestP && worst != null && e.getKey().compareTo(worst) < 0) {
                    lowestP = p;
                    worst = e.getKey();
                }
            }
        }
        if (worst == null) {
            return Optional.empty();
        }
        DayCount one = byValue.get(worst);
        DayCount rest = new DayCount(all.trials() - one.trials(), all.failures() - one.failures());
        return Optional.of(String.format(Locale.ROOT, "%s %s fails %.0f%% of its runs (%d of %d) against %.0f%%"
                        + " for the others (p = %.2g)", dimension, worst, one.rate() * 100, one.failures(),
                one.trials(), rest.rate() * 100, lowestP));
    }

    /** "one root cause accounts for 12 of 30 failures across 7 tests": worth fixing first. */
    static Optional<String> dominantScenario(List<FailureOfDay> failures) {
        Map<Fingerprint, List<FailureOfDay>> byScenario = new HashMap<>();
        failures.forEach(f -> f.scenario().ifPresent(s -> byScenario.computeIfAbsent(s, k -> new ArrayList<>())
                .add(f)));
        return byScenario.entrySet().stream()
                .max((a, b) -> a.getValue().size() != b.getValue().size()
                        ? Integer.compare(a.getValue().size(), b.getValue().size())
                        : b.getKey().value().compareTo(a.getKey().value()))
                .filter(e -> e.getValue().size() >= 3 && e.getValue().size() >= DOMINANT_SHARE * failures.size())
                .filter(e -> distinctTests(e.getValue()) >= 2)
                .map(e -> "one root cause (scenario " + e.getKey() + e.getValue().get(0).category()
                        .map(c -> ", " + LABELS.get(c)).orElse("") + ") accounts for " + e.getValue().size() + " of "
                        + failures.size() + " failures across " + distinctTests(e.getValue())
                        + " tests: fixing it once fixes them all");
    }

    /** "toHaveURL is the most fragile assertion: 5 of 9 failures that name one, in 4 tests". */
    static List<String> fragileAssertions(List<FailureOfDay> failures) {
        Map<String, Long> methods = QualityAnalytics.countBy(failures, FailureOfDay::assertionMethod);
        List<String> found = new ArrayList<>();
        if (methods.isEmpty()) {
            return found;
        }
        long named = methods.values().stream().mapToLong(Long::longValue).sum();
        Map.Entry<String, Long> top = methods.entrySet().iterator().next();
        boolean urlTop = top.getKey().equals("toHaveURL");
        if (top.getValue() >= 2) {
            found.add(top.getKey() + " is the most fragile assertion: " + top.getValue() + " of " + named
                    + " failures that name one, in " + Plural.of(distinctTests(failures.stream()
                    .filter(f -> f.assertionMethod().equals(Optional.of(top.getKey()))).toList()), "test")
                    + (urlTop ? "; assert what the page shows rather than its URL" : ""));
        }
        Long url = methods.get("toHaveURL");
        if (url != null && !(urlTop && top.getValue() >= 2)) {
            found.add("toHaveURL is a fragile assertion (" + url + " failure" + (url == 1 ? "" : "s")
                    + "): assert what the page shows rather than its URL");
        }
        return found;
    }

    /** The reference's hints per root cause, and a warning when infrastructure causes many failures. */
    static List<String> categoryHints(List<FailureOfDay> failures) {
        Map<Category, Long> counts = new EnumMap<>(Category.class);
        failures.forEach(f -> counts.merge(f.category().orElse(Category.UNKNOWN), 1L, Long::sum));
        List<String> hints = new ArrayList<>();
        long url = counts.getOrDefault(Category.URL_MISMATCH, 0L);
        if (url > 0) {
            hints.add(url + " failure" + plural(url) + " on URL assertions: assert visible content (toBeVisible,"
                    + " toContainText) rather than the URL");
        }
        long selectors = counts.getOrDefault(Category.SELECTOR_ISSUE, 0L);
        if (selectors > 0) {
            hints.add(selectors + " failure" + plural(selectors) + " on selectors: prefer role, label or test-id"
                    + " locators to CSS paths");
        }
        long timeouts = counts.getOrDefault(Category.TIMEOUT, 0L);
        if (timeouts > 0) {
            hints.add(timeouts + " timeout" + plural(timeouts) + ": wait for a visible result rather than"
                    + " networkidle or fixed sleeps, and look for slow pages");
        }
        long infra = counts.getOrDefault(Category.INFRA, 0L);
        if (infra >= 3 && infra >= INFRA_SHARE * failures.size()) {
            hints.add(String.format(Locale.ROOT, "%.0f%% of failures are infrastructure (browser, worker or a"
                    + " service down): look at the CI environment before the tests", 100.0 * infra / failures.size()));
        }
        return hints;
    }

    private static long distinctTests(List<FailureOfDay> failures) {
        Set<Object> tests = new HashSet<>();
        failures.forEach(f -> tests.add(f.test()));
        return tests.size();
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
