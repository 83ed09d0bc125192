package dev.feedbackloop.health;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One test's health: a small immutable state, bounded whatever the length of its history, that
 * {@link HealthJudge#apply} advances one execution at a time. It holds the test's last
 * {@link HealthSettings#window()} counted executions and two summaries of what slid out of that window (the clean
 * executions and each branch's failures just before it), so that a failure streak or a clean streak longer than the
 * window is still known.
 *
 * @param project             the test's project
 * @param test                the test
 * @param window              its newest counted executions (no outage, no skip), oldest first, one per run attempt
 * @param cleanBeforeWindow   clean executions in a row that slid out just before {@code window}'s oldest
 * @param streaksBeforeWindow per branch, the final failures in a row that slid out just before the window since that
 *                            branch's last pass slid out
 * @param flakyBeforeWindow   while the test is flaky, the executions that slid out of the window since it became
 *                            flaky ({@link FlakyTally#NONE} otherwise): the long memory of its failure rate
 * @param verdict             what the rules last concluded
 * @param recoveringFrom      {@code FLAKY} or {@code BROKEN} while the test is healthy again but not yet
 *                            {@code fixed}
 * @param quarantine          the quarantine decided for it, if any, possibly expired
 */
public record TestHealth(String project, TestId test, List<Execution> window, int cleanBeforeWindow,
                         Map<String, Evidence.FailureStreak> streaksBeforeWindow, FlakyTally flakyBeforeWindow,
                         Verdict verdict,
                         Optional<HealthState> recoveringFrom, Optional<Quarantine> quarantine) {

    public TestHealth {
        RunKey.requireProjectKey(project);
        Objects.requireNonNull(test, "test");
        window = List.copyOf(Objects.requireNonNull(window, "window"));
        checkWindow(project, test, window);
        if (cleanBeforeWindow < 0) {
            throw new IllegalArgumentException("cleanBeforeWindow must be >= 0, was " + cleanBeforeWindow);
        }
        streaksBeforeWindow = Collections.unmodifiableMap(new TreeMap<>(
                Objects.requireNonNull(streaksBeforeWindow, "streaksBeforeWindow")));
        streaksBeforeWindow.forEach((branch, streak) -> {
            if (!branch.equals(streak.branch())) {
                throw new IllegalArgumentException("streak of branch " + streak.branch() + " filed under " + branch);
            }
        });
        Objects.requireNonNull(flakyBeforeWindow, "flakyBeforeWindow");
        Objects.requireNonNull(verdict, "verdict");
        if (verdict.state() != HealthState.FLAKY && !flakyBeforeWindow.equals(FlakyTally.NONE)) {
            throw new IllegalArgumentException("only a flaky test keeps a flaky tally, not a " + verdict.state()
                    + " one: " + flakyBeforeWindow);
        }
        Objects.requireNonNull(recoveringFrom, "recoveringFrom");
        if (recoveringFrom.isPresent() && !recoveringFrom.get().troubled()) {
            throw new IllegalArgumentException("a test recovers from FLAKY or BROKEN, not " + recoveringFrom.get());
        }
        Objects.requireNonNull(quarantine, "quarantine");
    }

    /** A test never seen: {@code new}, empty history. */
    public static TestHealth unseen(String project, TestId test) {
        return new TestHealth(project, test, List.of(), 0, Map.of(), FlakyTally.NONE, Verdict.unseen(),
                Optional.empty(), Optional.empty());
    }

    /**
     * The state to show at {@code now}: {@link HealthState#QUARANTINED} while a quarantine is in force, else the
     * verdict's. An expired quarantine no longer shows, whether or not {@link HealthJudge#expire} recorded it yet.
     */
    public HealthState stateAt(Instant now) {
        return activeQuarantine(now).isPresent() ? HealthState.QUARANTINED : verdict.state();
    }

    /** The quarantine in force at {@code now}, if any. */
    public Optional<Quarantine> activeQuarantine(Instant now) {
        return quarantine.filter(q -> q.inForceAt(now));
    }

    /** When its newest counted execution ran. */
    public Optional<Instant> newest() {
        return window.isEmpty() ? Optional.empty() : Optional.of(window.get(window.size() - 1).time());
    }

    /**
     * This health with {@code execution} recorded in its window, or empty when that changes nothing: the same
     * execution again (a redelivery), an excluded execution never counted, or one older than a full window (it
     * cannot be among the last {@code size}). A different execution of a run attempt already held replaces it (a
     * correction, e.g. its run turned out to be an outage).
     */
    Optional<TestHealth> record(Execution execution, int size, String defaultBranch) {
        int held = indexOf(execution.run());
        if (held >= 0 && window.get(held).equals(execution)) {
            return Optional.empty();
        }
        List<Execution> next = new ArrayList<>(window);
        if (held >= 0) {
            next.remove(held);
        }
        if (!execution.counted()) {
            return held >= 0 ? Optional.of(withWindow(next, cleanBeforeWindow, streaksBeforeWindow, flakyBeforeWindow,
                    defaultBranch))
                    : Optional.empty();
        }
        if (held < 0 && next.size() >= size && Execution.HISTORY_ORDER.compare(execution, next.get(0)) < 0) {
            return Optional.empty();
        }
        int at = Collections.binarySearch(next, execution, Execution.HISTORY_ORDER);
        next.add(at < 0 ? -at - 1 : at, execution);
        int clean = cleanBeforeWindow;
        FlakyTally flaky = flakyBeforeWindow;
        Map<String, Evidence.FailureStreak> streaks = new TreeMap<>(streaksBeforeWindow);
        while (next.size() > size) {
            Execution out = next.remove(0);
            clean = out.outcome().clean() ? clean + 1 : 0;
            flaky = verdict.state() == HealthState.FLAKY ? flaky.plus(out) : flaky;
            String branch = out.branchOr(defaultBranch);
            if (out.outcome().passed()) {
                streaks.remove(branch);
            } else {
                Evidence.FailureStreak before = streaks.get(branch);
                streaks.put(branch, before == null ? Evidence.FailureStreak.of(out, branch) : before.then(out));
            }
        }
        return Optional.of(withWindow(next, clean, streaks, flaky, defaultBranch));
    }

    TestHealth withVerdict(Verdict next, Optional<HealthState> recovering) {
        // The tally is the memory of one flaky spell: any other verdict ends the spell.
        FlakyTally flaky = next.state() == HealthState.FLAKY ? flakyBeforeWindow : FlakyTally.NONE;
        return new TestHealth(project, test, window, cleanBeforeWindow, streaksBeforeWindow, flaky, next, recovering,
                quarantine);
    }

    TestHealth withQuarantine(Optional<Quarantine> next) {
        return new TestHealth(project, test, window, cleanBeforeWindow, streaksBeforeWindow, flakyBeforeWindow,
                verdict, recoveringFrom, next);
    }

    private TestHealth withWindow(List<Execution> next, int clean, Map<String, Evidence.FailureStreak> streaks,
                                  FlakyTally flaky, String defaultBranch) {
        // What slid out before a branch matters only while the window holds no pass on it, and only for the default
        // branch or a branch still running: dropping the rest keeps the state bounded by the window.
        Set<String> active = new HashSet<>();
        Set<String> passed = new HashSet<>();
        for (Execution e : next) {
            active.add(e.branchOr(defaultBranch));
            if (e.outcome().passed()) {
                passed.add(e.branchOr(defaultBranch));
            }
        }
        Map<String, Evidence.FailureStreak> kept = new TreeMap<>(streaks);
        kept.keySet().removeIf(b -> passed.contains(b) || !b.equals(defaultBranch) && !active.contains(b));
        return new TestHealth(project, test, next, clean, kept, flaky, verdict, recoveringFrom, quarantine);
    }

    private int indexOf(RunKey run) {
        for (int i = 0; i < window.size(); i++) {
            if (window.get(i).run().equals(run)) {
                return i;
            }
        }
        return -1;
    }

    private static void checkWindow(String project, TestId test, List<Execution> window) {
        Set<RunKey> runs = new HashSet<>();
        for (int i = 0; i < window.size(); i++) {
            Execution e = window.get(i);
            if (!e.test().equals(test) || !e.run().project().equals(project)) {
                throw new IllegalArgumentException("execution of test " + e.test() + " in project "
                        + e.run().project() + " does not belong to test " + test + " of " + project);
            }
            if (!e.counted()) {
                throw new IllegalArgumentException("the window of test " + test + " holds only counted executions, "
                        + "not run " + e.runLabel() + " (" + e.outcome() + (e.outage() ? ", outage" : "") + ")");
            }
            if (!runs.add(e.run()) || i > 0 && Execution.HISTORY_ORDER.compare(window.get(i - 1), e) > 0) {
                throw new IllegalArgumentException("the window of test " + test
                        + " must hold each run attempt once, oldest first; run " + e.runLabel() + " is out of place");
            }
        }
    }
}
