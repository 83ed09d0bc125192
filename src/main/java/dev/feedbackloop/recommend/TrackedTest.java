package dev.feedbackloop.recommend;

import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One test a recommendation tracks in one role, with the results later runs gave it (never typed in by hand).
 *
 * @param role       reproduction, validation or regression
 * @param test       the test
 * @param sourceHash the source version it stands for, once known: a run with another version of the test's source
 *                   does not count for it (a reproduction stands for the failing source, a validation for the fixed
 *                   one); empty matches by test id alone
 * @param since      runs before this time do not count (made, implemented or verified at)
 * @param commit     the commit it stands for: the failing commit of a reproduction, the fixing commit of a
 *                   validation; empty until known
 * @param runs       runs counted
 * @param successes  of those, runs in which it passed
 * @param last       the last run counted, if any
 */
public record TrackedTest(TestRole role, TestId test, Optional<String> sourceHash, Instant since,
                          Optional<String> commit, int runs, int successes, Optional<LastRun> last) {

    public TrackedTest {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(sourceHash, "sourceHash");
        Objects.requireNonNull(since, "since");
        commit = Objects.requireNonNull(commit, "commit").filter(c -> !c.isBlank());
        if (runs < 0 || successes < 0 || successes > runs) {
            throw new IllegalArgumentException(role.wireName() + " test " + test.value()
                    + ": successes must be within 0.." + runs + " runs, was " + successes);
        }
        Objects.requireNonNull(last, "last");
    }

    /** A test tracked from {@code since}, nothing counted yet. */
    public static TrackedTest start(TestRole role, TestId test, Optional<String> sourceHash, Instant since,
                                    Optional<String> commit) {
        return new TrackedTest(role, test, sourceHash, since, commit, 0, 0, Optional.empty());
    }

    /** Whether a run's result speaks for this test: same test, not before it was tracked, same source if known. */
    boolean matches(RunObservation run, RunObservation.TestObservation result) {
        return result.test().equals(test) && !run.at().isBefore(since)
                && (sourceHash.isEmpty() || result.sourceHash().isEmpty()
                || sourceHash.equals(result.sourceHash()));
    }

    /**
     * Counts one run. A reproduction learns its source and commit from the first failing run; a validation or
     * regression learns its source from the first run that names one.
     */
    TrackedTest count(RunObservation run, RunObservation.TestObservation result) {
        boolean learns = role != TestRole.REPRODUCTION || !result.passed();
        Optional<String> hash = sourceHash.isPresent() || !learns ? sourceHash : result.sourceHash();
        Optional<String> at = commit.isPresent() || !learns ? commit : run.commit();
        return new TrackedTest(role, test, hash, since, at, runs + 1, successes + (result.passed() ? 1 : 0),
                Optional.of(new LastRun(run.run(), run.at(), run.commit(), result.passed())));
    }

    /** The source hash {@code result} brings, if this test has none yet and would learn it from that result. */
    TrackedTest learn(RunObservation.TestObservation result) {
        boolean learns = role != TestRole.REPRODUCTION || !result.passed();
        if (sourceHash.isPresent() || !learns || result.sourceHash().isEmpty()) {
            return this;
        }
        return new TrackedTest(role, test, result.sourceHash(), since, commit, runs, successes, last);
    }

    /**
     * The last run counted for a tracked test.
     *
     * @param run    {@code <runId>#<attempt>}
     * @param at     its time
     * @param commit its commit, when known
     * @param passed whether the test passed in it
     */
    public record LastRun(String run, Instant at, Optional<String> commit, boolean passed) {

        public LastRun {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(commit, "commit");
        }
    }
}
