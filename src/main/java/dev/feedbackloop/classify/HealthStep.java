package dev.feedbackloop.classify;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.Execution;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthUpdate;
import dev.feedbackloop.health.OutageGuard;
import dev.feedbackloop.health.OutageVerdict;
import dev.feedbackloop.health.RunTally;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.Classification;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ReportTally;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.RunVerdict;
import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TestLabel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The classify stage's health step: each test of a report gets its execution in the run applied to its stored health
 * ({@link HealthJudge#apply}), with the run judged by the outage guard over all the run's reports so far.
 *
 * <p><b>At least once, safely.</b> The judge is idempotent (the same execution again changes nothing, and nothing is
 * written), and every write is conditioned on the version it was computed from: a test another invocation wrote
 * meanwhile is read again and the execution re-applied, so concurrent reports of one project lose no update.
 *
 * <p><b>Shards.</b> Each report's tally is kept on its run, and the outage verdict is taken over their sum. When a
 * later report turns the run's verdict (the run is an outage after all, or no longer one), the executions of the
 * whole run are applied again from its stored results with the new flag: the judge replaces a run attempt's
 * execution, so this corrects what the earlier reports applied.
 */
public final class HealthStep {

    /** Tests read and written together: one BatchGetItem, a few transactions. */
    static final int CHUNK = 100;
    /** Rounds of re-reading tests whose write conflicted, before the report is failed (and retried whole). */
    static final int MAX_ROUNDS = 8;
    private static final int PAGE = 500;

    private final HealthStore store;
    private final RunStore runs;
    private final HealthJudge judge;
    private final OutageGuard guard;

    public HealthStep(HealthStore store, RunStore runs, HealthJudge judge) {
        this.store = Objects.requireNonNull(store, "store");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.guard = new OutageGuard(judge.settings());
    }

    /** One report's results as the health step needs them, gathered while the report is stored. */
    public final class ReportResults {

        private final StoredRun run;
        private final FailureClassifier classifier;
        private final Map<TestId, List<Observed>> observed = new LinkedHashMap<>();
        private final RunTally.Counter tally = new RunTally.Counter();

        private ReportResults(StoredRun run, FailureClassifier classifier) {
            this.run = run;
            this.classifier = Objects.requireNonNull(classifier, "classifier");
        }

        /**
         * Adds one redacted result with its classification (empty unless it is failing). The root cause of a pass on
         * retry is classified here from its failed attempt: it is a flaky test's "why".
         */
        public void add(TestId test, TestResult result, Optional<Classification> classification) {
            Optional<Classification> cause = result.status() == TestStatus.FLAKY && classification.isEmpty()
                    ? classifier.classifyLastFailure(result).map(c -> c.classification()) : classification;
            observed.computeIfAbsent(test, t -> new ArrayList<>(1)).add(new Observed(label(result),
                    result.status(), cause.map(Classification::category), cause.map(Classification::fingerprint)));
            tally.add(result.status(), cause.map(Classification::category));
        }

        RunTally tally() {
            return tally.tally();
        }
    }

    /**
     * A new collection of one report's results in {@code run}.
     *
     * @param classifier the project's classifier, for the failed attempt of a pass on retry
     */
    public ReportResults collect(StoredRun run, FailureClassifier classifier) {
        return new ReportResults(run, classifier);
    }

    /**
     * Applies one report's results to the health of its tests, and records the report's tally and the run's verdict.
     *
     * @param classifyMillis how long classifying the report took so far
     * @param regenerations  regeneration requests it queued
     * @return the run's outage verdict
     * @throws StoreConflictException when tests kept being written by others for {@link #MAX_ROUNDS} rounds
     */
    public OutageVerdict record(ReportResults results, String reportId, long classifyMillis, long regenerations,
                                Instant now) {
        StoredRun run = results.run;
        store.putTally(run.key(), new ReportTally(reportId, results.tally(), false, classifyMillis, regenerations));
        List<ReportTally> tallies = store.tallies(run.key());
        RunTally sum = tallies.stream().map(ReportTally::tally).reduce(RunTally::plus).orElseThrow();
        OutageVerdict verdict = guard.assess(sum);
        boolean turned = tallies.stream().anyMatch(t -> !t.reportId().equals(reportId)
                && t.appliedOutage() != verdict.outage());
        if (turned) {
            reapplyRun(run, verdict.outage());
            tallies.forEach(t -> store.putTally(run.key(), t.appliedWith(verdict.outage())));
        } else {
            Map<TestId, List<Execution>> executions = new LinkedHashMap<>();
            Map<TestId, TestLabel> labels = new LinkedHashMap<>();
            results.observed.forEach((test, list) -> list.forEach(o -> {
                executions.computeIfAbsent(test, t -> new ArrayList<>(1)).add(o.execution(test, run,
                        verdict.outage()));
                labels.put(test, o.label());
            }));
            apply(run.key().project(), executions, labels);
        }
        store.putTally(run.key(), new ReportTally(reportId, results.tally(), verdict.outage(), classifyMillis,
                regenerations));
        store.putVerdict(run.key(), new RunVerdict(verdict.outage(), verdict.reason(), tallies.size(),
                tallies.stream().mapToLong(t -> t.reportId().equals(reportId) ? classifyMillis : t.classifyMillis())
                        .sum(), tallies.stream().mapToLong(t -> t.reportId().equals(reportId) ? regenerations
                        : t.regenerations()).sum()), now);
        return verdict;
    }

    /** Applies every stored result of the run again with the run's new outage flag. */
    private void reapplyRun(StoredRun run, boolean outage) {
        Optional<String> cursor = Optional.empty();
        do {
            Page<ResultRecord> page = runs.results(run.key(), PAGE, cursor);
            Map<TestId, List<Execution>> executions = new LinkedHashMap<>();
            Map<TestId, TestLabel> labels = new LinkedHashMap<>();
            for (ResultRecord record : page.items()) {
                Observed o = new Observed(label(record.result()), record.result().status(), record.category(),
                        record.fingerprint());
                executions.computeIfAbsent(record.testId(), t -> new ArrayList<>(1)).add(o.execution(
                        record.testId(), run, outage));
                labels.put(record.testId(), o.label());
            }
            apply(run.key().project(), executions, labels);
            cursor = page.next();
        } while (cursor.isPresent());
    }

    /** Applies executions chunk by chunk: one read per chunk, a write for each test whose health changed. */
    private void apply(String project, Map<TestId, List<Execution>> executions, Map<TestId, TestLabel> labels) {
        List<TestId> tests = new ArrayList<>(executions.keySet());
        for (int from = 0; from < tests.size(); from += CHUNK) {
            Collection<TestId> pending = tests.subList(from, Math.min(tests.size(), from + CHUNK));
            for (int round = 1; !pending.isEmpty(); round++) {
                if (round > MAX_ROUNDS) {
                    throw new StoreConflictException("WriteHealth", project + ": " + pending.size() + " tests",
                            MAX_ROUNDS, null);
                }
                pending = applyOnce(project, pending, executions, labels);
            }
        }
    }

    private Set<TestId> applyOnce(String project, Collection<TestId> tests, Map<TestId, List<Execution>> executions,
                                  Map<TestId, TestLabel> labels) {
        List<HealthWrite> writes = new ArrayList<>();
        for (StoredHealth stored : store.find(project, tests).values()) {
            TestId test = stored.health().test();
            TestHealth health = stored.health();
            List<dev.feedbackloop.health.StateChange> changes = new ArrayList<>();
            boolean changed = false;
            for (Execution execution : executions.get(test)) {
                HealthUpdate update = judge.apply(health, execution);
                health = update.health();
                changes.addAll(update.changes());
                changed |= update.changed();
            }
            boolean relabelled = !stored.label().equals(Optional.ofNullable(labels.get(test)));
            if (changed || relabelled) {
                writes.add(new HealthWrite(health, stored.version(), Optional.ofNullable(labels.get(test)),
                        changes));
            }
        }
        return store.write(project, writes);
    }

    private static TestLabel label(TestResult result) {
        return new TestLabel(result.test().suite(), result.test().name(), result.test().file());
    }

    /** One result of a test in the report. */
    private record Observed(TestLabel label, TestStatus status, Optional<Category> category,
                            Optional<Fingerprint> fingerprint) {

        Execution execution(TestId test, StoredRun run, boolean outage) {
            return Execution.of(test, run.run(), run.runTime(), status, category, fingerprint, outage);
        }
    }
}
