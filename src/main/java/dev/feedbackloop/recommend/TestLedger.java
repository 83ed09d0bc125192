package dev.feedbackloop.recommend;

import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recommendation's reproduction, validation and regression tests and what later runs said of them. Runs are counted
 * in run-time order and at most once: the ledger keeps the newest run it counted ({@code countedThrough}, by time
 * then {@code <runId>#<attempt>}), so a redelivered run, or one observed again by a later pass, changes nothing. A run
 * that reaches the ledger after a newer one was counted is not counted (the price of a bounded, idempotent record).
 *
 * @param tests          tracked tests, in the order they were opened
 * @param countedThrough the newest run counted, if any
 */
public record TestLedger(List<TrackedTest> tests, Optional<Mark> countedThrough) {

    public static final TestLedger EMPTY = new TestLedger(List.of(), Optional.empty());

    public TestLedger {
        tests = List.copyOf(Objects.requireNonNull(tests, "tests"));
        Objects.requireNonNull(countedThrough, "countedThrough");
    }

    /**
     * The ledger with the tests the recommendation's life asks for: a reproduction per test (every run of it counts
     * while its source is the failing one); a
     * validation per test from its implementation (standing for the source the run that implemented it had, when
     * known); a regression per test once verified. Adds only what is missing.
     */
    public TestLedger opened(Recommendation r) {
        List<TrackedTest> all = new ArrayList<>(tests);
        for (TestId test : r.tests()) {
            add(all, TrackedTest.start(TestRole.REPRODUCTION, test, Optional.empty(), Instant.EPOCH,
                    Optional.empty()));
        }
        Optional<Instant> implemented = r.implementedAt();
        if (implemented.isPresent()) {
            for (TestId test : r.tests()) {
                add(all, TrackedTest.start(TestRole.VALIDATION, test, Optional.empty(), implemented.get(),
                        r.implementedCommit()));
            }
        }
        Optional<Instant> verified = r.history().stream().filter(c -> c.to() == RecommendationStatus.VERIFIED)
                .map(StatusChange::at).max(Comparator.naturalOrder());
        if (r.status() == RecommendationStatus.VERIFIED && verified.isPresent()) {
            for (TestId test : r.tests()) {
                Optional<String> fixed = find(all, TestRole.VALIDATION, test).flatMap(TrackedTest::sourceHash);
                add(all, TrackedTest.start(TestRole.REGRESSION, test, fixed, verified.get(), r.implementedCommit()));
            }
        }
        return new TestLedger(all, countedThrough);
    }

    /** Counts a run not counted yet; empty when it was counted (or is older than the newest counted). */
    public Optional<TestLedger> count(RunObservation run) {
        Mark mark = new Mark(run.at(), run.run());
        if (countedThrough.isPresent() && mark.compareTo(countedThrough.get()) <= 0) {
            return Optional.empty();
        }
        List<TrackedTest> counted = new ArrayList<>();
        for (TrackedTest tracked : tests) {
            counted.add(run.result(tracked.test()).filter(result -> tracked.matches(run, result))
                    .map(result -> tracked.count(run, result)).orElse(tracked));
        }
        return Optional.of(new TestLedger(counted, Optional.of(mark)));
    }

    /**
     * What a run that is not counted (counted already, or older than the newest counted) still teaches: the source
     * hash of a test that had none when the run was counted, because the run's hashes arrived after its report. A
     * tracked test learns it as counting the run would have taught it (a reproduction from a failing result only);
     * no count changes. Idempotent: a learnt hash is never replaced.
     */
    public TestLedger learn(RunObservation run) {
        List<TrackedTest> learnt = new ArrayList<>();
        for (TrackedTest tracked : tests) {
            learnt.add(run.result(tracked.test()).filter(result -> tracked.matches(run, result))
                    .map(tracked::learn).orElse(tracked));
        }
        return new TestLedger(learnt, countedThrough);
    }

    /** The tracked test in {@code role} for {@code test}, if any. */
    public Optional<TrackedTest> find(TestRole role, TestId test) {
        return find(tests, role, test);
    }

    private static Optional<TrackedTest> find(List<TrackedTest> tests, TestRole role, TestId test) {
        return tests.stream().filter(t -> t.role() == role && t.test().equals(test)).findFirst();
    }

    private static void add(List<TrackedTest> all, TrackedTest tracked) {
        if (find(all, tracked.role(), tracked.test()).isEmpty()) {
            all.add(tracked);
        }
    }

    /**
     * A run's place in time order: its time, then its key for runs at the same instant.
     *
     * @param at  the run's time
     * @param run {@code <runId>#<attempt>}
     */
    public record Mark(Instant at, String run) implements Comparable<Mark> {

        public Mark {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(run, "run");
        }

        @Override
        public int compareTo(Mark other) {
            return Comparator.comparing(Mark::at).thenComparing(Mark::run).compare(this, other);
        }
    }
}
