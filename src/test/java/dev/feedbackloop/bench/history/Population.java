package dev.feedbackloop.bench.history;

import dev.feedbackloop.bench.history.TestPlan.BadPeriods;
import dev.feedbackloop.bench.history.TestPlan.BreakWindow;
import dev.feedbackloop.bench.history.TestPlan.Change;
import dev.feedbackloop.bench.history.TestPlan.Flakiness;
import dev.feedbackloop.bench.history.TestPlan.Flakiness.Mode;
import dev.feedbackloop.bench.history.TestPlan.Kind;
import dev.feedbackloop.bench.history.TestPlan.SkipRule;
import dev.feedbackloop.bench.history.TestSpec.Layer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Gives each test of the catalogue its generating process, in the scenario's proportions, with change points placed
 * on the timeline so that each process can show: a regression on {@code main} spans at least
 * {@link #MIN_BROKEN_RUNS} runs, a fixed one leaves clean runs after its fix, a late test gets only a few runs.
 * What cannot be placed (a history too short for one more regression) is left healthy and reported in
 * {@link #shortfalls()}.
 */
final class Population {

    /** Runs on {@code main} a regression spans at least, outages aside (the "at least 3 such runs"). */
    static final int MIN_BROKEN_RUNS = 3;
    /** The most first attempts a late test may appear in: "too few runs to judge". */
    static final int MAX_NEW_RUNS = 4;
    /** The chance of failing outside a dependency's degraded periods, for clustered tests. */
    static final double GOOD_RATE = 0.002;

    // The order flaky modes are handed out in: every mode is present from four flaky tests on.
    private static final Mode[] MODE_CYCLE = {Mode.INDEPENDENT, Mode.CLUSTERED, Mode.ORDER_DEPENDENT,
        Mode.NIGHTLY_RACE, Mode.INDEPENDENT, Mode.INDEPENDENT, Mode.CLUSTERED, Mode.ORDER_DEPENDENT,
        Mode.INDEPENDENT, Mode.NIGHTLY_RACE};
    private static final String[] DEPENDENCIES = {"payments-sandbox", "search-index"};
    private static final Duration MEAN_BAD_PERIOD = Duration.ofHours(6);

    private final Scenario scenario;
    private final Timeline timeline;
    private final long seed;
    private final Rng rng;
    private final List<Commit> main;
    private final int[] mainRuns;
    private final Map<String, BadPeriods> dependencies = new HashMap<>();
    private final List<String> shortfalls = new ArrayList<>();
    private final List<Integer> brokenStarts = new ArrayList<>();

    Population(Scenario scenario, Timeline timeline, long seed) {
        this.scenario = scenario;
        this.timeline = timeline;
        this.seed = seed;
        this.rng = Rng.of(seed, "population");
        this.main = timeline.main();
        this.mainRuns = new int[main.size()];
        for (PlannedRun run : timeline.firstAttempts()) {
            if (run.commit().onMain() && !run.outage()) {
                mainRuns[run.commit().mainIndex()]++;
            }
        }
    }

    /** What the scenario asked for and the timeline had no room for. */
    List<String> shortfalls() {
        return List.copyOf(shortfalls);
    }

    /**
     * @param regular tests that exist from the start (some get a mid-history {@code addedAt})
     * @param late    tests added late
     * @return one plan per test, in catalogue order
     * @throws IllegalArgumentException when the scenario's special tests outnumber the regular ones
     */
    List<TestPlan> assign(List<TestSpec> regular, List<TestSpec> late) {
        int flaky = (int) Math.round(scenario.tests() * scenario.flakyShare());
        int skipped = (int) Math.round(scenario.tests() * scenario.skippedShare());
        int special = scenario.mainRegressions() + scenario.fixedRegressions() + scenario.prRegressions()
                + scenario.brokenAfterFlaky() + scenario.fixedFlaky() + (scenario.ambiguousTests() ? 1 : 0)
                + flaky + skipped;
        if (special > regular.size()) {
            throw new IllegalArgumentException("scenario '" + scenario.name() + "' needs " + special
                    + " tests with a special process but has only " + regular.size() + " regular tests");
        }
        List<TestSpec> pool = new ArrayList<>(regular);
        rng.shuffle(pool);
        List<TestPlan> plans = new ArrayList<>();
        repeat(scenario.mainRegressions(), () -> plans.add(broken(take(pool))));
        repeat(scenario.fixedRegressions(), () -> plans.add(fixedRegression(take(pool))));
        placePrRegressions(pool, plans);
        repeat(scenario.brokenAfterFlaky(), () -> plans.add(brokenAfterFlaky(take(pool))));
        repeat(scenario.fixedFlaky(), () -> plans.add(fixedFlaky(take(pool))));
        if (scenario.ambiguousTests()) {
            plans.add(episodic(take(pool)));
            plans.add(flaky(take(pool), Mode.ORDER_BY_COMMIT));
            flaky--;
        }
        sortFlakyFirst(pool);
        for (int i = 0; i < flaky; i++) {
            plans.add(flaky(take(pool), MODE_CYCLE[i % MODE_CYCLE.length]));
        }
        rng.shuffle(pool);
        for (int i = 0; i < skipped; i++) {
            plans.add(skipped(take(pool), i % 2 == 0));
        }
        pool.forEach(test -> plans.add(healthy(test)));
        addMidHistory(plans);
        addLate(late, plans);
        plans.sort(Comparator.comparingInt(p -> p.test().index()));
        return plans;
    }

    // ---- regressions ---------------------------------------------------------------------------------------------

    private TestPlan broken(TestSpec test) {
        OptionalInt start = brokenStarts.isEmpty() || !rng.chance(0.3)
                ? regressionStart(0.3) : OptionalInt.of(rng.pick(brokenStarts)); // one bad commit, several tests
        if (start.isEmpty()) {
            return shortfall(test, "a regression on main");
        }
        brokenStarts.add(start.getAsInt());
        Commit at = main.get(start.getAsInt());
        Cause cause = regressionCause(test);
        return new TestPlan(test, Kind.BROKEN, Optional.empty(), List.of(new BreakWindow(at, Optional.empty(), cause)),
                Optional.empty(), Optional.empty(), List.of(change(main.get(0), "healthy"), change(at, "broken")),
                "Broken since " + describe(at) + " on main: every execution fails with the same " + cause.category
                        + " text, retries included, on " + runsFrom(start.getAsInt(), main.size())
                        + " runs of main (outages aside) and on branches started after it.");
    }

    private TestPlan fixedRegression(TestSpec test) {
        for (int tries = 0; tries < 30; tries++) {
            int start = rng.between(Math.max(1, main.size() * 15 / 100), Math.max(1, main.size() * 60 / 100));
            OptionalInt fix = indexAfter(start, rng.between(MIN_BROKEN_RUNS, 8));
            if (fix.isPresent() && runsFrom(fix.getAsInt(), main.size()) >= 5) {
                Commit from = main.get(start);
                Commit to = main.get(fix.getAsInt());
                Cause cause = regressionCause(test);
                return new TestPlan(test, Kind.FIXED_REGRESSION, Optional.empty(),
                        List.of(new BreakWindow(from, Optional.of(to), cause)), Optional.empty(), Optional.empty(),
                        List.of(change(main.get(0), "healthy"), change(from, "broken"), change(to, "fixed")),
                        "Broken by " + describe(from) + " (" + cause.category + ", the same text every time) and "
                                + "fixed by " + describe(to) + ": " + runsFrom(start, fix.getAsInt())
                                + " failing runs of main, then " + runsFrom(fix.getAsInt(), main.size())
                                + " clean ones.");
            }
        }
        return shortfall(test, "a fixed regression on main");
    }

    private void placePrRegressions(List<TestSpec> pool, List<TestPlan> plans) {
        List<Branch> candidates = timeline.branches().stream().filter(Branch::abandoned).toList();
        for (int i = 0; i < scenario.prRegressions(); i++) {
            TestSpec test = take(pool);
            Optional<Commit> start = candidates.isEmpty() ? Optional.empty()
                    : branchBreak(candidates.get(i % candidates.size()));
            if (start.isEmpty()) {
                plans.add(shortfall(test, "a regression on a pull-request branch"));
                continue;
            }
            Commit at = start.get();
            Cause cause = regressionCause(test);
            plans.add(new TestPlan(test, Kind.PR_REGRESSION, Optional.empty(),
                    List.of(new BreakWindow(at, Optional.empty(), cause)), Optional.empty(), Optional.empty(),
                    List.of(change(main.get(0), "healthy"), new Change(at, at.branch(), "broken")),
                    "Broken only on " + at.branch() + " since its commit " + at.id().substring(0, 8) + " ("
                            + cause.category + " every execution); the pull request was closed unmerged, so main "
                            + "never had the change: healthy on main, broken on that branch."));
        }
    }

    /** The first commit of {@code branch} from which at least {@link #MIN_BROKEN_RUNS} normal builds follow. */
    private Optional<Commit> branchBreak(Branch branch) {
        List<Commit> commits = branch.commits();
        for (int from = Math.min(1, commits.size() - 1); from >= 0; from--) {
            int runs = 0;
            for (PlannedRun run : timeline.firstAttempts()) {
                if (run.commit().branch().equals(branch.name()) && run.commit().branchIndex() >= from
                        && !run.outage()) {
                    runs++;
                }
            }
            if (runs >= MIN_BROKEN_RUNS) {
                return Optional.of(commits.get(from));
            }
        }
        return Optional.empty();
    }

    private TestPlan brokenAfterFlaky(TestSpec test) {
        OptionalInt start = regressionStart(0.5);
        if (start.isEmpty()) {
            return shortfall(test, "a regression of a flaky test");
        }
        Commit at = main.get(start.getAsInt());
        Flakiness flakiness = independent(test, rng.between(0.10, 0.35), Optional.empty());
        Cause cause = regressionCause(test);
        return new TestPlan(test, Kind.BROKEN_AFTER_FLAKY, Optional.empty(),
                List.of(new BreakWindow(at, Optional.empty(), cause)), Optional.of(flakiness), Optional.empty(),
                List.of(change(main.get(0), "flaky"), change(at, "broken")),
                String.format(Locale.ROOT, "Flaky (%.0f%% of executions, %s, retries usually pass) until %s broke it "
                        + "for good: since then every execution fails with one %s text on %d runs of main. Its "
                        + "older flaky evidence must not make it read as flaky.", flakiness.rate() * 100,
                        flakiness.cause().category, describe(at), cause.category, runsFrom(start.getAsInt(),
                        main.size())));
    }

    private TestPlan episodic(TestSpec test) {
        List<BreakWindow> windows = new ArrayList<>();
        List<Change> changes = new ArrayList<>(List.of(change(main.get(0), "healthy")));
        int episodes = rng.between(2, 3);
        int cursor = Math.max(1, main.size() / 10);
        while (windows.size() < episodes) {
            OptionalInt start = nextWithRuns(cursor + rng.nextInt(4));
            if (start.isEmpty()) {
                break;
            }
            int fix = start.getAsInt() + rng.between(1, 2);
            if (fix >= main.size() || runsFrom(fix, main.size()) < 5) {
                break;
            }
            Cause cause = regressionCause(test);
            windows.add(new BreakWindow(main.get(start.getAsInt()), Optional.of(main.get(fix)), cause));
            changes.add(change(main.get(start.getAsInt()), "broken"));
            changes.add(change(main.get(fix), "fixed"));
            cursor = fix + rng.between(2, 6);
        }
        if (windows.size() < 2) {
            return shortfall(test, "a test with regression episodes");
        }
        return new TestPlan(test, Kind.EPISODIC_REGRESSION, Optional.empty(), windows, Optional.empty(),
                Optional.empty(), changes, windows.size() + " short regressions on main, each fixed one or two "
                + "commits later; every run of a broken commit fails and every run of the others passes. Ambiguous: "
                + "its failures come and go across different commits with no same-commit disagreement and no retry "
                + "that passed, as a flaky test's might. Labelled by its generating process: regressions, now "
                + "fixed, not flaky.");
    }

    private Cause regressionCause(TestSpec test) {
        return switch (test.layer()) {
            case UI -> rng.chance(0.5) ? Cause.SELECTOR : Cause.VALUE;
            case API -> rng.chance(0.6) ? Cause.API_STATUS : Cause.VALUE;
            case SERVICE -> Cause.VALUE;
        };
    }

    /** A {@code main} commit from {@code fromShare} of the way on with at least the minimum runs after it. */
    private OptionalInt regressionStart(double fromShare) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = Math.max(1, (int) (main.size() * fromShare)); i < main.size(); i++) {
            if (runsFrom(i, main.size()) >= MIN_BROKEN_RUNS) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty() && fromShare > 0) {
            return regressionStart(0);
        }
        return candidates.isEmpty() ? OptionalInt.empty() : OptionalInt.of(rng.pick(candidates));
    }

    /** The first index after {@code start} such that the runs in between reach {@code runs}. */
    private OptionalInt indexAfter(int start, int runs) {
        for (int end = start + 1; end < main.size(); end++) {
            if (runsFrom(start, end) >= runs) {
                return OptionalInt.of(end);
            }
        }
        return OptionalInt.empty();
    }

    private OptionalInt nextWithRuns(int from) {
        for (int i = Math.max(1, from); i < main.size(); i++) {
            if (mainRuns[i] > 0) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** Normal first attempts on {@code main} commits {@code from} (included) to {@code to} (excluded). */
    private int runsFrom(int from, int to) {
        int runs = 0;
        for (int i = from; i < to; i++) {
            runs += mainRuns[i];
        }
        return runs;
    }

    // ---- flaky tests ---------------------------------------------------------------------------------------------

    private TestPlan flaky(TestSpec test, Mode mode) {
        Flakiness flakiness = switch (mode) {
            case INDEPENDENT -> independent(test, rng.logUniform(0.02, 0.40), Optional.empty());
            case CLUSTERED -> clustered(test);
            case NIGHTLY_RACE -> new Flakiness(mode, rng.logUniform(0.05, 0.40), Cause.CONCURRENCY,
                    Optional.empty(), Optional.empty(), 0);
            case ORDER_DEPENDENT -> new Flakiness(mode, rng.logUniform(0.05, 0.40), Cause.ORDER_STATE,
                    Optional.empty(), Optional.empty(), 0);
            case ORDER_BY_COMMIT -> new Flakiness(mode, rng.between(0.15, 0.35), Cause.ORDER_STATE,
                    Optional.empty(), Optional.empty(), 0);
        };
        Kind kind = mode == Mode.ORDER_BY_COMMIT ? Kind.FLAKY_BY_COMMIT : Kind.FLAKY;
        return new TestPlan(test, kind, Optional.empty(), List.of(), Optional.of(flakiness), Optional.empty(),
                List.of(change(main.get(0), "flaky")), flakyNotes(flakiness));
    }

    private TestPlan fixedFlaky(TestSpec test) {
        int low = Math.max(1, main.size() * 35 / 100);
        int high = Math.max(low, main.size() * 65 / 100);
        int fix = rng.between(low, high);
        Commit at = main.get(fix);
        Flakiness flakiness = independent(test, rng.between(0.08, 0.35), Optional.of(at));
        return new TestPlan(test, Kind.FIXED_FLAKY, Optional.empty(), List.of(), Optional.of(flakiness),
                Optional.empty(), List.of(change(main.get(0), "flaky"), change(at, "fixed")),
                flakyNotes(flakiness) + " Fixed by " + describe(at) + ": clean on the " + runsFrom(fix, main.size())
                        + " runs of main after it (branches started earlier still carry the race).");
    }

    private Flakiness independent(TestSpec test, double rate, Optional<Commit> fixedAt) {
        Cause cause = switch (test.layer()) {
            case UI -> rng.pick(new Cause[] {Cause.TIMEOUT, Cause.TIMEOUT, Cause.STALE_ELEMENT, Cause.ASYNC_WAIT});
            case API -> rng.pick(new Cause[] {Cause.NETWORK, Cause.TIMEOUT, Cause.ASYNC_WAIT});
            case SERVICE -> rng.pick(new Cause[] {Cause.ASYNC_WAIT, Cause.TIMEOUT, Cause.CONCURRENCY});
        };
        return new Flakiness(Mode.INDEPENDENT, rate, cause, fixedAt, Optional.empty(), 0);
    }

    /**
     * A test that fails mostly while its dependency is degraded, with the bad-spell failure chance set so that its
     * average rate is the drawn one (capped at 95% while degraded, which only a rarely degraded dependency reaches).
     */
    private Flakiness clustered(TestSpec test) {
        BadPeriods periods = dependency(rng.pick(DEPENDENCIES));
        double share = periods.badShare();
        double target = rng.logUniform(0.02, 0.40);
        double badRate = Math.min(0.95, Math.max(GOOD_RATE, (target - (1 - share) * GOOD_RATE) / share));
        double rate = share * badRate + (1 - share) * GOOD_RATE;
        Cause cause = test.layer() == Layer.UI ? Cause.TIMEOUT : Cause.NETWORK;
        return new Flakiness(Mode.CLUSTERED, rate, cause, Optional.empty(), Optional.of(periods), badRate);
    }

    /**
     * Degraded periods of a shared dependency: alternating good and bad spells, exponentially long, drawn again
     * (a few times at most) until the dependency was degraded for 5-40% of the history.
     */
    private BadPeriods dependency(String name) {
        return dependencies.computeIfAbsent(name, n -> {
            Rng spells = Rng.of(seed, "dependency:" + n);
            BadPeriods periods = spells(n, spells);
            for (int tries = 0; tries < 20 && (periods.badShare() < 0.05 || periods.badShare() > 0.40); tries++) {
                periods = spells(n, spells);
            }
            return periods;
        });
    }

    private BadPeriods spells(String name, Rng spells) {
        double share = spells.between(0.10, 0.30);
        double meanBad = MEAN_BAD_PERIOD.toMinutes();
        double meanGood = meanBad * (1 - share) / share;
        Instant start = main.get(0).time();
        Instant end = start.plus(Duration.ofDays(scenario.days()));
        List<Instant[]> periods = new ArrayList<>();
        long badMinutes = 0;
        Instant at = start.plus(Duration.ofMinutes(exponential(spells, meanGood)));
        while (at.isBefore(end)) {
            Instant until = at.plus(Duration.ofMinutes(Math.max(30, exponential(spells, meanBad))));
            Instant clipped = until.isAfter(end) ? end : until;
            periods.add(new Instant[] {at, clipped});
            badMinutes += Duration.between(at, clipped).toMinutes();
            at = until.plus(Duration.ofMinutes(exponential(spells, meanGood)));
        }
        return new BadPeriods(name, periods, (double) badMinutes / Duration.between(start, end).toMinutes());
    }

    private static long exponential(Rng rng, double mean) {
        return (long) (-mean * Math.log(1 - rng.nextDouble()));
    }

    private static String flakyNotes(Flakiness f) {
        String rate = String.format(Locale.ROOT, "%.1f%%", f.rate() * 100);
        return switch (f.mode()) {
            case INDEPENDENT -> "Flaky: each execution fails independently with probability " + rate + " ("
                    + f.cause().category + "), so a retry within a run usually passes (surefire flakyFailure, a "
                    + "repeated testcase) and runs of one commit disagree.";
            case CLUSTERED -> String.format(Locale.ROOT, "Flaky in bursts: fails on %.0f%% of executions while %s "
                    + "is degraded (%.0f%% of the history, spells of hours), %.1f%% otherwise: %s overall. Failures "
                    + "cluster in time and across the tests that use %s; a retry in a bad spell often fails too.",
                    f.badRate() * 100, f.periods().orElseThrow().dependency(), f.periods().orElseThrow().badShare()
                            * 100, GOOD_RATE * 100, rate, f.periods().orElseThrow().dependency());
            case NIGHTLY_RACE -> "Flaky only under the nightly job's parallel, retry-less build: a race ("
                    + f.cause().category + ") failing " + rate + " of nightly executions and never elsewhere. Its "
                    + "evidence is a nightly failure on a commit whose push build passed.";
            case ORDER_DEPENDENT -> "Order-dependent: fails when a polluting test ran first in the same JVM ("
                    + rate + " of orders); surefire's retry runs in that JVM and fails too, so no run shows it "
                    + "passing on retry. Nightly builds shuffle the order; other jobs use the commit's fixed order.";
            case ORDER_BY_COMMIT -> "Order-dependent in a module that always runs in the commit's fixed order: "
                    + "fails on every run of about " + rate + " of commits and passes on every run of the others, "
                    + "retries included. Ambiguous: flaky by its generating process, but its history has no "
                    + "same-commit disagreement and no retry that passed, so it looks like regressions and fixes.";
        };
    }

    private void sortFlakyFirst(List<TestSpec> pool) {
        // Weighted sampling without replacement (exponential keys): browser tests are the flakiest, service tests
        // the least, as in most suites.
        Map<Integer, Double> keys = new HashMap<>();
        for (TestSpec test : pool) {
            double weight = switch (test.layer()) {
                case UI -> 3.0;
                case API -> 2.0;
                case SERVICE -> 1.0;
            };
            keys.put(test.index(), -Math.log(1 - rng.nextDouble()) / weight);
        }
        pool.sort(Comparator.comparingDouble(t -> keys.get(t.index())));
    }

    // ---- skipped, added, late ------------------------------------------------------------------------------------

    private TestPlan skipped(TestSpec test, boolean nightlyOnly) {
        if (nightlyOnly) {
            String reason = "Assumption failed: payments sandbox credentials are not configured in this environment";
            return new TestPlan(test, Kind.SKIPPED_SOMETIMES, Optional.empty(), List.of(), Optional.empty(),
                    Optional.of(new SkipRule(true, Optional.empty(), Optional.empty(), reason)),
                    List.of(change(main.get(0), "healthy")),
                    "Healthy; skipped by an assumption in every nightly run, run and passing elsewhere.");
        }
        int from = rng.between(Math.max(1, main.size() / 5), Math.max(1, main.size() * 6 / 10));
        int until = Math.min(main.size() - 1, from + Math.max(1, main.size() * rng.between(10, 30) / 100));
        if (until <= from) {
            return healthy(test);
        }
        String reason = "SHOP-" + rng.between(1000, 4999) + " disabled while the " + test.noun().toLowerCase(Locale.ROOT)
                + " fixtures are migrated";
        return new TestPlan(test, Kind.SKIPPED_SOMETIMES, Optional.empty(), List.of(), Optional.empty(),
                Optional.of(new SkipRule(false, Optional.of(main.get(from)), Optional.of(main.get(until)), reason)),
                List.of(change(main.get(0), "healthy")), "Healthy; @Disabled from " + describe(main.get(from))
                + " until " + describe(main.get(until)) + " (skipped there), passing before and after.");
    }

    private TestPlan healthy(TestSpec test) {
        return new TestPlan(test, Kind.HEALTHY, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                List.of(change(main.get(0), "healthy")), "Healthy: fails only when the infrastructure does.");
    }

    /** Moves some healthy and flaky tests' start to mid-history: a younger test with enough runs to judge. */
    private void addMidHistory(List<TestPlan> plans) {
        int count = (int) Math.round(scenario.tests() * scenario.addedShare());
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Kind kind = plans.get(i).kind();
            boolean plainFlaky = kind == Kind.FLAKY && plans.get(i).flakiness().orElseThrow().mode() == Mode.INDEPENDENT;
            if (kind == Kind.HEALTHY || plainFlaky) {
                candidates.add(i);
            }
        }
        rng.shuffle(candidates);
        int low = Math.max(1, main.size() / 4);
        int high = Math.max(low, main.size() * 6 / 10);
        for (int i : candidates.subList(0, Math.min(count, candidates.size()))) {
            TestPlan plan = plans.get(i);
            Commit at = main.get(rng.between(low, high));
            String label = plan.label();
            plans.set(i, new TestPlan(plan.test(), plan.kind(), Optional.of(at), plan.breaks(), plan.flakiness(),
                    plan.skip(), List.of(change(at, label)), "Added by " + describe(at) + ". " + plan.notes()));
        }
    }

    /** Late tests: each late suite lands in one {@code main} commit that only a few runs built. */
    private void addLate(List<TestSpec> late, List<TestPlan> plans) {
        Map<String, Commit> landedBy = new HashMap<>();
        for (TestSpec test : late) {
            Commit at = landedBy.computeIfAbsent(test.suite(), suite -> lateCommit());
            long runs = timeline.firstAttempts().stream().filter(r -> timeline.contains(r.commit(), at)).count();
            plans.add(new TestPlan(test, Kind.NEW, Optional.of(at), List.of(), Optional.empty(), Optional.empty(),
                    List.of(change(at, "new")), "Added late by " + describe(at) + ": " + runs + " first attempts "
                    + "ran it (re-runs may add one or two), too few to judge. Healthy by process."));
        }
    }

    private Commit lateCommit() {
        List<Integer> fitting = new ArrayList<>();
        int fewest = main.size() - 1;
        long fewestRuns = Long.MAX_VALUE;
        for (int i = main.size() / 2; i < main.size(); i++) {
            Commit candidate = main.get(i);
            long runs = timeline.firstAttempts().stream()
                    .filter(r -> !r.outage() && timeline.contains(r.commit(), candidate)).count();
            if (runs >= 1 && runs <= MAX_NEW_RUNS) {
                fitting.add(i);
            }
            if (runs >= 1 && runs < fewestRuns) {
                fewest = i;
                fewestRuns = runs;
            }
        }
        return main.get(fitting.isEmpty() ? fewest : rng.pick(fitting));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private TestPlan shortfall(TestSpec test, String what) {
        shortfalls.add("no room in this timeline for " + what + "; " + test.suite() + "." + test.name()
                + " stays healthy");
        return healthy(test);
    }

    private static Change change(Commit commit, String label) {
        return new Change(commit, Timeline.MAIN, label);
    }

    private static String describe(Commit commit) {
        return "commit " + commit.id().substring(0, 8) + " (" + commit.time() + ")";
    }

    private static TestSpec take(List<TestSpec> pool) {
        return pool.remove(0);
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }
}
