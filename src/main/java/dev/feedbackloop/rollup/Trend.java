package dev.feedbackloop.rollup;

import java.util.Objects;

/** One subject's rolling daily counts, as stored between nightly rollups. */
public record Trend(TrendSubject subject, DailySeries series) {

    public Trend {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(series, "series");
    }
}
