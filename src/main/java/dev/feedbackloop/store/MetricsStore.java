package dev.feedbackloop.store;

import java.time.LocalDate;
import java.util.List;

/** Daily metrics per project. */
public interface MetricsStore {

    /** Stores a day's metrics, replacing what was stored for that project and day (recomputing is idempotent). */
    void put(DailyMetrics metrics);

    /** A project's metrics from {@code from} to {@code to}, both included, newest first; days without any left out. */
    List<DailyMetrics> range(String project, LocalDate from, LocalDate to);
}
