package dev.feedbackloop.health;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small language for test histories: {@code pass(3)} is run r3 (one hour after r2) on commit c3 on main;
 * modifiers change the commit, branch, attempt, time, root cause or outage flag.
 */
final class Runs {

    static final String PROJECT = "shop";
    static final TestId TEST = TestId.derive(PROJECT, "checkout.PaymentTest", "pays by card", Optional.empty());
    static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    private final int number;
    private final Outcome outcome;
    private int attempt = 1;
    private String commit;
    private String branch = "main";
    private Instant time;
    private Optional<Category> category = Optional.empty();
    private Optional<Fingerprint> fingerprint = Optional.empty();
    private boolean outage;

    private Runs(int number, Outcome outcome) {
        this.number = number;
        this.outcome = outcome;
        this.commit = "c" + number;
        this.time = START.plus(number, ChronoUnit.HOURS);
        if (outcome.hadFailure()) {
            category = Optional.of(Category.ASSERTION_FAIL);
        }
    }

    static Runs pass(int run) {
        return new Runs(run, Outcome.PASSED);
    }

    static Runs fail(int run) {
        return new Runs(run, Outcome.FAILED);
    }

    static Runs error(int run) {
        return new Runs(run, Outcome.ERROR);
    }

    static Runs retryPass(int run) {
        return new Runs(run, Outcome.PASSED_ON_RETRY);
    }

    static Runs skip(int run) {
        return new Runs(run, Outcome.SKIPPED);
    }

    Runs commit(String value) {
        commit = value;
        return this;
    }

    Runs branch(String value) {
        branch = value;
        return this;
    }

    /** A re-run of the CI run: same run id, later attempt, a few minutes later. */
    Runs attempt(int value) {
        attempt = value;
        time = time.plus(10L * (value - 1), ChronoUnit.MINUTES);
        return this;
    }

    Runs cause(Category value, String fingerprintHex) {
        category = Optional.of(value);
        fingerprint = Optional.of(new Fingerprint(fingerprintHex));
        return this;
    }

    Runs outage() {
        outage = true;
        return this;
    }

    Execution build() {
        return new Execution(TEST, new RunKey(PROJECT, "r" + number, attempt), time, Optional.ofNullable(commit),
                Optional.ofNullable(branch), outcome, category, fingerprint, outage);
    }

    static List<Execution> all(Runs... runs) {
        List<Execution> executions = new ArrayList<>();
        for (Runs r : runs) {
            executions.add(r.build());
        }
        return executions;
    }

    /** Runs {@code from..to} (inclusive), each passing. */
    static List<Execution> passes(int from, int to) {
        List<Execution> executions = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            executions.add(pass(n).build());
        }
        return executions;
    }

    /** Runs {@code from..to} (inclusive), each failing with the same root cause. */
    static List<Execution> failures(int from, int to) {
        List<Execution> executions = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            executions.add(fail(n).cause(Category.ASSERTION_FAIL, "00000000000000aa").build());
        }
        return executions;
    }

    @SafeVarargs
    static List<Execution> concat(List<Execution>... parts) {
        List<Execution> all = new ArrayList<>();
        for (List<Execution> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** The outcome of applying executions one after the other: the final health and every timeline entry. */
    record Replay(TestHealth health, List<StateChange> changes) {

        static Replay of(HealthJudge judge, List<Execution> executions) {
            return of(judge, TestHealth.unseen(PROJECT, TEST), executions);
        }

        static Replay of(HealthJudge judge, TestHealth start, List<Execution> executions) {
            TestHealth health = start;
            List<StateChange> changes = new ArrayList<>();
            for (Execution e : executions) {
                HealthUpdate update = judge.apply(health, e);
                health = update.health();
                changes.addAll(update.changes());
            }
            return new Replay(health, changes);
        }

        HealthState state() {
            return health.verdict().state();
        }

        List<String> path() {
            return changes.stream().map(StateChange::transition).toList();
        }
    }

    /** The same executions on another branch. */
    static List<Execution> onBranch(String branch, List<Execution> executions) {
        return executions.stream().map(e -> new Execution(e.test(), e.run(), e.time(), e.commit(),
                Optional.of(branch), e.outcome(), e.category(), e.fingerprint(), e.outage())).toList();
    }
}
