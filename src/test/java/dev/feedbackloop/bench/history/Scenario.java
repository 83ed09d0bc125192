package dev.feedbackloop.bench.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a generated history holds: its size and the proportions of each kind of test and run. Shares are of tests
 * (or of runs) and turn into whole counts by rounding; counts are absolute for the scenario's own test count and
 * scale with {@link #resized}.
 *
 * @param name               the scenario's name, as written into the truth file
 * @param runs               report files, re-runs included (the "100 runs")
 * @param tests              tests in the project at the end of the history, late additions included
 * @param days               length of the history in days
 * @param flakyShare         share of tests whose flaky process is still active at the end
 * @param mainRegressions    tests broken on {@code main} at the end: failing on every run since a commit
 * @param fixedRegressions   tests broken on {@code main} for a while, then fixed by a later commit
 * @param prRegressions      tests broken only on a pull-request branch that is never merged
 * @param fixedFlaky         flaky tests whose race a commit on {@code main} fixed
 * @param brokenAfterFlaky   flaky tests that a regression later broke for good
 * @param ambiguousTests     whether to add the two tests whose failures come and go across commits without any
 *                           same-commit disagreement or retry (one flaky by process, one a series of regressions)
 * @param lateShare          share of tests added so late that they ran only a few times
 * @param addedShare         share of tests added mid-history (healthy or flaky)
 * @param skippedShare       share of tests skipped in some runs (an assumption in the nightly job, or disabled for a
 *                           stretch of commits)
 * @param outageShare        share of first attempts that are infrastructure outages (85-100% of tests fail)
 * @param partialOutageShare share of first attempts hit by a partial infrastructure incident (30-70% of tests fail,
 *                           all with infrastructure errors)
 * @param prShare            share of first attempts, nightlies aside, on pull-request branches
 * @param rerunShare         share of runs that are re-runs (attempt 2) of an earlier run on the same commit
 * @param nightlyShare       share of first attempts that are nightlies (at most one a day)
 * @param glitchRate         chance that one execution of a UI test in a normal run fails from an infrastructure
 *                           hiccup (a crashed tab): noise a healthy test also meets
 * @param retryShare         share of push builds that retry a failing test (surefire {@code rerunFailingTestsCount});
 *                           0 also turns retries off on pull-request branches: a project that never retries, whose
 *                           only same-code evidence is re-runs and nightlies building a commit a push build built
 */
record Scenario(String name, int runs, int tests, int days, double flakyShare, int mainRegressions,
                int fixedRegressions, int prRegressions, int fixedFlaky, int brokenAfterFlaky,
                boolean ambiguousTests, double lateShare, double addedShare, double skippedShare,
                double outageShare, double partialOutageShare, double prShare, double rerunShare,
                double nightlyShare, double glitchRate, double retryShare) {

    private static final Map<String, Scenario> NAMED = new LinkedHashMap<>();

    static {
        add(new Scenario("default", 100, 150, 30, 0.10, 3, 1, 1, 2, 1, true,
                0.04, 0.03, 0.05, 0.04, 0.0, 0.25, 0.12, 0.30, 0.001, 0.8));
        add(new Scenario("small", 30, 40, 10, 0.10, 1, 0, 1, 1, 0, false,
                0.05, 0.0, 0.05, 0.04, 0.0, 0.25, 0.10, 0.30, 0.001, 0.8));
        add(new Scenario("pr-heavy", 100, 150, 30, 0.10, 2, 1, 3, 1, 1, true,
                0.04, 0.03, 0.05, 0.03, 0.0, 0.55, 0.12, 0.20, 0.001, 0.8));
        add(new Scenario("outages", 100, 150, 30, 0.10, 3, 1, 1, 2, 1, true,
                0.04, 0.03, 0.05, 0.12, 0.05, 0.25, 0.15, 0.30, 0.002, 0.8));
        add(new Scenario("late-tests", 100, 150, 30, 0.10, 3, 1, 1, 2, 1, true,
                0.12, 0.10, 0.05, 0.04, 0.0, 0.25, 0.12, 0.30, 0.001, 0.8));
        add(new Scenario("long", 300, 150, 90, 0.10, 3, 2, 2, 3, 1, true,
                0.03, 0.05, 0.05, 0.04, 0.01, 0.25, 0.12, 0.30, 0.001, 0.8));
        add(new Scenario("no-retries", 100, 150, 30, 0.10, 3, 1, 1, 2, 1, true,
                0.04, 0.03, 0.05, 0.04, 0.0, 0.25, 0.12, 0.30, 0.001, 0.0));
        add(new Scenario("short", 30, 150, 10, 0.10, 1, 0, 1, 1, 0, false,
                0.04, 0.0, 0.05, 0.04, 0.0, 0.25, 0.12, 0.30, 0.001, 0.8));
    }

    Scenario {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("scenario name must not be blank");
        }
        atLeast("runs", runs, 10);
        atLeast("tests", tests, 10);
        atLeast("days", days, 1);
        for (int count : new int[] {mainRegressions, fixedRegressions, prRegressions, fixedFlaky, brokenAfterFlaky}) {
            atLeast("a count of special tests", count, 0);
        }
        share("flakyShare", flakyShare);
        share("lateShare", lateShare);
        share("addedShare", addedShare);
        share("skippedShare", skippedShare);
        share("prShare", prShare);
        share("rerunShare", rerunShare);
        share("nightlyShare", nightlyShare);
        share("glitchRate", glitchRate);
        share("retryShare", retryShare);
        share("outageShare", outageShare);
        share("partialOutageShare", partialOutageShare);
        if (outageShare + partialOutageShare > 0.5) {
            throw new IllegalArgumentException("outageShare + partialOutageShare must be at most 0.5, was "
                    + (outageShare + partialOutageShare));
        }
        if (rerunShare > 0.5) {
            throw new IllegalArgumentException("rerunShare must be at most 0.5 (a re-run needs a run), was "
                    + rerunShare);
        }
    }

    /** The names {@link #named} knows, in a stable order. */
    static List<String> names() {
        return List.copyOf(NAMED.keySet());
    }

    /**
     * @throws IllegalArgumentException naming the known scenarios when {@code name} is not one
     */
    static Scenario named(String name) {
        Scenario scenario = NAMED.get(name);
        if (scenario == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", names()));
        }
        return scenario;
    }

    /** This scenario at another size; counts of special tests scale with the test count (at least 1 if any). */
    Scenario resized(int newRuns, int newTests, int newDays) {
        double scale = (double) newTests / tests;
        return new Scenario(name, newRuns, newTests, newDays, flakyShare, scaled(mainRegressions, scale),
                scaled(fixedRegressions, scale), scaled(prRegressions, scale), scaled(fixedFlaky, scale),
                scaled(brokenAfterFlaky, scale), ambiguousTests, lateShare, addedShare, skippedShare, outageShare,
                partialOutageShare, prShare, rerunShare, nightlyShare, glitchRate, retryShare);
    }

    /**
     * This scenario's size with proportions drawn from {@code seed}, so that scores over many seeds do not fit one
     * set of proportions. The ranges span what CI histories commonly show (a few to a fifth of tests flaky, up to a
     * tenth of runs outages, a tenth to half of runs on pull requests).
     */
    Scenario mixed(long seed) {
        Rng rng = Rng.of(seed, "mix");
        double scale = tests / 150.0;
        return new Scenario(name + "+mix", runs, tests, days, rng.between(0.03, 0.20),
                scaled(rng.between(1, 5), scale), scaled(rng.between(0, 2), scale), scaled(rng.between(0, 2), scale),
                scaled(rng.between(0, 3), scale), scaled(rng.between(0, 2), scale), rng.chance(0.7),
                rng.between(0.0, 0.10), rng.between(0.0, 0.08), rng.between(0.0, 0.08), rng.between(0.0, 0.10),
                rng.chance(0.3) ? rng.between(0.0, 0.04) : 0.0, rng.between(0.10, 0.50), rng.between(0.05, 0.20),
                rng.between(0.15, 0.40), rng.between(0.0, 0.003), rng.chance(0.25) ? 0.0 : rng.between(0.3, 1.0));
    }

    /** The parameters as name/value pairs, for the truth file. */
    Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var component : Scenario.class.getRecordComponents()) {
            try {
                out.put(component.getName(), component.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read scenario component " + component.getName(), e);
            }
        }
        return out;
    }

    private static void add(Scenario scenario) {
        NAMED.put(scenario.name(), scenario);
    }

    private static int scaled(int count, double scale) {
        return count == 0 ? 0 : Math.max(1, (int) Math.round(count * scale));
    }

    private static void atLeast(String what, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", was " + value);
        }
    }

    private static void share(String what, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, was " + value);
        }
    }
}
