package dev.feedbackloop.bench.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one test behaves over the history: the generating process, which is also its ground truth.
 *
 * @param test       the test
 * @param kind       the process, as the truth file names it
 * @param addedAt    the {@code main} commit that added the test, when it did not exist from the start; a run of a
 *                   commit without it does not list it
 * @param breaks     regressions: on a commit inside a window the test fails every execution, retries included, with
 *                   the same text
 * @param flakiness  its flaky process, when it has one; a regression overrides it while active
 * @param skip       when the test is skipped
 * @param changes    the points where its true state changed, oldest first (the first entry is its state when it
 *                   appeared)
 * @param notes      the process in words
 */
record TestPlan(TestSpec test, Kind kind, Optional<Commit> addedAt, List<BreakWindow> breaks,
                Optional<Flakiness> flakiness, Optional<SkipRule> skip, List<Change> changes, String notes) {

    TestPlan {
        breaks = List.copyOf(breaks);
        changes = List.copyOf(changes);
    }

    /** The generating processes. */
    enum Kind {
        /** Passes whenever the infrastructure lets it. */
        HEALTHY("healthy", false),
        /** Flaky from start to end (one of the {@link Flakiness.Mode}s). */
        FLAKY("flaky", false),
        /** Order-dependent, with an order fixed by the commit in every job: no same-commit evidence exists. */
        FLAKY_BY_COMMIT("flaky-order-by-commit", true),
        /** Fails on every run since a commit on {@code main}. */
        BROKEN("regression", false),
        /** Flaky, then broken by a regression on {@code main}. */
        BROKEN_AFTER_FLAKY("flaky-then-regression", false),
        /** Flaky until a commit on {@code main} fixed it. */
        FIXED_FLAKY("flaky-fixed", false),
        /** Broken by a commit on {@code main}, fixed by a later one. */
        FIXED_REGRESSION("regression-fixed", false),
        /** Two or three short regressions, each fixed: failures come and go by commit. */
        EPISODIC_REGRESSION("regression-episodes", true),
        /** Broken only on a pull-request branch, never on {@code main}. */
        PR_REGRESSION("pr-regression", false),
        /** Healthy, skipped in some runs. */
        SKIPPED_SOMETIMES("skipped-sometimes", false),
        /** Added so late that it ran only a few times. */
        NEW("new", false);

        final String process;
        /**
         * Whether the history cannot show its nature: its failures come and go across commits with no same-commit
         * disagreement and no retry that passed, so a regression-and-fix series and a flaky test look alike.
         */
        final boolean ambiguous;

        Kind(String process, boolean ambiguous) {
            this.process = process;
            this.ambiguous = ambiguous;
        }
    }

    /**
     * A regression: the test fails on commits holding {@code start} and not {@code fix}.
     *
     * @param start the commit that broke it
     * @param fix   the commit that fixed it, if any
     * @param cause what its failures say
     */
    record BreakWindow(Commit start, Optional<Commit> fix, Cause cause) {
    }

    /**
     * A flaky process.
     *
     * @param mode      how failures arise
     * @param rate      the chance that one execution fails, where the mode lets it fail at all (for
     *                  {@link Mode#NIGHTLY_RACE}: in nightly runs; for {@link Mode#CLUSTERED}: averaged over time)
     * @param cause     what its failures say
     * @param fixedAt   the {@code main} commit that fixed it, if any
     * @param periods   for {@link Mode#CLUSTERED}: when its dependency was degraded
     * @param badRate   for {@link Mode#CLUSTERED}: the chance of failing while degraded
     */
    record Flakiness(Mode mode, double rate, Cause cause, Optional<Commit> fixedAt, Optional<BadPeriods> periods,
                     double badRate) {

        /** How a flaky test's failures arise. */
        enum Mode {
            /** Each execution fails with the same chance, retries included: a retry usually passes. */
            INDEPENDENT("independent"),
            /** Fails mostly while a shared dependency is degraded: failures cluster in time, across tests. */
            CLUSTERED("clustered"),
            /** A race that shows only in the nightly job's parallel, retry-less build. */
            NIGHTLY_RACE("nightly-race"),
            /**
             * Fails when a polluting test ran first in the same JVM; the retry runs in that JVM and fails too. The
             * order is random in the nightly job and fixed by the commit elsewhere.
             */
            ORDER_DEPENDENT("order-dependent"),
            /** Order-dependent, with an order fixed by the commit in every job. */
            ORDER_BY_COMMIT("order-by-commit");

            final String label;

            Mode(String label) {
                this.label = label;
            }
        }
    }

    /**
     * Times a shared dependency (a payment sandbox, a search index) was degraded.
     *
     * @param dependency its name
     * @param periods    start and end of each degraded period, in order
     * @param badShare   the share of the history it was degraded
     */
    record BadPeriods(String dependency, List<Instant[]> periods, double badShare) {

        boolean degradedAt(Instant time) {
            for (Instant[] period : periods) {
                if (!time.isBefore(period[0]) && time.isBefore(period[1])) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * When a healthy test is skipped.
     *
     * @param nightlyOnly skipped in every nightly run (an assumption the nightly environment does not meet)
     * @param from        skipped on commits holding this one (a {@code @Disabled} added) ...
     * @param until       ... and not this one (the annotation removed)
     * @param reason      the skip message
     */
    record SkipRule(boolean nightlyOnly, Optional<Commit> from, Optional<Commit> until, String reason) {
    }

    /**
     * A change of a test's true state.
     *
     * @param commit the commit where it happened
     * @param branch the branch the state applies to
     * @param label  the state from then on
     */
    record Change(Commit commit, String branch, String label) {
    }

    /** Its true state on {@code main} at the end of the history. */
    String label() {
        if (kind == Kind.NEW) {
            return "new";
        }
        boolean fixedBreak = false;
        for (BreakWindow window : breaks) {
            if (window.start().onMain()) {
                if (window.fix().isEmpty()) {
                    return "broken";
                }
                fixedBreak = true;
            }
        }
        if (flakiness.isPresent()) {
            return flakiness.get().fixedAt().isPresent() ? "fixed" : "flaky";
        }
        return fixedBreak ? "fixed" : "healthy";
    }

    /** The regression active at the end on {@code main}, if any. */
    Optional<BreakWindow> openBreakOnMain() {
        return breaks.stream().filter(w -> w.start().onMain() && w.fix().isEmpty()).findFirst();
    }

    /** Regressions on pull-request branches. */
    List<BreakWindow> branchBreaks() {
        return breaks.stream().filter(w -> !w.start().onMain()).toList();
    }
}
