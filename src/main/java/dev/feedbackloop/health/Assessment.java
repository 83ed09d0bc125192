package dev.feedbackloop.health;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.fingerprint.Fingerprint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Everything the rules read about a test, computed from its {@link TestHealth} in one pass over the window (so in
 * time bounded by {@link HealthSettings#window()}, whatever the length of its history).
 *
 * @param defaultBranch  the branch the test's verdict is about
 * @param executions     counted executions in the window
 * @param failing        those with a failed attempt (a final failure or a pass on retry)
 * @param flakyFailing   {@code failing} without the failures of another branch's broken streak: what the flaky rule
 *                       counts (a pull request's regression is that branch's business)
 * @param retryPasses    passes on retry in the window, newest first
 * @param disagreements  commits on which the test both passed and failed, newest first
 * @param recurring      one root cause coming and going in short episodes on the default branch, if seen
 * @param branches       failure and flip rate per branch over the window, the default branch first
 * @param streaks        each branch's current streak of final failures since its last pass, the default branch first
 * @param brokenBranches streaks on other branches long enough to call the test broken there
 * @param rootCauses     root causes of the window's failures
 * @param cleanRuns      clean executions in a row up to the newest, across branches (may exceed the window)
 * @param runsToBreak    how many failing runs on the default branch make this test broken (see
 *                       {@link #runsToBreak(List, Evidence.FailureStreak, HealthSettings)})
 * @param proofs         pieces of flaky evidence that prove non-determinism on their own: passes on retry and
 *                       same-commit disagreements whose failure was not {@code INFRA}
 * @param flakyRate      the share of executions with a failure of the test's own ({@link Execution#ownFailure()},
 *                       not {@code INFRA}; pull-request regressions left out) over the window and, while the test is flaky, what
 *                       the window let go of since it became flaky ({@link TestHealth#flakyBeforeWindow()}), up
 *                       to its current clean streak, as failing / (executions + 1)
 * @param exitRuns       clean runs in a row a flaky test needs before it leaves {@code flaky} by the chance rule:
 *                       {@code ceil(ln(flakyExitChance) / ln(1 - flakyRate))}, capped at {@code flakyExitMaxRuns}
 * @param score          flakiness score, 0..1: {@code (1 - 0.5^e) * min(1, 2f)} with {@code e} the pieces of flaky
 *                       evidence and {@code f} the share of executions with a failure (counting
 *                       {@code flakyFailing}); 0 without flaky evidence
 */
public record Assessment(String defaultBranch, int executions, int failing, int flakyFailing,
                         List<Evidence.RetryPass> retryPasses, List<Evidence.SameCommitDisagreement> disagreements,
                         Optional<Evidence.RecurringFailure> recurring, List<Evidence.BranchRates> branches, List<Evidence.FailureStreak> streaks,
                         List<Evidence.FailureStreak> brokenBranches, Evidence.RootCauses rootCauses, int cleanRuns,
                         int runsToBreak, int proofs, double flakyRate, int exitRuns, double score) {

    private static final String MAIN = "main";
    private static final String MASTER = "master";

    public Assessment {
        Objects.requireNonNull(defaultBranch, "defaultBranch");
        retryPasses = List.copyOf(retryPasses);
        disagreements = List.copyOf(disagreements);
        Objects.requireNonNull(recurring, "recurring");
        branches = List.copyOf(branches);
        streaks = List.copyOf(streaks);
        brokenBranches = List.copyOf(brokenBranches);
        Objects.requireNonNull(rootCauses, "rootCauses");
        if (!(flakyRate >= 0 && flakyRate < 1)) {
            throw new IllegalArgumentException("flakyRate must be within 0..1 (exclusive), was " + flakyRate);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be within 0..1, was " + score);
        }
    }

    /** Assesses {@code health} under {@code settings}. */
    public static Assessment of(TestHealth health, HealthSettings settings) {
        String defaultBranch = defaultBranch(settings, health, Optional.empty());
        List<Execution> window = health.window();
        List<Evidence.FailureStreak> streaks = streaks(health, defaultBranch);
        List<Evidence.FailureStreak> brokenBranches = new ArrayList<>();
        int pullRequestFailures = 0;
        for (Evidence.FailureStreak streak : streaks) {
            if (!streak.branch().equals(defaultBranch) && streak.runs() >= runsToBreak(window, streak, settings)) {
                brokenBranches.add(streak);
                pullRequestFailures += failuresInWindowFrom(window, streak, defaultBranch);
            }
        }
        int failing = (int) window.stream().filter(e -> e.outcome().hadFailure()).count();
        int flakyFailing = failing - pullRequestFailures;
        List<Evidence.RetryPass> retryPasses = retryPasses(window, defaultBranch);
        List<Evidence.SameCommitDisagreement> disagreements = disagreements(window);
        Optional<Evidence.RecurringFailure> recurring = recurring(window, defaultBranch, settings);
        int evidence = retryPasses.size() + disagreements.size() + (recurring.isPresent() ? 1 : 0);
        int runsToBreak = streaks.stream().filter(s -> s.branch().equals(defaultBranch)).findFirst()
                .map(s -> runsToBreak(window, s, settings)).orElse(settings.brokenMinRuns());
        int proofs = (int) (retryPasses.stream().filter(Evidence.RetryPass::proof).count()
                + disagreements.stream().filter(Evidence.SameCommitDisagreement::proof).count());
        FlakyTally before = health.flakyBeforeWindow();
        int own = (int) Math.min(Math.max(0, flakyFailing), window.stream().filter(Execution::ownFailure).count());
        // The rate while it still failed: the clean streak it may be leaving by is not part of it, or every clean
        // run would lower the rate and raise the bar it has to clear.
        int seen = window.size() + before.executions();
        int cleanRuns = cleanRuns(health);
        double flakyRate = (double) (own + before.failing()) / (seen - Math.min(cleanRuns, seen) + 1);
        return new Assessment(defaultBranch, window.size(), failing, flakyFailing, retryPasses, disagreements,
                recurring, branchRates(window, defaultBranch), streaks, brokenBranches, rootCauses(window),
                cleanRuns, runsToBreak, proofs, flakyRate, exitRuns(flakyRate, settings),
                score(evidence, flakyFailing, window.size()));
    }

    /**
     * How many clean runs in a row prove a flaky test's race gone: enough that a test still failing at
     * {@code flakyRate} would pass them all with probability at most {@code flakyExitChance}, i.e.
     * {@code ceil(ln(flakyExitChance) / ln(1 - flakyRate))}, capped at {@code flakyExitMaxRuns}. A test failing 10%
     * of its runs needs 44; one failing 3%, 150 (the cap); one failing 40%, 10 (the window rule asks 30 anyway).
     */
    static int exitRuns(double flakyRate, HealthSettings settings) {
        if (flakyRate <= 0) {
            return 0;
        }
        double needed = Math.ceil(Math.log(settings.flakyExitChance()) / Math.log(1 - flakyRate));
        return (int) Math.min(settings.flakyExitMaxRuns(), needed);
    }

    /** Pieces of flaky evidence: passes on retry, commits with both results, and a recurring failure. */
    public int flakyEvidence() {
        return retryPasses.size() + disagreements.size() + (recurring.isPresent() ? 1 : 0);
    }

    /** The default branch's current failure streak, if it is failing now. */
    public Optional<Evidence.FailureStreak> defaultStreak() {
        return streaks.stream().filter(s -> s.branch().equals(defaultBranch)).findFirst();
    }

    /** Whether the default branch's streak is long enough to call the test broken. */
    public boolean brokenOnDefaultBranch() {
        return defaultStreak().filter(s -> s.runs() >= runsToBreak).isPresent();
    }

    /** All evidence, for a report: streaks, flaky evidence, rates and root causes. */
    public List<Evidence> evidence() {
        List<Evidence> all = new ArrayList<>(streaks);
        all.addAll(retryPasses);
        all.addAll(disagreements);
        recurring.ifPresent(all::add);
        all.addAll(branches);
        if (!rootCauses.counts().isEmpty()) {
            all.add(rootCauses);
        }
        return all;
    }

    /**
     * The default branch the settings name, else {@code main}, else {@code master} when the test (with
     * {@code incoming}) ran on {@code master} but never on {@code main}.
     */
    static String defaultBranch(HealthSettings settings, TestHealth health, Optional<Execution> incoming) {
        if (settings.defaultBranch().isPresent()) {
            return settings.defaultBranch().get();
        }
        TreeSet<String> seen = new TreeSet<>(health.streaksBeforeWindow().keySet());
        health.window().forEach(e -> e.branch().ifPresent(seen::add));
        incoming.flatMap(Execution::branch).ifPresent(seen::add);
        return !seen.contains(MAIN) && seen.contains(MASTER) ? MASTER : MAIN;
    }

    /**
     * How many failing runs in a row make {@code streak} a regression rather than bad luck: at least
     * {@code brokenMinRuns}, and enough that the test's own final-failure rate before the streak, {@code p}, would
     * produce the streak with probability at most {@code brokenChance}: {@code ceil(ln(brokenChance) / ln(p))},
     * capped at {@code brokenMaxRuns}. {@code p} is estimated as failures / (executions + 1) over the window before
     * the streak, so a short past does not fake a high rate. A test that never failed before needs
     * {@code brokenMinRuns}; one failing 40% of its runs needs 6.
     */
    static int runsToBreak(List<Execution> window, Evidence.FailureStreak streak, HealthSettings settings) {
        int before = 0;
        int failed = 0;
        for (Execution e : window) {
            if (e.time().isBefore(streak.startTime())) {
                before++;
                failed += e.outcome().failedFinally() ? 1 : 0;
            }
        }
        if (failed == 0) {
            return settings.brokenMinRuns();
        }
        double rate = (double) failed / (before + 1);
        int needed = (int) Math.ceil(Math.log(settings.brokenChance()) / Math.log(rate));
        return Math.max(settings.brokenMinRuns(), Math.min(settings.brokenMaxRuns(), needed));
    }

    private static List<Evidence.FailureStreak> streaks(TestHealth health, String defaultBranch) {
        Map<String, List<Execution>> byBranch = new LinkedHashMap<>();
        byBranch.put(defaultBranch, new ArrayList<>());
        health.streaksBeforeWindow().keySet().forEach(b -> byBranch.putIfAbsent(b, new ArrayList<>()));
        health.window().forEach(e -> byBranch.computeIfAbsent(e.branchOr(defaultBranch), b -> new ArrayList<>())
                .add(e));
        List<Evidence.FailureStreak> streaks = new ArrayList<>();
        byBranch.forEach((branch, executions) -> {
            int lastPass = lastPass(executions);
            Evidence.FailureStreak streak = lastPass < 0 ? health.streaksBeforeWindow().get(branch) : null;
            for (Execution e : executions.subList(lastPass + 1, executions.size())) {
                streak = streak == null ? Evidence.FailureStreak.of(e, branch) : streak.then(e);
            }
            if (streak != null) {
                streaks.add(streak);
            }
        });
        return streaks;
    }

    private static int lastPass(List<Execution> executions) {
        for (int i = executions.size() - 1; i >= 0; i--) {
            if (executions.get(i).outcome().passed()) {
                return i;
            }
        }
        return -1;
    }

    private static int failuresInWindowFrom(List<Execution> window, Evidence.FailureStreak streak,
                                            String defaultBranch) {
        return (int) window.stream().filter(e -> e.branchOr(defaultBranch).equals(streak.branch()))
                .filter(e -> !e.time().isBefore(streak.startTime())).count();
    }

    private static List<Evidence.RetryPass> retryPasses(List<Execution> window, String defaultBranch) {
        List<Evidence.RetryPass> passes = new ArrayList<>();
        for (int i = window.size() - 1; i >= 0; i--) {
            Execution e = window.get(i);
            if (e.outcome() == Outcome.PASSED_ON_RETRY) {
                passes.add(new Evidence.RetryPass(e.run(), e.commit(), e.branchOr(defaultBranch), e.time(),
                        e.category()));
            }
        }
        return passes;
    }

    private static List<Evidence.SameCommitDisagreement> disagreements(List<Execution> window) {
        Map<String, Execution> lastPass = new LinkedHashMap<>();
        Map<String, Execution> lastFailure = new LinkedHashMap<>();
        for (Execution e : window) {
            if (e.commit().isPresent()) {
                (e.outcome().passed() ? lastPass : lastFailure).put(e.commit().get(), e);
            }
        }
        List<Evidence.SameCommitDisagreement> found = new ArrayList<>();
        lastFailure.forEach((commit, failed) -> {
            Execution passed = lastPass.get(commit);
            if (passed != null) {
                found.add(new Evidence.SameCommitDisagreement(commit, failed.run(), passed.run(),
                        failed.time().isAfter(passed.time()) ? failed.time() : passed.time(), failed.category()));
            }
        });
        found.sort((a, b) -> b.time().compareTo(a.time()));
        return found;
    }

    /**
     * The root cause with the most short failure episodes on the default branch, when it has at least
     * {@code recurringEpisodes}: each episode is at most {@code recurringMaxEpisodeRuns} final failures in a row,
     * ended by a pass, every failure with that fingerprint. Episodes still open (no pass yet) are left out: they may
     * be a regression in the making. Only the default branch counts, because on a pull request the same failure
     * coming and going is usually its author fixing and re-breaking their own change.
     */
    static Optional<Evidence.RecurringFailure> recurring(List<Execution> window, String defaultBranch,
                                                         HealthSettings settings) {
        if (settings.recurringEpisodes() == 0) {
            return Optional.empty();
        }
        Map<Fingerprint, List<Execution>> episodes = new LinkedHashMap<>();
        List<Execution> open = new ArrayList<>();
        for (Execution e : window) {
            if (!e.branchOr(defaultBranch).equals(defaultBranch)) {
                continue;
            }
            if (e.outcome().failedFinally()) {
                open.add(e);
                continue;
            }
            Optional<Fingerprint> shared = sharedFingerprint(open);
            if (shared.isPresent() && open.size() <= settings.recurringMaxEpisodeRuns()) {
                episodes.computeIfAbsent(shared.get(), f -> new ArrayList<>()).add(open.get(0));
            }
            open.clear();
        }
        return episodes.entrySet().stream()
                .filter(en -> en.getValue().size() >= settings.recurringEpisodes())
                .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()))
                .map(en -> new Evidence.RecurringFailure(en.getKey(),
                        en.getValue().stream().map(Execution::run).toList(),
                        en.getValue().stream().flatMap(x -> x.commit().stream()).toList()));
    }

    private static Optional<Fingerprint> sharedFingerprint(List<Execution> failures) {
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        Optional<Fingerprint> first = failures.get(0).fingerprint();
        return failures.stream().allMatch(f -> f.fingerprint().equals(first)) ? first : Optional.empty();
    }

    private static List<Evidence.BranchRates> branchRates(List<Execution> window, String defaultBranch) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // executions, failures, flips, last result (1 = passed)
        counts.put(defaultBranch, new int[] {0, 0, 0, -1});
        for (Execution e : window) {
            int[] c = counts.computeIfAbsent(e.branchOr(defaultBranch), b -> new int[] {0, 0, 0, -1});
            int passed = e.outcome().passed() ? 1 : 0;
            c[0]++;
            c[1] += 1 - passed;
            c[2] += c[3] >= 0 && c[3] != passed ? 1 : 0;
            c[3] = passed;
        }
        List<Evidence.BranchRates> rates = new ArrayList<>();
        counts.forEach((branch, c) -> rates.add(new Evidence.BranchRates(branch, c[0], c[1], c[2])));
        return rates;
    }

    private static Evidence.RootCauses rootCauses(List<Execution> window) {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        window.stream().filter(e -> e.outcome().hadFailure())
                .forEach(e -> counts.merge(e.category().orElse(Category.UNKNOWN), 1, Integer::sum));
        return new Evidence.RootCauses(counts);
    }

    private static int cleanRuns(TestHealth health) {
        List<Execution> window = health.window();
        int clean = 0;
        for (int i = window.size() - 1; i >= 0; i--) {
            if (!window.get(i).outcome().clean()) {
                return clean;
            }
            clean++;
        }
        return clean + health.cleanBeforeWindow();
    }

    /**
     * {@code (1 - 0.5^e) * min(1, 2f)}: the first factor is the confidence that the failures are non-deterministic
     * (each independent proof halves the doubt; none, no flakiness), the second how much the test disturbs CI, at
     * its worst when it fails half of its runs. Rounded to 3 decimals so that reports are stable.
     */
    static double score(int evidence, int failing, int executions) {
        if (evidence == 0 || executions == 0) {
            return 0;
        }
        double confidence = 1 - Math.pow(0.5, evidence);
        double disturbance = Math.min(1.0, 2.0 * Math.max(0, failing) / executions);
        return Math.round(confidence * disturbance * 1000) / 1000.0;
    }
}
