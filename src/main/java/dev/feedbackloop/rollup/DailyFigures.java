package dev.feedbackloop.rollup;

import java.util.List;
import java.util.Objects;

/**
 * What the nightly rollup keeps per project and UTC day beside the counts: the {@code feedback_loop_metrics} row,
 * the success metrics, the quality analytics with their insights, and the early warnings (most significant first).
 */
public record DailyFigures(FeedbackLoopMetrics metrics, SuccessMetrics success, QualityAnalytics quality,
                           List<EarlyWarning> warnings) {

    public DailyFigures {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(success, "success");
        Objects.requireNonNull(quality, "quality");
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }
}
