package dev.feedbackloop.bench.history;

import dev.feedbackloop.bench.history.Execution.Attempt;
import dev.feedbackloop.bench.history.PlannedRun.Job;
import dev.feedbackloop.bench.history.TestPlan.BreakWindow;
import dev.feedbackloop.bench.history.TestPlan.Flakiness;
import dev.feedbackloop.bench.history.TestPlan.SkipRule;
import dev.feedbackloop.bench.history.TestSpec.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs every test of a commit through its process in one run. Each draw is keyed by seed, test, run attempt and
 * retry ({@link Rng#draw}), so an outcome does not depend on which runs were simulated before it.
 */
final class RunSimulator {

    // Keys that keep the draws of different decisions apart.
    private static final long HIT = 1;
    private static final long FLAKE = 2;
    private static final long ORDER = 3;
    private static final long GLITCH = 4;
    private static final long TEXT = 5;
    private static final long DURATION = 6;
    private static final long REGRESSION_TEXT = 7;

    private final Timeline timeline;
    private final long seed;
    private final double glitchRate;

    RunSimulator(Timeline timeline, long seed, double glitchRate) {
        this.timeline = timeline;
        this.seed = seed;
        this.glitchRate = glitchRate;
    }

    SimulatedRun run(PlannedRun run, List<TestPlan> plans) {
        List<Execution> executions = new ArrayList<>(plans.size());
        for (TestPlan plan : plans) {
            if (plan.addedAt().isEmpty() || timeline.contains(run.commit(), plan.addedAt().get())) {
                executions.add(execute(plan, run));
            }
        }
        return new SimulatedRun(run, executions);
    }

    private Execution execute(TestPlan plan, PlannedRun run) {
        Optional<String> skip = plan.skip().filter(rule -> skips(rule, run)).map(SkipRule::reason);
        if (skip.isPresent()) {
            return new Execution(plan, List.of(), skip);
        }
        long test = plan.test().index();
        boolean hit = run.outage() && Rng.draw(seed, HIT, test, run.key()) < run.incident().hitRate();
        List<Attempt> attempts = new ArrayList<>();
        for (int retry = 0; retry <= run.retries(); retry++) {
            // A blip is over by the time the build retries the tests it failed: the retry runs normally.
            boolean hitNow = hit && (retry == 0 || !run.incident().blip());
            Optional<SimulatedFailure> failure = hitNow
                    ? Optional.of(FailureMessages.infra(run.incident().cause(), plan.test(),
                            Rng.keyed(seed, TEXT, test, run.key(), retry)))
                    : failure(plan, run, retry);
            attempts.add(new Attempt(failure, millis(plan.test(), failure, run, retry)));
            if (failure.isEmpty()) {
                break;
            }
        }
        return new Execution(plan, attempts, Optional.empty());
    }

    private boolean skips(SkipRule rule, PlannedRun run) {
        if (rule.nightlyOnly()) {
            return run.job() == Job.NIGHTLY;
        }
        return rule.from().map(from -> timeline.contains(run.commit(), from)).orElse(true)
                && !rule.until().map(until -> timeline.contains(run.commit(), until)).orElse(false);
    }

    private Optional<SimulatedFailure> failure(TestPlan plan, PlannedRun run, int retry) {
        long test = plan.test().index();
        for (BreakWindow window : plan.breaks()) {
            if (active(window, run.commit())) {
                // The same text on every run: one regression, one fingerprint.
                return Optional.of(FailureMessages.of(window.cause(), plan.test(),
                        Rng.keyed(seed, REGRESSION_TEXT, test, window.start().ordinal())));
            }
        }
        Optional<Flakiness> flakiness = plan.flakiness()
                .filter(f -> f.fixedAt().map(fix -> !timeline.contains(run.commit(), fix)).orElse(true));
        if (flakiness.isPresent() && flakes(flakiness.get(), test, run, retry)) {
            return Optional.of(FailureMessages.of(flakiness.get().cause(), plan.test(),
                    Rng.keyed(seed, TEXT, test, run.key(), retry)));
        }
        if (plan.test().layer() == Layer.UI && Rng.draw(seed, GLITCH, test, run.key(), retry) < glitchRate) {
            return Optional.of(FailureMessages.of(Cause.INFRA, plan.test(), Rng.keyed(seed, TEXT, test, run.key(),
                    retry)));
        }
        return Optional.empty();
    }

    private boolean active(BreakWindow window, Commit commit) {
        return timeline.contains(commit, window.start())
                && window.fix().map(fix -> !timeline.contains(commit, fix)).orElse(true);
    }

    private boolean flakes(Flakiness f, long test, PlannedRun run, int retry) {
        double draw = Rng.draw(seed, FLAKE, test, run.key(), retry);
        return switch (f.mode()) {
            case INDEPENDENT -> draw < f.rate();
            case CLUSTERED -> draw < (f.periods().orElseThrow().degradedAt(run.time()) ? f.badRate()
                    : Population.GOOD_RATE);
            case NIGHTLY_RACE -> run.job() == Job.NIGHTLY && draw < f.rate();
            // The order, not the attempt, decides: the retry runs in the same polluted JVM.
            case ORDER_DEPENDENT -> (run.job() == Job.NIGHTLY
                    ? Rng.draw(seed, ORDER, test, run.key())
                    : Rng.draw(seed, ORDER, test, run.commit().ordinal())) < f.rate();
            case ORDER_BY_COMMIT -> Rng.draw(seed, ORDER, test, run.commit().ordinal()) < f.rate();
        };
    }

    private long millis(TestSpec test, Optional<SimulatedFailure> failure, PlannedRun run, int retry) {
        double u = Rng.draw(seed, DURATION, test.index(), run.key(), retry);
        if (failure.isPresent()) {
            return failure.get().millis().orElse((long) (test.baseMillis() * (0.5 + 0.7 * u)));
        }
        return (long) (test.baseMillis() * (0.8 + 0.5 * u));
    }
}
