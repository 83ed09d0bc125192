package dev.feedbackloop.store;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.Optional;

/** Runs, their per-test results, and each test's history. */
public interface RunStore {

    /**
     * Records a run unless it is already recorded.
     *
     * @param run        the run
     * @param recordedAt now
     * @return the stored run: the new one, or the one recorded earlier (whose time the results must be keyed by)
     */
    StoredRun putRun(Run run, Instant recordedAt);

    /** The run, if recorded. */
    Optional<StoredRun> findRun(RunKey key);

    /** Projects that ever recorded a run, by name: the registry the daily rollup walks (no Scan). */
    Page<String> listProjects(int limit, Optional<String> cursor);

    /** A project's runs, newest first (by {@link StoredRun#runTime()}). */
    Page<StoredRun> listRuns(String project, int limit, Optional<String> cursor);

    /**
     * Adds one report's counts to the run and marks it complete, once per report: completing the same report again
     * changes nothing.
     *
     * @param reportId identity of the report within the run (its content hash)
     * @return whether the counts were added now (false: this report was already completed)
     */
    boolean completeRun(RunKey key, String reportId, RunCounts counts);

    /**
     * Whether {@link #completeRun} was done for this report, so that an ingest can skip a late redelivery of a report
     * it stored completely (occurrence markers expire with the raw data; report markers do not).
     */
    boolean reportCompleted(RunKey key, String reportId);

    /** A writer for the results of {@code run}; close it to flush. */
    ResultWriter openResults(StoredRun run);

    /** Writes results in batches. */
    default void putResults(StoredRun run, Iterable<ResultRecord> results) {
        try (ResultWriter writer = openResults(run)) {
            results.forEach(writer::add);
        }
    }

    /** How a test went, newest run first. */
    Page<HistoryEntry> history(String project, TestId test, int limit, Optional<String> cursor);

    /** A run's results, by test id. */
    Page<ResultRecord> results(RunKey run, int limit, Optional<String> cursor);

    /** A run's failed and errored results only, by test id (flaky results are not failing). */
    Page<ResultRecord> failingResults(RunKey run, int limit, Optional<String> cursor);
}
