package dev.feedbackloop.store;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each test's health, its timeline, and the per-report tallies that decide whether a run was an outage. Every write
 * is idempotent or version-conditioned (see docs/STORAGE.md), so a report delivered twice, or two reports of one
 * project classified at once, leave what one careful pass leaves.
 */
public interface HealthStore {

    /**
     * The stored health of each test, read consistently; a test never stored maps to {@link StoredHealth#unseen}.
     */
    Map<TestId, StoredHealth> find(String project, Collection<TestId> tests);

    /**
     * Writes each test's new health on condition that the store still holds the version it was computed from,
     * together with its timeline entries (keyed by test, time and transition, so a retried write lands on the same
     * keys) and its place in the project's lists (by verdict, quarantined). A test whose write did not happen, because
     * its version moved or a concurrent write got in the way, has nothing of it written.
     *
     * @return the tests to read again and re-apply (empty when everything was written)
     */
    Set<TestId> write(String project, List<HealthWrite> writes);

    /**
     * Writes each test's successive writes folded into one ({@link FoldedHealthWrite}), leaving what {@link #write}
     * of each in turn leaves, with the same all-or-nothing per test and the same condition: the store must still hold
     * the version the first of them was computed from.
     *
     * @return the tests none of whose fold was written (their version moved); empty when everything was written
     * @throws IllegalArgumentException when one test's fold has more timeline entries than one write takes
     */
    Set<TestId> writeFolded(String project, List<FoldedHealthWrite> writes);

    /**
     * What {@link #find} would give back after {@code health} was written: a store may keep less than it is given (a
     * long label cut short), and whoever keeps a test's health in memory across writes must judge from what the
     * store would hold. The health as it is, unless the store says otherwise.
     */
    default StoredHealth asStored(StoredHealth health) {
        return health;
    }

    /** The project's tests, by id. */
    Page<StoredHealth> tests(String project, int limit, Optional<String> cursor);

    /** The project's tests whose verdict is {@code state}: one of {@code FLAKY}, {@code BROKEN}, {@code FIXED}. */
    List<StoredHealth> withVerdict(String project, HealthState state);

    /**
     * The first {@code limit} of {@link #withVerdict(String, HealthState)}, in the same order: what a page that lists
     * a bounded number of tests reads, whatever the number of tests with that verdict.
     */
    default List<StoredHealth> withVerdict(String project, HealthState state, int limit) {
        return limit <= 0 ? List.of() : withVerdict(project, state).stream().limit(limit).toList();
    }

    /** How many of the project's tests have the verdict {@code state}, without reading them. */
    default long countWithVerdict(String project, HealthState state) {
        return withVerdict(project, state).size();
    }

    /**
     * The project's tests with a quarantine, by id, including quarantines expired but not yet expired in the
     * timeline ({@link TestEntry#quarantineAt} tells them apart).
     */
    List<TestEntry> quarantined(String project);

    /** One test's timeline, oldest first. */
    List<TimelineEntry> timeline(String project, TestId test);

    /**
     * One test's newest {@code limit} timeline entries, newest first: what a page shows beside the test, read in one
     * request however long the test's history (a store that can read a partition backwards should).
     */
    default List<TimelineEntry> recentChanges(String project, TestId test, int limit) {
        List<TimelineEntry> all = new java.util.ArrayList<>(timeline(project, test));
        java.util.Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(all.size(), Page.requireLimit(limit))));
    }

    /** The project's timeline entries of one UTC day (by their time), oldest first: the nightly rollup's index. */
    List<TimelineEntry> changesOn(String project, LocalDate day);

    /** Records one report's tally within its run (writing the same report again replaces it). */
    void putTally(RunKey run, ReportTally tally);

    /** The tallies of a run's reports so far, read consistently. */
    List<ReportTally> tallies(RunKey run);

    /** Keeps the health step's verdict on the run (replacing an earlier one). */
    void putVerdict(RunKey run, RunVerdict verdict, Instant at);

    /**
     * Writes each run's tallies and verdict, leaving what {@link #putTally} of each tally and then {@link #putVerdict}
     * leave (a store may write them together): what a history load held of its runs.
     */
    default void putJudgements(List<RunJudgement> judgements) {
        for (RunJudgement judgement : judgements) {
            judgement.tallies().forEach(tally -> putTally(judgement.run(), tally));
            judgement.verdict().ifPresent(verdict -> putVerdict(judgement.run(), verdict,
                    judgement.judgedAt().orElseThrow()));
        }
    }

    /**
     * A project's runs whose run time is at or after {@code from} and before {@code to}, oldest first, each with the
     * verdict kept on it: one Query over the day's runs, what the nightly figures read for outages and the loop's
     * analysis time.
     */
    Page<JudgedRun> judgedRunsBetween(String project, Instant from, Instant to, int limit, Optional<String> cursor);
}
