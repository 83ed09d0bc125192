package dev.feedbackloop.health;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of what a test's health is judged on, kept with the run and commit it came from, so that every verdict
 * can be checked by a person. {@link #describe()} says it in one line.
 */
public sealed interface Evidence {

    /** One line a person reads: what was seen, where. */
    String describe();

    /**
     * The test passed after a failed attempt within one run: the strongest flaky signal, because nothing but chance
     * changed between the attempts.
     *
     * @param category the root cause of the failed attempt, when classified
     */
    record RetryPass(RunKey run, Optional<String> commit, String branch, Instant time, Optional<Category> category)
            implements Evidence {

        public RetryPass {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(category, "category");
        }

        @Override
        public String describe() {
            return "passed on retry in run " + Execution.label(run) + commit.map(c -> " on commit " + shortCommit(c))
                    .orElse("") + " (" + branch + ")" + category.map(c -> " after " + c).orElse("");
        }

        /** Whether it proves the test non-deterministic on its own: its failure was not the infrastructure's. */
        public boolean proof() {
            return category.filter(c -> c == Category.INFRA).isEmpty();
        }
    }

    /**
     * The test passed in one run and failed in another on the same commit (across runs or re-runs of one run): the
     * same code gave both results, Google's and Datadog's definition of a flaky result.
     *
     * @param time     when the later of the two ran
     * @param category the root cause of the failure, when classified
     */
    record SameCommitDisagreement(String commit, RunKey failedRun, RunKey passedRun, Instant time,
                                  Optional<Category> category) implements Evidence {

        public SameCommitDisagreement {
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(failedRun, "failedRun");
            Objects.requireNonNull(passedRun, "passedRun");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(category, "category");
        }

        @Override
        public String describe() {
            return "failed in run " + Execution.label(failedRun) + " and passed in run " + Execution.label(passedRun)
                    + " on the same commit " + shortCommit(commit) + category.map(c -> " (" + c + ")").orElse("");
        }

        /** Whether it proves the test non-deterministic on its own: its failure was not the infrastructure's. */
        public boolean proof() {
            return category.filter(c -> c == Category.INFRA).isEmpty();
        }
    }

    /**
     * The same root cause failed the test in several short episodes on the default branch, each ended by a pass on
     * a later commit: failures that come and go with no code change that explains them. A regression fails every
     * run until its fix, so it makes one long episode; the same failure returning again and again, a run or two
     * at a time, is the code not deciding the outcome. The one rule added to Google's and Datadog's definition, for
     * projects that neither retry tests nor re-run jobs.
     *
     * @param fingerprint the root cause every failure of the episodes has
     * @param firstRuns   the first failing run of each episode, oldest first
     * @param commits     the commits those runs tested, where known
     */
    record RecurringFailure(Fingerprint fingerprint, List<RunKey> firstRuns, List<String> commits)
            implements Evidence {

        public RecurringFailure {
            Objects.requireNonNull(fingerprint, "fingerprint");
            firstRuns = List.copyOf(Objects.requireNonNull(firstRuns, "firstRuns"));
            commits = List.copyOf(Objects.requireNonNull(commits, "commits"));
        }

        @Override
        public String describe() {
            return "root cause " + fingerprint + " came and went " + firstRuns.size() + " times on different commits"
                    + " (runs " + String.join(", ", firstRuns.stream().map(Execution::label).toList()) + ")";
        }
    }

    /**
     * Consecutive final failures on one branch since its last pass.
     *
     * @param startRun          the first failing run of the streak
     * @param startCommit       the commit it failed on first: where the regression started, when known
     * @param startTime         when that run ran
     * @param lastRun           the latest failing run
     * @param lastTime          when that run ran
     * @param runs              failing runs in the streak, at least 1
     * @param sharedFingerprint the one root cause every failure of the streak has, when they all share one
     */
    record FailureStreak(String branch, RunKey startRun, Optional<String> startCommit, Instant startTime,
                         RunKey lastRun, Instant lastTime, int runs, Optional<Fingerprint> sharedFingerprint)
            implements Evidence {

        public FailureStreak {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(startRun, "startRun");
            Objects.requireNonNull(startCommit, "startCommit");
            Objects.requireNonNull(startTime, "startTime");
            Objects.requireNonNull(lastRun, "lastRun");
            Objects.requireNonNull(lastTime, "lastTime");
            if (runs < 1) {
                throw new IllegalArgumentException("a failure streak on " + branch + " needs at least one run, was "
                        + runs);
            }
            Objects.requireNonNull(sharedFingerprint, "sharedFingerprint");
        }

        /** A streak of one failing execution. */
        static FailureStreak of(Execution failure, String branch) {
            return new FailureStreak(branch, failure.run(), failure.commit(), failure.time(), failure.run(),
                    failure.time(), 1, failure.fingerprint());
        }

        /** This streak continued by a later failure. */
        FailureStreak then(Execution later) {
            return then(of(later, branch));
        }

        /** This streak continued by a later part of it. */
        FailureStreak then(FailureStreak later) {
            Optional<Fingerprint> shared = sharedFingerprint.equals(later.sharedFingerprint) ? sharedFingerprint
                    : Optional.empty();
            return new FailureStreak(branch, startRun, startCommit, startTime, later.lastRun, later.lastTime,
                    runs + later.runs, shared);
        }

        @Override
        public String describe() {
            return "failing on every run on " + branch + " since " + startCommit.map(c -> "commit " + shortCommit(c))
                    .orElse("run " + Execution.label(startRun)) + ": " + runs + " run" + (runs == 1 ? "" : "s")
                    + sharedFingerprint.map(f -> ", all with root cause " + f).orElse("");
        }
    }

    /**
     * How a test fared on one branch over its recent executions (the window).
     *
     * @param executions counted executions on the branch
     * @param failures   those that ended red
     * @param flips      changes between green and red from one execution to the next, in time order
     */
    record BranchRates(String branch, int executions, int failures, int flips) implements Evidence {

        public BranchRates {
            Objects.requireNonNull(branch, "branch");
            if (executions < 0 || failures < 0 || failures > executions || flips < 0
                    || flips > Math.max(0, executions - 1)) {
                throw new IllegalArgumentException("inconsistent rates on " + branch + ": " + failures
                        + " failures and " + flips + " flips in " + executions + " executions");
            }
        }

        /** Failures per execution, 0..1. */
        public double failureRate() {
            return executions == 0 ? 0 : (double) failures / executions;
        }

        /** Flips per pair of consecutive executions, 0..1: a broken test flips rarely, a flaky one often. */
        public double flipRate() {
            return executions < 2 ? 0 : (double) flips / (executions - 1);
        }

        @Override
        public String describe() {
            return "on " + branch + ": failed " + failures + " of " + executions + " runs, flipped " + flips
                    + " time" + (flips == 1 ? "" : "s") + String.format(java.util.Locale.ROOT,
                    " (flip rate %.2f)", flipRate());
        }
    }

    /**
     * The root causes of the test's failures in its window (a flaky test's "why"); unclassified failures count as
     * {@link Category#UNKNOWN}.
     */
    record RootCauses(Map<Category, Integer> counts) implements Evidence {

        public RootCauses {
            EnumMap<Category, Integer> copy = new EnumMap<>(Category.class);
            Objects.requireNonNull(counts, "counts").forEach((category, n) -> {
                if (n != null && n > 0) {
                    copy.put(category, n);
                }
            });
            counts = Collections.unmodifiableMap(copy);
        }

        /** The most frequent root cause; on a tie, the one declared first. */
        public Optional<Category> dominant() {
            return counts.entrySet().stream()
                    .max(Comparator.<Map.Entry<Category, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey);
        }

        @Override
        public String describe() {
            StringBuilder text = new StringBuilder("root causes:");
            counts.entrySet().stream()
                    .sorted(Map.Entry.<Category, Integer>comparingByValue().reversed())
                    .forEach(e -> text.append(' ').append(e.getKey()).append(" x").append(e.getValue()));
            return counts.isEmpty() ? "no failures" : text.toString();
        }
    }

    /** The first 12 characters of a commit, enough to find it and short enough to read. */
    static String shortCommit(String commit) {
        return commit.length() <= 12 ? commit : commit.substring(0, 12);
    }
}
