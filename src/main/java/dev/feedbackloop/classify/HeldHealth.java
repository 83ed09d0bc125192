package dev.feedbackloop.classify;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.FoldedHealthWrite;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.JudgedRun;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ReportTally;
import dev.feedbackloop.store.RunJudgement;
import dev.feedbackloop.store.RunVerdict;
import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TestEntry;
import dev.feedbackloop.store.TimelineEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The health store as the classify stage uses it: the store itself, or, while a history load {@link #hold}s it,
 * each test's health kept in memory from its first read on, and every write of it folded
 * ({@link FoldedHealthWrite}) and written once at {@link #release}. The health step runs the same code either way
 * (the same reads, the same judge, the same writes); only where its writes land differs. A test read once and written
 * after each of a hundred reports is then read once and written once, not a hundred times each.
 *
 * <p>What is held is what the store would give back ({@link HealthStore#asStored}), so that every judgement is made
 * from exactly the state the one-report-at-a-time path would read. Reads of the store other than a test's health
 * write what is held first, so they never see a stale test. Each run's report tallies and verdict are held too, from
 * the first read of its tallies on (the outage guard reads them across reports): a tally written twice a report and a
 * verdict written once a report are written once each, the tallies listed as the store lists them (by report id).
 *
 * <p>Holding is for one process loading a history, which the caller makes safe by writing the reports' completion
 * markers after {@link #release} ({@link ReportClassifier#hold}); the Lambda path never holds. Thread-safe.
 */
final class HeldHealth implements HealthStore {

    /**
     * A test's fold is written early once it holds this many timeline entries: one write of a test is one transaction
     * of at most 100 actions, and a test flapping for a long history must not outgrow it.
     */
    static final int MAX_HELD_CHANGES = 60;

    private final HealthStore store;
    /** By project, then test; empty unless holding. */
    private final Map<String, Map<TestId, Held>> held = new LinkedHashMap<>();
    /** Each run's tallies and verdict as the store will hold them; empty unless holding. */
    private final Map<RunKey, HeldRun> runs = new LinkedHashMap<>();
    private boolean holding;
    /** Whether the store holds nothing of a project's runs, so that its runs' tallies need not be read. */
    private Predicate<String> nothingStored = project -> false;

    /** One run's tallies (by report id, as the store lists them) and verdict, and what of them is not written. */
    private static final class HeldRun {
        private final Map<String, ReportTally> tallies = new TreeMap<>();
        private final Set<String> unwritten = new LinkedHashSet<>();
        private RunVerdict verdict;
        private Instant judgedAt;

        private HeldRun(List<ReportTally> stored) {
            stored.forEach(tally -> tallies.put(tally.reportId(), tally));
        }
    }

    /** One test's health as the store will hold it, and its writes not yet written (null: none). */
    private static final class Held {
        private StoredHealth current;
        private FoldedHealthWrite pending;

        private Held(StoredHealth current) {
            this.current = current;
        }
    }

    HeldHealth(HealthStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** From now on, keeps each test's health and writes in memory. */
    synchronized void hold() {
        hold(project -> false);
    }

    /**
     * From now on, keeps each test's health and writes in memory; a run of a project for which
     * {@code nothingStored} is true starts with no tallies instead of the store's (which has none to give).
     */
    synchronized void hold(Predicate<String> nothingStored) {
        if (holding) {
            throw new IllegalStateException("the health store is held already");
        }
        this.nothingStored = Objects.requireNonNull(nothingStored, "nothingStored");
        holding = true;
    }

    synchronized boolean holding() {
        return holding;
    }

    /**
     * Writes what is held, one folded write per test, and stops holding.
     *
     * @throws StoreConflictException when another writer changed a held test meanwhile (nothing of that test is
     *                                written; load again)
     */
    synchronized void release() {
        try {
            writeHeld();
        } finally {
            abandon();
        }
    }

    /** Stops holding and forgets what was held, unwritten (a load that failed half-way is loaded again). */
    synchronized void abandon() {
        holding = false;
        nothingStored = project -> false;
        held.clear();
        runs.clear();
    }

    @Override
    public synchronized Map<TestId, StoredHealth> find(String project, Collection<TestId> tests) {
        if (!holding) {
            return store.find(project, tests);
        }
        Map<TestId, Held> mine = held.computeIfAbsent(project, p -> new LinkedHashMap<>());
        List<TestId> unread = tests.stream().distinct().filter(test -> !mine.containsKey(test)).toList();
        if (!unread.isEmpty()) {
            store.find(project, unread).forEach((test, stored) -> mine.put(test, new Held(stored)));
        }
        Map<TestId, StoredHealth> found = new LinkedHashMap<>();
        for (TestId test : tests) {
            found.put(test, mine.get(test).current);
        }
        return found;
    }

    @Override
    public synchronized Set<TestId> write(String project, List<HealthWrite> writes) {
        if (!holding) {
            return store.write(project, writes);
        }
        Map<TestId, Held> mine = held.computeIfAbsent(project, p -> new LinkedHashMap<>());
        Set<TestId> retry = new LinkedHashSet<>();
        for (HealthWrite write : writes) {
            TestId test = write.health().test();
            Held entry = mine.get(test);
            if (entry == null || entry.current.version() != write.readVersion()) {
                retry.add(test); // not read through this store, or read before a write: read again, as the store says
                continue;
            }
            entry.pending = entry.pending == null ? FoldedHealthWrite.of(write) : entry.pending.then(write);
            entry.current = store.asStored(new StoredHealth(write.health(), write.readVersion() + 1, write.label()));
            if (entry.pending.changes().size() >= MAX_HELD_CHANGES) {
                writeFolds(project, List.of(entry));
            }
        }
        return retry;
    }

    @Override
    public Set<TestId> writeFolded(String project, List<FoldedHealthWrite> writes) {
        throw new UnsupportedOperationException("the classify stage writes a test's health one write at a time");
    }

    @Override
    public StoredHealth asStored(StoredHealth health) {
        return store.asStored(health);
    }

    @Override
    public synchronized Page<StoredHealth> tests(String project, int limit, Optional<String> cursor) {
        writeHeld();
        return store.tests(project, limit, cursor);
    }

    @Override
    public synchronized List<StoredHealth> withVerdict(String project, HealthState state) {
        writeHeld();
        return store.withVerdict(project, state);
    }

    @Override
    public synchronized List<TestEntry> quarantined(String project) {
        writeHeld();
        return store.quarantined(project);
    }

    @Override
    public synchronized List<TimelineEntry> timeline(String project, TestId test) {
        writeHeld();
        return store.timeline(project, test);
    }

    @Override
    public synchronized List<TimelineEntry> recentChanges(String project, TestId test, int limit) {
        writeHeld();
        return store.recentChanges(project, test, limit);
    }

    @Override
    public synchronized List<TimelineEntry> changesOn(String project, LocalDate day) {
        writeHeld();
        return store.changesOn(project, day);
    }

    @Override
    public synchronized void putTally(RunKey run, ReportTally tally) {
        if (!holding) {
            store.putTally(run, tally);
            return;
        }
        HeldRun kept = heldRun(run);
        kept.tallies.put(tally.reportId(), tally);
        kept.unwritten.add(tally.reportId());
    }

    @Override
    public synchronized List<ReportTally> tallies(RunKey run) {
        return holding ? List.copyOf(heldRun(run).tallies.values()) : store.tallies(run);
    }

    @Override
    public synchronized void putVerdict(RunKey run, RunVerdict verdict, Instant at) {
        if (!holding) {
            store.putVerdict(run, verdict, at);
            return;
        }
        HeldRun kept = heldRun(run);
        kept.verdict = verdict;
        kept.judgedAt = at;
    }

    @Override
    public synchronized Page<JudgedRun> judgedRunsBetween(String project, Instant from, Instant to, int limit,
                                                          Optional<String> cursor) {
        writeHeld();
        return store.judgedRunsBetween(project, from, to, limit, cursor);
    }

    private HeldRun heldRun(RunKey run) {
        return runs.computeIfAbsent(run, r -> new HeldRun(nothingStored.test(r.project()) ? List.of()
                : store.tallies(r)));
    }

    /**
     * Writes every held test's pending writes, then each run's tallies and verdict not written yet; what is held stays
     * held, written. The tallies and verdicts come after the tests' health and before the reports' completion
     * markers ({@link ReportClassifier#release}), so a load failing in between leaves those reports to be classified
     * again by the next load, which replaces each report's tally and the run's verdict.
     */
    private void writeHeld() {
        held.forEach((project, tests) -> writeFolds(project, tests.values().stream()
                .filter(test -> test.pending != null).toList()));
        List<RunJudgement> judgements = new ArrayList<>();
        runs.forEach((run, kept) -> {
            if (!kept.unwritten.isEmpty() || kept.verdict != null) {
                judgements.add(new RunJudgement(run, kept.unwritten.stream().map(kept.tallies::get).toList(),
                        Optional.ofNullable(kept.verdict), Optional.ofNullable(kept.judgedAt)
                        .filter(at -> kept.verdict != null)));
            }
        });
        if (judgements.isEmpty()) {
            return;
        }
        store.putJudgements(judgements); // together where the store can; if it fails, all stay held, unwritten
        runs.values().forEach(kept -> {
            kept.unwritten.clear();
            kept.verdict = null;
        });
    }

    private void writeFolds(String project, List<Held> tests) {
        if (tests.isEmpty()) {
            return;
        }
        Set<TestId> conflicted = store.writeFolded(project, tests.stream().map(test -> test.pending).toList());
        if (!conflicted.isEmpty()) {
            throw new StoreConflictException("WriteHealth", project + ": " + conflicted.size() + " tests held by a"
                    + " history load were written by another meanwhile, e.g. " + conflicted.iterator().next(), 1,
                    null);
        }
        tests.forEach(test -> test.pending = null);
    }
}
