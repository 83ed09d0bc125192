package dev.feedbackloop.rollup;

import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The design's {@code feedback_loop_metrics} row for one project and UTC day, plus the run and test-health figures
 * of the day. Computed by {@link NightlyFigures}; absent figures are empty, never zero by default.
 *
 * @param totalFailures                results that ended red in the day's runs (outage runs included)
 * @param analysedFailures             of those, the ones given a root cause
 * @param generatedRecommendations     recommendations generated that day
 * @param implementedFixes             fixes implemented that day
 * @param successRateChange            {@code successRate} minus the previous day's, in rate points (0.02 = two
 *                                     percentage points); empty without both
 * @param averageAnalysisMillis        mean time of the day's analyses; empty when none ran
 * @param averageFixImplementationHours mean hours from recommendation to implemented fix; empty until fixes are
 *                                     tracked (and on days without one)
 * @param topFailureCategories         the most frequent root causes outside outage runs, most frequent first
 * @param systemLearningScore          0..1, see {@link NightlyFigures#learningScore}; empty on a day with nothing
 *                                     to learn from
 * @param runs                         runs of the day
 * @param outageRuns                   of those, runs the outage guard flagged
 * @param successRate                  share of executions outside outage runs that did not end red; empty when none
 *                                     ran
 * @param tests                        flaky, broken, fixed and quarantined tests at the end of the day
 * @param stateChanges                 test health changes recorded that day
 * @param transitions                  those changes by kind ({@code healthy -> flaky}), sorted
 * @param computedAt                   when the row was computed
 */
public record FeedbackLoopMetrics(String project, LocalDate day, long totalFailures, long analysedFailures,
                                  long generatedRecommendations, long implementedFixes,
                                  OptionalDouble successRateChange, OptionalLong averageAnalysisMillis,
                                  OptionalDouble averageFixImplementationHours,
                                  List<CategoryCount> topFailureCategories, OptionalDouble systemLearningScore,
                                  long runs, long outageRuns, OptionalDouble successRate, StateCounts tests,
                                  long stateChanges, Map<String, Long> transitions, Instant computedAt) {

    public FeedbackLoopMetrics {
        RunKey.requireProjectKey(project);
        Objects.requireNonNull(day, "day");
        if (totalFailures < 0 || analysedFailures < 0 || analysedFailures > totalFailures
                || generatedRecommendations < 0 || implementedFixes < 0 || runs < 0 || outageRuns < 0
                || outageRuns > runs || stateChanges < 0) {
            throw new IllegalArgumentException("inconsistent metrics of " + project + " on " + day + ": "
                    + analysedFailures + " of " + totalFailures + " failures analysed, " + outageRuns + " of " + runs
                    + " runs outages, " + generatedRecommendations + " recommendations, " + implementedFixes
                    + " fixes, " + stateChanges + " state changes");
        }
        Objects.requireNonNull(successRateChange, "successRateChange");
        Objects.requireNonNull(averageAnalysisMillis, "averageAnalysisMillis");
        Objects.requireNonNull(averageFixImplementationHours, "averageFixImplementationHours");
        topFailureCategories = List.copyOf(Objects.requireNonNull(topFailureCategories, "topFailureCategories"));
        Objects.requireNonNull(systemLearningScore, "systemLearningScore");
        systemLearningScore.ifPresent(s -> {
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("system learning score must be within 0..1, was " + s);
            }
        });
        Objects.requireNonNull(successRate, "successRate");
        Objects.requireNonNull(tests, "tests");
        transitions = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(transitions,
                "transitions")));
        Objects.requireNonNull(computedAt, "computedAt");
    }
}
