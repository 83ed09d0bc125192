package dev.feedbackloop.bench.history;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Issue 12's definition of flaky, read literally off one test's normal executions (outage runs and skips left out)
 * in time order, with the least hysteresis the issue allows and none of a detector's further rules: a test
 * <em>enters</em> flaky when, within its last {@link #WINDOW} executions, at least two had a failed attempt and there
 * is flaky evidence among them (a pass on retry, or a commit that both passed and failed within the window); it
 * <em>leaves</em> only when no failed attempt is left in the window (the only integer threshold below "twice").
 *
 * <p>The simulator's truth labels a test by its generating process; this says what a history can show of it. A
 * test this calls flaky at the end failed twice with evidence in its last executions, whatever its process; one it
 * calls not flaky did not (a 2% test that never failed twice within 30 runs, a race that stopped showing 30 runs
 * ago). No detector held to the definition can contradict it, so the scorer leaves out of F1* the tests where it
 * and the process label disagree, and a race fixed too late for its last 30 executions to be clean of it is
 * labelled flaky ({@link HistoryFiles#label}).
 */
final class FlakyDefinition {

    /** "within the test's last 30 executions". */
    static final int WINDOW = 30;

    /** One normal execution as the definition reads it. */
    record Seen(String commit, boolean failedAttempt, boolean passedOnRetry, boolean passed) {
    }

    private final Deque<Seen> window = new ArrayDeque<>();
    private boolean flaky;

    /** Applies the definition after one more execution, newer than any before. */
    void add(Seen execution) {
        window.addLast(execution);
        if (window.size() > WINDOW) {
            window.removeFirst();
        }
        int failing = failing();
        flaky = flaky ? failing > 0 : failing >= 2 && evidence() > 0;
    }

    /** The verdict after the executions added so far. */
    boolean flaky() {
        return flaky;
    }

    /** Executions with a failed attempt (a final failure or a pass on retry) in the window. */
    int failing() {
        return (int) window.stream().filter(Seen::failedAttempt).count();
    }

    /** Passes on retry, and commits that both passed and failed, in the window. */
    int evidence() {
        Set<String> passed = new HashSet<>();
        Set<String> failed = new HashSet<>();
        int retries = 0;
        for (Seen s : window) {
            retries += s.passedOnRetry() ? 1 : 0;
            (s.passed() ? passed : failed).add(s.commit());
        }
        passed.retainAll(failed);
        return retries + passed.size();
    }
}
