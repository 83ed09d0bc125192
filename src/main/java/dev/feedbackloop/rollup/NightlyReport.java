package dev.feedbackloop.rollup;

import java.util.List;
import java.util.Objects;

/**
 * What the nightly rollup of one project and day produces, for the storage adapter to keep.
 *
 * @param metrics     the day's {@code feedback_loop_metrics} row
 * @param quality     the day's quality analytics
 * @param warnings    tests and scenarios whose failure rate rose clearly, most significant first
 * @param trends      the updated series of the day's tests and scenarios, to store in place of the old ones
 * @param projectRuns the updated series of the project's runs
 */
public record NightlyReport(FeedbackLoopMetrics metrics, QualityAnalytics quality, List<EarlyWarning> warnings,
                            List<Trend> trends, DailySeries projectRuns) {

    public NightlyReport {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(quality, "quality");
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        trends = List.copyOf(Objects.requireNonNull(trends, "trends"));
        Objects.requireNonNull(projectRuns, "projectRuns");
    }
}
