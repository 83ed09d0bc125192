package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.scenario.ScenarioObservation;
import java.time.Instant;
import java.util.List;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Failure scenarios, the tests and runs they affect, and their analyses. */
public interface ScenarioStore {

    /**
     * Adds what one run saw to the scenarios of its project, creating scenarios seen for the first time. Each
     * (run, test) occurrence is counted exactly once, each test and each run once per scenario, however often this is
     * called for the same run (redeliveries, retries after a failure half-way, CI shards reporting separately).
     *
     * @param run          the run that saw them
     * @param seenAt       the run's time ({@link StoredRun#runTime()}), the scenarios' first/last seen
     * @param observations one per fingerprint; observations of the same fingerprint are merged
     * @throws StoreConflictException  when concurrent writers kept conflicting past the bounded retries
     * @throws StoreThrottledException when throttled past the bounded retries
     */
    OccurrenceOutcome recordOccurrences(RunKey run, Instant seenAt, List<ScenarioObservation> observations);

    /** The scenario, if it was ever seen. */
    Optional<Scenario> find(ScenarioKey key);

    /**
     * The scenarios among {@code keys} that were ever seen, by key (as {@link #find} of each; a store may read them
     * together).
     */
    default Map<ScenarioKey, Scenario> findAll(Collection<ScenarioKey> keys) {
        Map<ScenarioKey, Scenario> found = new LinkedHashMap<>();
        for (ScenarioKey key : keys) {
            find(key).ifPresent(scenario -> found.put(key, scenario));
        }
        return found;
    }

    /** A project's scenarios, most occurrences first. */
    Page<Scenario> mostFrequent(String project, int limit, Optional<String> cursor);

    /** A project's scenarios, most recently seen first. */
    Page<Scenario> recentlySeen(String project, int limit, Optional<String> cursor);

    /**
     * A project's scenarios last seen at or after {@code since}, least recently seen first: read at the cost of those
     * scenarios alone (the nightly rollup's read of a recent day).
     */
    Page<Scenario> seenSince(String project, Instant since, int limit, Optional<String> cursor);

    /** The tests a scenario affected, by test id. */
    Page<AffectedTest> affectedTests(ScenarioKey key, int limit, Optional<String> cursor);

    /**
     * The runs a scenario affected, most recent first (by run time). A run's link expires with the run's raw data
     * ({@code feedback.raw-ttl-days}), so old runs drop out of this listing while {@link Scenario#runsAffected()}
     * keeps counting them; links written before this listing existed are not in it either.
     */
    Page<AffectedRun> affectedRuns(ScenarioKey key, int limit, Optional<String> cursor);

    /** The scenarios a test failed with, by fingerprint. */
    Page<AffectedTest> scenariosOfTest(String project, TestId test, int limit, Optional<String> cursor);

    /**
     * Stores an analysis unless one with the same scenario, time and id is stored already.
     *
     * @return whether it was stored now
     */
    boolean putAnalysis(Analysis analysis);

    /**
     * Stores each analysis as {@link #putAnalysis} does (a store may write them together).
     *
     * @return how many were stored now
     */
    default int putAnalyses(List<Analysis> analyses) {
        int stored = 0;
        for (Analysis analysis : analyses) {
            if (putAnalysis(analysis)) {
                stored++;
            }
        }
        return stored;
    }

    /** A scenario's analyses, newest first. */
    Page<Analysis> analyses(ScenarioKey key, int limit, Optional<String> cursor);
}
