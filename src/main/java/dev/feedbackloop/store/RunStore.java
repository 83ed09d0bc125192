package dev.feedbackloop.store;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
     * A project's runs whose run time is at or after {@code from} and before {@code to}, oldest first: what one day
     * brought, read at the cost of those runs alone (the nightly rollup's read).
     */
    Page<StoredRun> runsBetween(String project, Instant from, Instant to, int limit, Optional<String> cursor);

    /** Checks a time range {@code [from, to)}. */
    static void requireRange(Instant from, Instant to) {
        if (!java.util.Objects.requireNonNull(from, "from").isBefore(java.util.Objects.requireNonNull(to, "to"))) {
            throw new IllegalArgumentException("a time range must start before it ends, was " + from + " to " + to);
        }
    }

    /**
     * The run before {@code run} on the same branch: the latest run of the project on that branch whose time
     * ({@link StoredRun#runTime()}) is earlier, ties broken by attempt, then run id, as the runs' sort keys order them
     * (so another attempt of the same CI run counts as a run). For a run without a branch, the run before it among
     * all the project's runs. Runs recorded before the branch index existed are not found by branch.
     */
    Optional<StoredRun> previousRun(StoredRun run);

    /**
     * Adds one report's counts to the run and marks it complete, once per report: completing the same report again
     * changes nothing.
     *
     * @param reportId identity of the report within the run (its content hash)
     * @return whether the counts were added now (false: this report was already completed)
     */
    boolean completeRun(RunKey key, String reportId, RunCounts counts);

    /**
     * Completes several reports, leaving what {@link #completeRun} of each in turn leaves (a store may write them
     * together): what a history load does with the reports it held.
     *
     * @return how many were completed now (the others were completed before)
     */
    default int completeRuns(List<ReportCompletion> completions) {
        int completed = 0;
        for (ReportCompletion completion : completions) {
            if (completeRun(completion.run(), completion.reportId(), completion.counts())) {
                completed++;
            }
        }
        return completed;
    }

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

    /**
     * A run's flaky results only (failed, then passed on a retry), by test id. Results recorded before this index
     * existed are not found.
     */
    Page<ResultRecord> flakyResults(RunKey run, int limit, Optional<String> cursor);

    /** The results of {@code tests} in {@code run}, those that exist, in no particular order. */
    List<ResultRecord> resultsOf(StoredRun run, Collection<TestId> tests);

    /**
     * The results of several runs' tests: for each run given, those of its tests that exist, as {@link #resultsOf}
     * gives them, in as few requests as the store can (one {@link #resultsOf} per run unless it overrides this).
     */
    default Map<RunKey, List<ResultRecord>> resultsOfRuns(Map<StoredRun, ? extends Collection<TestId>> tests) {
        Map<RunKey, List<ResultRecord>> found = new LinkedHashMap<>();
        tests.forEach((run, ofRun) -> found.put(run.key(), resultsOf(run, ofRun)));
        return found;
    }

    /**
     * The test as its most recent stored result describes it (suite, name, file), for showing a test known by id;
     * empty once its results expired with the raw data.
     */
    Optional<TestCase> latestTestCase(String project, TestId test);

    /**
     * The runs stored under {@code keys}, by key; a key with no run is left out. What {@link #findRun} gives for
     * each key, in as few requests as the store can (one lookup per key unless it overrides this).
     */
    default Map<RunKey, StoredRun> findRuns(Collection<RunKey> keys) {
        Map<RunKey, StoredRun> found = new LinkedHashMap<>();
        new LinkedHashSet<>(keys).forEach(key -> findRun(key).ifPresent(run -> found.put(key, run)));
        return found;
    }

    /**
     * Each test's suite, name and file as {@link #latestTestCase} gives them, by test; a test with none stored is
     * left out. Only suite, name and file are promised (a store may answer from a record that keeps no more), in as
     * few requests as the store can (one lookup per test unless it overrides this).
     */
    default Map<TestId, TestCase> latestTestCases(String project, Collection<TestId> tests) {
        Map<TestId, TestCase> found = new LinkedHashMap<>();
        new LinkedHashSet<>(tests).forEach(test -> latestTestCase(project, test).ifPresent(t -> found.put(test, t)));
        return found;
    }
}
