package dev.feedbackloop.regenerate;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.scenario.ScenarioObservation;
import dev.feedbackloop.store.HistoryEntry;
import dev.feedbackloop.store.OccurrenceOutcome;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.ResultWriter;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stores the regenerate stage reads, as one history load's drain of the regeneration queue reads them: a load
 * queues several requests for one scenario and several per run (404 requests for about 100 scenarios in 100 runs of
 * 150 tests), and each request reads its run, its scenario and its fix analysis. While a drain lasts, nothing it reads
 * changes: regenerate writes no run and no scenario (only pending recommendations, proposed fixes and fix analyses),
 * and the load's one process is the store's only writer (as {@link dev.feedbackloop.classify.ReportClassifier#hold}
 * already requires). So each run and each scenario is read once a drain, and a fix analysis found or made finished is
 * not claimed again: its claim could only fail (a finished analysis is never released, so it exists), and a failed
 * claim answers what {@link FixAnalysisStore#find} answers, which is what is kept. Every request is still taken, its
 * pending recommendation recorded and its work looked up, in queue order, so what is stored is what draining without
 * these stores stores: the same first claimer of each analysis, the same recommendation. The results a batch of
 * requests will read may be read ahead, together ({@link RegenerationService#readAhead}): results are written by
 * classify only, never by the drain.
 *
 * <p>For one drain only: make new ones for the next (later reports change runs and scenarios). Never on Lambda,
 * where other invocations write meanwhile. Thread-safe.
 */
public final class LoadDrainStores {

    private LoadDrainStores() {
    }

    /** Runs read once a drain; everything else as the store does it. */
    public static RunStore runs(RunStore store) {
        return new Runs(store);
    }

    /** Scenarios read once a drain; everything else as the store does it. */
    public static ScenarioStore scenarios(ScenarioStore store) {
        return new Scenarios(store);
    }

    /** Finished fix analyses kept once found or made; everything else as the store does it. */
    public static FixAnalysisStore analyses(FixAnalysisStore store) {
        return new Analyses(store);
    }

    private static final class Runs implements RunStore {

        private final RunStore store;
        private final Map<RunKey, Optional<StoredRun>> found = new ConcurrentHashMap<>();
        /** Each run's tests whose result was read ahead ({@link #resultsOfRuns}): the result, or empty if none. */
        private final Map<RunKey, Map<TestId, Optional<ResultRecord>>> results = new ConcurrentHashMap<>();

        Runs(RunStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        @Override
        public Optional<StoredRun> findRun(RunKey key) {
            return found.computeIfAbsent(key, store::findRun);
        }

        /** The runs not read yet, in one call of the store. */
        @Override
        public synchronized Map<RunKey, StoredRun> findRuns(Collection<RunKey> keys) {
            List<RunKey> unread = keys.stream().distinct().filter(key -> !found.containsKey(key)).toList();
            if (!unread.isEmpty()) {
                Map<RunKey, StoredRun> read = store.findRuns(unread);
                unread.forEach(key -> found.put(key, Optional.ofNullable(read.get(key))));
            }
            Map<RunKey, StoredRun> answer = new LinkedHashMap<>();
            keys.forEach(key -> found.get(key).ifPresent(run -> answer.put(key, run)));
            return answer;
        }

        /** Read in one call of the store and kept: {@link #resultsOf} answers from them. */
        @Override
        public synchronized Map<RunKey, List<ResultRecord>> resultsOfRuns(
                Map<StoredRun, ? extends Collection<TestId>> tests) {
            Map<RunKey, List<ResultRecord>> read = store.resultsOfRuns(tests);
            tests.forEach((run, ofRun) -> {
                Map<TestId, Optional<ResultRecord>> kept = results.computeIfAbsent(run.key(),
                        k -> new ConcurrentHashMap<>());
                ofRun.forEach(test -> kept.put(test, Optional.empty()));
                read.getOrDefault(run.key(), List.of()).forEach(r -> kept.put(r.testId(), Optional.of(r)));
            });
            return read;
        }

        @Override
        public StoredRun putRun(Run run, Instant recordedAt) {
            found.remove(run.key());
            results.remove(run.key());
            return store.putRun(run, recordedAt);
        }

        @Override
        public Page<String> listProjects(int limit, Optional<String> cursor) {
            return store.listProjects(limit, cursor);
        }

        @Override
        public Page<StoredRun> listRuns(String project, int limit, Optional<String> cursor) {
            return store.listRuns(project, limit, cursor);
        }

        @Override
        public Page<StoredRun> runsBetween(String project, Instant from, Instant to, int limit,
                                           Optional<String> cursor) {
            return store.runsBetween(project, from, to, limit, cursor);
        }

        @Override
        public Optional<StoredRun> previousRun(StoredRun run) {
            return store.previousRun(run);
        }

        @Override
        public boolean completeRun(RunKey key, String reportId, RunCounts counts) {
            found.remove(key);
            return store.completeRun(key, reportId, counts);
        }

        @Override
        public boolean reportCompleted(RunKey key, String reportId) {
            return store.reportCompleted(key, reportId);
        }

        @Override
        public ResultWriter openResults(StoredRun run) {
            return store.openResults(run);
        }

        @Override
        public Page<HistoryEntry> history(String project, TestId test, int limit, Optional<String> cursor) {
            return store.history(project, test, limit, cursor);
        }

        @Override
        public Page<ResultRecord> results(RunKey run, int limit, Optional<String> cursor) {
            return store.results(run, limit, cursor);
        }

        @Override
        public Page<ResultRecord> failingResults(RunKey run, int limit, Optional<String> cursor) {
            return store.failingResults(run, limit, cursor);
        }

        @Override
        public Page<ResultRecord> flakyResults(RunKey run, int limit, Optional<String> cursor) {
            return store.flakyResults(run, limit, cursor);
        }

        /** From what was read ahead when it holds every test asked for; else from the store. */
        @Override
        public List<ResultRecord> resultsOf(StoredRun run, Collection<TestId> tests) {
            Map<TestId, Optional<ResultRecord>> kept = results.getOrDefault(run.key(), Map.of());
            if (!kept.keySet().containsAll(tests)) {
                return store.resultsOf(run, tests);
            }
            return tests.stream().distinct().map(kept::get).flatMap(Optional::stream).toList();
        }

        @Override
        public Optional<TestCase> latestTestCase(String project, TestId test) {
            return store.latestTestCase(project, test);
        }
    }

    private static final class Scenarios implements ScenarioStore {

        private final ScenarioStore store;
        private final Map<ScenarioKey, Optional<Scenario>> found = new ConcurrentHashMap<>();

        Scenarios(ScenarioStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        @Override
        public Optional<Scenario> find(ScenarioKey key) {
            return found.computeIfAbsent(key, store::find);
        }

        /** Those not read yet are read in one call of the store and kept, found or not: {@link #find} answers. */
        @Override
        public Map<ScenarioKey, Scenario> findAll(Collection<ScenarioKey> keys) {
            List<ScenarioKey> unread = keys.stream().distinct().filter(key -> !found.containsKey(key)).toList();
            if (!unread.isEmpty()) {
                Map<ScenarioKey, Scenario> read = store.findAll(unread);
                unread.forEach(key -> found.putIfAbsent(key, Optional.ofNullable(read.get(key))));
            }
            Map<ScenarioKey, Scenario> all = new LinkedHashMap<>();
            keys.forEach(key -> find(key).ifPresent(scenario -> all.put(key, scenario)));
            return all;
        }

        @Override
        public OccurrenceOutcome recordOccurrences(RunKey run, Instant seenAt, List<ScenarioObservation> observations) {
            found.clear();
            return store.recordOccurrences(run, seenAt, observations);
        }

        @Override
        public Page<Scenario> mostFrequent(String project, int limit, Optional<String> cursor) {
            return store.mostFrequent(project, limit, cursor);
        }

        @Override
        public Page<Scenario> recentlySeen(String project, int limit, Optional<String> cursor) {
            return store.recentlySeen(project, limit, cursor);
        }

        @Override
        public Page<Scenario> seenSince(String project, Instant since, int limit, Optional<String> cursor) {
            return store.seenSince(project, since, limit, cursor);
        }

        @Override
        public Page<AffectedTest> affectedTests(ScenarioKey key, int limit, Optional<String> cursor) {
            return store.affectedTests(key, limit, cursor);
        }

        @Override
        public Page<AffectedRun> affectedRuns(ScenarioKey key, int limit, Optional<String> cursor) {
            return store.affectedRuns(key, limit, cursor);
        }

        @Override
        public Page<AffectedTest> scenariosOfTest(String project, TestId test, int limit, Optional<String> cursor) {
            return store.scenariosOfTest(project, test, limit, cursor);
        }

        @Override
        public boolean putAnalysis(Analysis analysis) {
            return store.putAnalysis(analysis);
        }

        @Override
        public int putAnalyses(List<Analysis> analyses) {
            return store.putAnalyses(analyses);
        }

        @Override
        public Page<Analysis> analyses(ScenarioKey key, int limit, Optional<String> cursor) {
            return store.analyses(key, limit, cursor);
        }
    }

    private static final class Analyses implements FixAnalysisStore {

        private final FixAnalysisStore store;
        /** Analyses found finished: what a claim of them answers. */
        private final Map<AnalysisKey, FixAnalysis> finished = new ConcurrentHashMap<>();
        /** Analyses finished by this drain and not read since: a claim of them fails, so only the read is made. */
        private final Set<AnalysisKey> completed = ConcurrentHashMap.newKeySet();

        Analyses(FixAnalysisStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        @Override
        public Optional<FixAnalysis> claim(AnalysisKey key, String recommendationId, Instant at) {
            FixAnalysis known = finished.get(key);
            if (known != null) {
                return Optional.of(known);
            }
            Optional<FixAnalysis> existing = completed.contains(key) ? store.find(key) : Optional.empty();
            if (existing.isEmpty()) {
                existing = store.claim(key, recommendationId, at);
            }
            existing.filter(analysis -> analysis.recommendation().isPresent())
                    .ifPresent(analysis -> {
                        finished.put(key, analysis);
                        completed.remove(key);
                    });
            return existing;
        }

        @Override
        public void recordCall(AnalysisKey key, ModelCall call) {
            store.recordCall(key, call);
        }

        @Override
        public void complete(AnalysisKey key, FixRecommendation recommendation) {
            store.complete(key, recommendation);
            completed.add(key);
        }

        @Override
        public void release(AnalysisKey key) {
            store.release(key);
        }

        @Override
        public Optional<FixAnalysis> find(AnalysisKey key) {
            return store.find(key);
        }

        @Override
        public List<FixAnalysis> ofScenario(ScenarioKey scenario, int limit) {
            return store.ofScenario(scenario, limit);
        }
    }
}
