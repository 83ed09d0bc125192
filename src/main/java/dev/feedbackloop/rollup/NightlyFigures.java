package dev.feedbackloop.rollup;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.model.RunKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the nightly figures of one project and day from {@link DayActivity}: the design's
 * {@code feedback_loop_metrics} row, the quality analytics and the early warnings, and the rolling series to keep
 * for tomorrow. Pure: its cost is that of the day's records and the subjects they touch, whatever the length of the
 * history (see {@code docs/test-health.md}).
 */
public final class NightlyFigures {

    /** How many root causes the row lists. */
    static final int TOP_CATEGORIES = 5;

    private final EarlyWarnings warnings;

    public NightlyFigures(HealthSettings settings) {
        this.warnings = new EarlyWarnings(Objects.requireNonNull(settings, "settings"));
    }

    public NightlyReport compute(DayActivity day) {
        Objects.requireNonNull(day, "day");
        List<FailureOfDay> counted = day.failures().stream().filter(f -> !f.outage()).toList();
        DailySeries projectRuns = day.projectRunsBefore()
                .orElseGet(() -> DailySeries.empty(day.day(), warnings.seriesLength()))
                .resized(warnings.seriesLength()).with(day.day(), projectRunCount(day.runs()));
        List<Trend> trends = new ArrayList<>(testTrends(day));
        trends.addAll(scenarioTrends(day, counted, projectRuns));
        return new NightlyReport(metrics(day, counted), QualityAnalytics.of(day.failures(), day.tests(),
                day.flakyTests()), warnings(day, trends, projectRuns), trends, projectRuns);
    }

    private FeedbackLoopMetrics metrics(DayActivity day, List<FailureOfDay> counted) {
        long analysed = day.failures().stream().filter(f -> f.category().isPresent()).count();
        long explained = day.failures().stream().filter(f -> f.category().filter(c -> c != Category.UNKNOWN)
                .isPresent()).count();
        long recoveries = day.stateChanges().stream().filter(NightlyFigures::isRecovery).count();
        long relapses = day.stateChanges().stream().filter(NightlyFigures::isRelapse).count();
        LoopWork work = day.work();
        OptionalDouble successRate = successRate(day.runs());
        OptionalDouble change = successRate.isPresent() && day.previousDay().isPresent()
                && day.previousDay().get().successRate().isPresent()
                ? OptionalDouble.of(round(successRate.getAsDouble()
                - day.previousDay().get().successRate().getAsDouble(), 4)) : OptionalDouble.empty();
        Map<String, Long> transitions = new TreeMap<>();
        day.stateChanges().forEach(c -> transitions.merge(c.transition(), 1L, Long::sum));
        return new FeedbackLoopMetrics(day.project(), day.day(), day.failures().size(), analysed,
                work.recommendations(), work.fixImplementationTimes().size(), change,
                work.analyses() == 0 ? OptionalLong.empty() : OptionalLong.of(work.analysisMillis() / work.analyses()),
                averageHours(work.fixImplementationTimes()), topCategories(counted),
                learningScore(day.failures().size(), analysed, explained, recoveries, relapses,
                        work.recommendations(), work.fixImplementationTimes().size()),
                day.runs().size(), day.runs().stream().filter(RunOfDay::outage).count(), successRate,
                day.countsBefore().after(day.stateChanges()), day.stateChanges().size(), transitions,
                day.computedAt());
    }

    /**
     * How well the loop learned from the day, 0..1: the weighted mean of the parts that the day defines, each 0..1:
     * <ul>
     *   <li>coverage, weight 0.35: failures analysed / failures (every failure should be understood);</li>
     *   <li>explanation, weight 0.25: analysed failures with a known root cause (not {@code UNKNOWN}) / analysed;</li>
     *   <li>recovery, weight 0.2: tests that recovered (to fixed, or from flaky or broken to healthy) / (those + tests
     *       that turned flaky or broken), over the day's verdict changes;</li>
     *   <li>action, weight 0.2: fixes implemented / recommendations generated, at most 1.</li>
     * </ul>
     * A part with nothing to divide is left out and the weights of the others renormalised; a day that defines none
     * has no score. Rounded to 3 decimals.
     */
    public static OptionalDouble learningScore(long failures, long analysed, long explained, long recoveries,
                                               long relapses, long recommendations, long fixes) {
        double weighted = 0;
        double weights = 0;
        double[][] parts = {
                {0.35, analysed, failures}, {0.25, explained, analysed},
                {0.2, recoveries, recoveries + relapses}, {0.2, Math.min(fixes, recommendations), recommendations}};
        for (double[] part : parts) {
            if (part[2] > 0) {
                weighted += part[0] * part[1] / part[2];
                weights += part[0];
            }
        }
        return weights == 0 ? OptionalDouble.empty() : OptionalDouble.of(round(weighted / weights, 3));
    }

    private static boolean isRecovery(StateChange c) {
        return !isQuarantineEvent(c) && (c.to() == HealthState.FIXED
                || c.from().troubled() && c.to() == HealthState.HEALTHY);
    }

    private static boolean isRelapse(StateChange c) {
        return !isQuarantineEvent(c) && c.to().troubled();
    }

    private static boolean isQuarantineEvent(StateChange c) {
        return c.from() == HealthState.QUARANTINED || c.to() == HealthState.QUARANTINED;
    }

    private static OptionalDouble successRate(List<RunOfDay> runs) {
        long ran = 0;
        long failed = 0;
        for (RunOfDay run : runs) {
            if (!run.outage()) {
                ran += run.ran();
                failed += run.failed();
            }
        }
        return ran == 0 ? OptionalDouble.empty() : OptionalDouble.of(round((double) (ran - failed) / ran, 4));
    }

    private static OptionalDouble averageHours(List<Duration> times) {
        return times.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(round(times.stream()
                .mapToLong(Duration::toSeconds).average().orElseThrow() / 3600.0, 2));
    }

    private static List<CategoryCount> topCategories(List<FailureOfDay> counted) {
        Map<Category, Long> counts = new EnumMap<>(Category.class);
        counted.forEach(f -> counts.merge(f.category().orElse(Category.UNKNOWN), 1L, Long::sum));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<Category, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CATEGORIES).map(e -> new CategoryCount(e.getKey(), e.getValue())).toList();
    }

    private static DayCount projectRunCount(List<RunOfDay> runs) {
        long counted = runs.stream().filter(r -> !r.outage()).count();
        long failing = runs.stream().filter(r -> !r.outage() && r.failed() > 0).count();
        return new DayCount(counted, failing);
    }

    private List<Trend> testTrends(DayActivity day) {
        Map<String, Trend> before = byId(day.trendsBefore(), TrendSubject.Kind.TEST);
        List<Trend> trends = new ArrayList<>();
        for (TestOfDay test : day.tests()) {
            Trend old = before.get(test.test().value());
            trends.add(new Trend(new TrendSubject(TrendSubject.Kind.TEST, test.test().value(), test.label()),
                    series(old, day).with(day.day(), test.count())));
        }
        return trends;
    }

    private List<Trend> scenarioTrends(DayActivity day, List<FailureOfDay> counted, DailySeries projectRuns) {
        Map<String, Trend> before = byId(day.trendsBefore(), TrendSubject.Kind.SCENARIO);
        Map<Fingerprint, Set<RunKey>> runsByScenario = new LinkedHashMap<>();
        Map<Fingerprint, Category> categories = new HashMap<>();
        for (FailureOfDay f : counted) {
            f.scenario().ifPresent(s -> {
                runsByScenario.computeIfAbsent(s, k -> new HashSet<>()).add(f.run());
                f.category().ifPresent(c -> categories.putIfAbsent(s, c));
            });
        }
        long runs = projectRuns.on(day.day()).trials();
        List<Trend> trends = new ArrayList<>();
        runsByScenario.forEach((scenario, inRuns) -> {
            Trend old = before.get(scenario.value());
            String label = old != null ? old.subject().label() : scenario.value()
                    + Optional.ofNullable(categories.get(scenario)).map(c -> " (" + c + ")").orElse("");
            trends.add(new Trend(new TrendSubject(TrendSubject.Kind.SCENARIO, scenario.value(), label),
                    series(old, day).with(day.day(), new DayCount(runs, Math.min(runs, inRuns.size())))));
        });
        return trends;
    }

    private List<EarlyWarning> warnings(DayActivity day, List<Trend> trends, DailySeries projectRuns) {
        Set<String> broken = new HashSet<>();
        day.brokenTests().forEach(t -> broken.add(t.value()));
        List<EarlyWarning> found = new ArrayList<>();
        for (Trend trend : trends) {
            if (trend.subject().kind() == TrendSubject.Kind.TEST) {
                if (!broken.contains(trend.subject().id())) {
                    warnings.assess(trend, day.day()).ifPresent(found::add);
                }
            } else {
                warnings.assess(new Trend(trend.subject(), trend.series().againstTrialsOf(projectRuns)), day.day())
                        .ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparingDouble(EarlyWarning::pValue).thenComparing(w -> w.subject().id()));
        return found;
    }

    private DailySeries series(Trend old, DayActivity day) {
        return old == null ? DailySeries.empty(day.day(), warnings.seriesLength())
                : old.series().resized(warnings.seriesLength());
    }

    private static Map<String, Trend> byId(List<Trend> trends, TrendSubject.Kind kind) {
        Map<String, Trend> byId = new HashMap<>();
        trends.stream().filter(t -> t.subject().kind() == kind).forEach(t -> byId.put(t.subject().id(), t));
        return byId;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
