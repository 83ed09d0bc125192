package dev.feedbackloop.rollup;

import dev.feedbackloop.rootcause.Category;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The day's failures broken down the way the seed reference's {@code buildQualityAnalytics} does (by root cause,
 * test type, prompt version, model and failed assertion method), with the insights a team can act on. Failures of
 * outage runs are left out: an outage's hundreds of {@code INFRA} failures would drown the day's real causes.
 *
 * @param failures          failures analysed here
 * @param byCategory        per root cause ({@code UNKNOWN} when not classified), most frequent first
 * @param byTestType        per test type ({@code unknown} when the report names none)
 * @param byPromptVersion   per generator prompt version ({@code unknown} when none)
 * @param byModel           per generator model ({@code unknown} when none)
 * @param byAssertionMethod per failed assertion method, for failures that name one
 * @param insights          what the figures suggest, most telling first
 */
public record QualityAnalytics(long failures, Map<String, Long> byCategory, Map<String, Long> byTestType,
                               Map<String, Long> byPromptVersion, Map<String, Long> byModel,
                               Map<String, Long> byAssertionMethod, List<String> insights) {

    static final String UNKNOWN = "unknown";

    public QualityAnalytics {
        byCategory = frozen(byCategory, "byCategory");
        byTestType = frozen(byTestType, "byTestType");
        byPromptVersion = frozen(byPromptVersion, "byPromptVersion");
        byModel = frozen(byModel, "byModel");
        byAssertionMethod = frozen(byAssertionMethod, "byAssertionMethod");
        insights = List.copyOf(Objects.requireNonNull(insights, "insights"));
    }

    /**
     * The analytics of the day's failures outside outage runs.
     *
     * @param failures the day's failures; those of outage runs are skipped
     * @param tests    the day's executions per test, the population failure rates are computed over
     * @param flaky    the tests flaky now, with their dominant root cause
     */
    public static QualityAnalytics of(List<FailureOfDay> failures, List<TestOfDay> tests, List<FlakyCause> flaky) {
        List<FailureOfDay> analysed = failures.stream().filter(f -> !f.outage()).toList();
        return new QualityAnalytics(analysed.size(),
                countBy(analysed, f -> Optional.of(f.category().orElse(Category.UNKNOWN).name())),
                countBy(analysed, f -> Optional.of(f.testType().orElse(UNKNOWN))),
                countBy(analysed, f -> Optional.of(f.promptVersion().orElse(UNKNOWN))),
                countBy(analysed, f -> Optional.of(f.modelUsed().orElse(UNKNOWN))),
                countBy(analysed, FailureOfDay::assertionMethod),
                Insights.of(analysed, tests, flaky));
    }

    /** Counts per key, most frequent first, ties by key. */
    static <T> Map<String, Long> countBy(List<T> items, Function<T, Optional<String>> key) {
        Map<String, Long> counts = new HashMap<>();
        items.forEach(item -> key.apply(item).ifPresent(k -> counts.merge(k, 1L, Long::sum)));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static Map<String, Long> frozen(Map<String, Long> counts, String name) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(counts, name)));
    }
}
