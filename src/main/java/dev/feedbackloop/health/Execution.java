package dev.feedbackloop.health;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One test in one run attempt: the unit a test's health is built from. A run is identified by run id <em>and</em>
 * attempt, so a re-run of a CI job on the same commit is a second execution (the best evidence of flakiness there
 * is); a retry of the test inside one run is not, it shows as {@link Outcome#PASSED_ON_RETRY}.
 *
 * @param test        the test
 * @param run         the run attempt it ran in; its project is the test's project
 * @param time        when the run ran (its start, else when it was recorded): the order of the test's history
 * @param commit      the commit the run tested, when known; without it no same-commit evidence can be found
 * @param branch      the branch the run tested, when known; an execution with no branch counts on the default branch
 * @param outcome     how it ended
 * @param category    root cause of its failure; empty for passes, skips and unclassified failures
 * @param fingerprint the scenario (root-cause identity) of its failure; empty for passes and skips
 * @param outage      whether its run was an outage ({@link OutageGuard}): such an execution counts as evidence for
 *                    nothing
 */
public record Execution(TestId test, RunKey run, Instant time, Optional<String> commit, Optional<String> branch,
                        Outcome outcome, Optional<Category> category, Optional<Fingerprint> fingerprint,
                        boolean outage) {

    /** History order: by time, then run id and attempt so that equal times still order the same everywhere. */
    public static final Comparator<Execution> HISTORY_ORDER = Comparator.comparing(Execution::time)
            .thenComparing(e -> e.run().runId())
            .thenComparingInt(e -> e.run().attempt());

    public Execution {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(time, "time");
        commit = Objects.requireNonNull(commit, "commit").map(String::strip).filter(c -> !c.isEmpty());
        branch = Objects.requireNonNull(branch, "branch").map(String::strip).filter(b -> !b.isEmpty());
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!outcome.hadFailure() && (category.isPresent() || fingerprint.isPresent())) {
            throw new IllegalArgumentException("execution of test " + test + " in run " + run.runId() + "#"
                    + run.attempt() + " is " + outcome + " and cannot carry a failure's category or fingerprint");
        }
    }

    /** A run attempt with no commit or branch known, handy for tests and ad-hoc uploads. */
    public static Execution of(TestId test, RunKey run, Instant time, Outcome outcome) {
        return new Execution(test, run, time, Optional.empty(), Optional.empty(), outcome, Optional.empty(),
                Optional.empty(), false);
    }

    /**
     * The execution of a test in a stored run: commit and branch from the run, the outcome from the result's final
     * status, and its failure's root cause and fingerprint kept only when the outcome had a failure (a pass carries
     * none, whatever the caller passes).
     *
     * @param time   the run's time (a stored run's {@code runTime()})
     * @param outage the outage guard's verdict on the run ({@link OutageGuard})
     */
    public static Execution of(TestId test, Run run, Instant time, TestStatus status, Optional<Category> category,
                               Optional<Fingerprint> fingerprint, boolean outage) {
        Outcome outcome = Outcome.of(status);
        boolean failed = outcome.hadFailure();
        return new Execution(test, run.key(), time, run.commitSha(), run.branch(), outcome,
                failed ? category : Optional.empty(), failed ? fingerprint : Optional.empty(), outage);
    }

    /**
     * Whether it counts in the test's history: it ran (not skipped) and its run was no outage. Only counted
     * executions enter the window the rules look at.
     */
    public boolean counted() {
        return !outage && outcome != Outcome.SKIPPED;
    }

    /**
     * Whether it had a failure of the test's own: a failed attempt whose root cause is not {@code INFRA}. A crashed
     * browser tab or a reset connection fails healthy tests too, so it says nothing about how often the test fails.
     */
    public boolean ownFailure() {
        return outcome.hadFailure() && category.filter(c -> c == Category.INFRA).isEmpty();
    }

    /** The branch it ran on, or {@code defaultBranch} when the run named none. */
    public String branchOr(String defaultBranch) {
        return branch.orElse(defaultBranch);
    }

    /** Run id and attempt as people write it: {@code r017#2}. */
    public String runLabel() {
        return label(run);
    }

    static String label(RunKey run) {
        return run.runId() + "#" + run.attempt();
    }
}
