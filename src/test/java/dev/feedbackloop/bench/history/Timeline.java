package dev.feedbackloop.bench.history;

import dev.feedbackloop.bench.history.PlannedRun.Job;
import dev.feedbackloop.bench.history.PlannedRun.RetryStyle;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The commits and CI runs of a history: commits on {@code main} through the working days, pull-request branches
 * that start from {@code main}, build each of their commits and mostly merge back, a nightly build of {@code main}'s
 * head, and re-runs (attempt 2) of some runs, mostly red ones.
 *
 * <p>Built in two steps, because a re-run follows the outcome of the run it repeats: {@link #plan} lays out commits
 * and first attempts; {@link #reruns} picks the runs re-run once their results are known.
 */
final class Timeline {

    static final String MAIN = "main";

    private static final String[] TOPICS = {"coupon-stacking", "guest-checkout", "search-facets", "order-export",
        "address-book", "refund-flow", "wishlist-sharing", "invoice-pdf", "stock-alerts", "review-moderation",
        "payment-retry", "shipping-rates", "admin-audit-log", "cart-merge", "saved-cards", "email-digest"};
    private static final String[] MAIN_MESSAGES = {"Bump selenium-java to 4.21.0", "Extract price formatter",
        "Fix N+1 query in order list", "Tune connection pool", "Log payment gateway latency",
        "Rename CartLine to CartItem", "Upgrade Spring Boot to 3.3.1", "Cache category tree",
        "Tidy checkout controller", "Add index on orders.created_at", "Update translations"};
    private static final String[] PR_MESSAGES = {"WIP", "Address review comments", "Add tests",
        "Handle empty state", "Fix lint", "Simplify mapping", "Rename variables", "Rebase on main"};

    private final List<Commit> main;
    private final List<Branch> branches;
    private final List<PlannedRun> firstAttempts;
    private final Map<String, Branch> branchByName = new HashMap<>();

    private Timeline(List<Commit> main, List<Branch> branches, List<PlannedRun> firstAttempts) {
        this.main = List.copyOf(main);
        this.branches = List.copyOf(branches);
        this.firstAttempts = List.copyOf(firstAttempts);
        for (Branch branch : branches) {
            branchByName.put(branch.name(), branch);
        }
    }

    /**
     * Lays out a history of {@code scenario.runs()} run attempts, of which {@link #rerunCount} are left for
     * {@link #reruns}.
     *
     * @param longBranches how many branches to make long enough (3+ builds after their first commit) to carry a
     *                     pull-request regression; they are never merged
     */
    static Timeline plan(Scenario scenario, long seed, Instant start, int longBranches) {
        return new Planner(scenario, seed, start).plan(longBranches);
    }

    /** How many re-runs the scenario asks for. */
    static int rerunCount(Scenario scenario) {
        return (int) Math.round(scenario.runs() * scenario.rerunShare());
    }

    List<Commit> main() {
        return main;
    }

    List<Branch> branches() {
        return branches;
    }

    List<PlannedRun> firstAttempts() {
        return firstAttempts;
    }

    /** Every commit, {@code main}'s first, then each branch's. */
    List<Commit> commits() {
        List<Commit> all = new ArrayList<>(main);
        branches.forEach(branch -> all.addAll(branch.commits()));
        return all;
    }

    /** Whether {@code commit} holds the change {@code change} made: it is {@code change} or a descendant of it. */
    boolean contains(Commit commit, Commit change) {
        if (change.onMain()) {
            return commit.mainIndex() >= change.mainIndex();
        }
        if (commit.branch().equals(change.branch())) {
            return commit.branchIndex() >= change.branchIndex();
        }
        OptionalInt merged = branchByName.get(change.branch()).mergedAt();
        return merged.isPresent() && commit.mainIndex() >= merged.getAsInt();
    }

    /**
     * Picks re-runs: outages first (a team re-runs a run the infrastructure broke), then red runs, then any, each
     * 15-90 minutes after the run it repeats, on the same commit, with the incident over.
     *
     * @param red the numbers of first attempts in which a test ended failing
     */
    List<PlannedRun> reruns(Set<Integer> red, int count, Rng rng) {
        List<PlannedRun> outages = new ArrayList<>();
        List<PlannedRun> failing = new ArrayList<>();
        List<PlannedRun> rest = new ArrayList<>();
        for (PlannedRun run : firstAttempts) {
            (run.outage() ? outages : red.contains(run.number()) ? failing : rest).add(run);
        }
        rng.shuffle(outages);
        rng.shuffle(failing);
        rng.shuffle(rest);
        List<PlannedRun> candidates = new ArrayList<>(outages);
        candidates.addAll(failing);
        candidates.addAll(rest);
        List<PlannedRun> reruns = new ArrayList<>();
        for (PlannedRun run : candidates.subList(0, Math.min(count, candidates.size()))) {
            reruns.add(run.rerun(run.time().plus(rng.between(15, 90), ChronoUnit.MINUTES)));
        }
        reruns.sort(Comparator.comparing(PlannedRun::time));
        return reruns;
    }

    /** Lays out one history. */
    private static final class Planner {
        private final Scenario scenario;
        private static final long BLIP = 0xb11b;
        private static final double BLIP_SHARE = 1.0 / 3;
        private final long seed;
        private final Instant start;
        private final Instant end;
        private final Rng rng;
        private int ordinal;

        Planner(Scenario scenario, long seed, Instant start) {
            this.scenario = scenario;
            this.seed = seed;
            this.start = start;
            this.end = start.plus(Duration.ofDays(scenario.days()));
            this.rng = Rng.of(seed, "timeline");
        }

        Timeline plan(int longBranches) {
            int firsts = scenario.runs() - rerunCount(scenario);
            int nightlies = Math.min(scenario.days(), (int) Math.round(firsts * scenario.nightlyShare()));
            int builds = firsts - nightlies;
            int prBuilds = Math.min((int) Math.round(builds * scenario.prShare()), builds - 2);
            List<Instant> mainTimes = mainTimes(builds - prBuilds);
            List<BranchPlan> plans = branchPlans(prBuilds, longBranches, mainTimes);
            Map<Integer, BranchPlan> merges = merges(plans, mainTimes);
            List<Commit> mainCommits = mainCommits(mainTimes, merges);
            List<Branch> branches = new ArrayList<>();
            for (BranchPlan plan : plans) {
                branches.add(plan.toBranch(this));
            }
            List<PlannedRun> runs = firstAttempts(mainCommits, branches, plans, nightlies);
            return new Timeline(mainCommits, branches, runs);
        }

        /** Commit 0 at the start, the others at random working hours, in order. */
        private List<Instant> mainTimes(int count) {
            List<Instant> times = new ArrayList<>();
            times.add(start);
            for (int i = 1; i < count; i++) {
                times.add(workingHour(rng.nextInt(scenario.days())));
            }
            times.sort(Comparator.naturalOrder());
            return times;
        }

        private Instant workingHour(int day) {
            return start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(rng.between(8 * 60, 19 * 60)));
        }

        private List<BranchPlan> branchPlans(int prBuilds, int longBranches, List<Instant> mainTimes) {
            List<BranchPlan> plans = new ArrayList<>();
            int left = prBuilds;
            int number = 100 + rng.nextInt(900);
            for (int i = 0; i < longBranches && left >= 3; i++) {
                int size = Math.min(left, rng.between(4, 6));
                plans.add(branchPlan(number, size, true, mainTimes));
                number += rng.between(1, 9);
                left -= size;
            }
            while (left > 0) {
                int size = Math.min(left, rng.between(1, 4));
                plans.add(branchPlan(number, size, false, mainTimes));
                number += rng.between(1, 9);
                left -= size;
            }
            return plans;
        }

        private BranchPlan branchPlan(int number, int size, boolean abandoned, List<Instant> mainTimes) {
            List<Long> gaps = new ArrayList<>();
            long total = 0;
            for (int i = 1; i < size; i++) {
                long gap = rng.between(20, 14 * 60);
                gaps.add(gap);
                total += gap;
            }
            long span = Duration.between(start, end).toMinutes();
            long latestFirst = Math.max(60, span - 10 - total);
            Instant first = start.plus(Duration.ofMinutes(rng.between(60, (int) Math.max(61, latestFirst))));
            List<Instant> times = new ArrayList<>();
            times.add(first);
            Instant at = first;
            double squeeze = total > span - 70 ? (span - 70.0) / total : 1.0; // a branch longer than the history
            for (long gap : gaps) {
                at = at.plus(Duration.ofMinutes(Math.max(1, (long) (gap * squeeze))));
                times.add(at);
            }
            int base = 0;
            while (base + 1 < mainTimes.size() && mainTimes.get(base + 1).isBefore(first)) {
                base++;
            }
            String name = (rng.chance(0.7) ? "feature/" : "fix/") + number + "-" + rng.pick(TOPICS);
            RetryStyle style = rng.chance(0.5) ? RetryStyle.SUREFIRE_RERUN : RetryStyle.REPEATED_TESTCASE;
            if (scenario.retryShare() == 0) {
                style = RetryStyle.NONE;
            }
            return new BranchPlan(name, number, base, times, abandoned, style);
        }

        /** Most branches merge at the first free {@code main} commit after their last build; some stay open. */
        private Map<Integer, BranchPlan> merges(List<BranchPlan> plans, List<Instant> mainTimes) {
            Map<Integer, BranchPlan> merges = new HashMap<>();
            for (BranchPlan plan : plans) {
                if (plan.abandoned || !rng.chance(0.85)) {
                    continue;
                }
                Instant ready = plan.times.get(plan.times.size() - 1).plus(Duration.ofMinutes(5));
                for (int i = 1; i < mainTimes.size(); i++) {
                    if (mainTimes.get(i).isAfter(ready) && !merges.containsKey(i)) {
                        merges.put(i, plan);
                        plan.mergedAt = OptionalInt.of(i);
                        break;
                    }
                }
            }
            return merges;
        }

        private List<Commit> mainCommits(List<Instant> times, Map<Integer, BranchPlan> merges) {
            List<Commit> commits = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                BranchPlan merged = merges.get(i);
                String message = i == 0 ? "Initial import of the shop service"
                        : merged != null ? "Merge pull request #" + merged.number + " from acme/" + merged.name
                        : rng.pick(MAIN_MESSAGES);
                commits.add(commit(MAIN, i, i, times.get(i), message));
            }
            return commits;
        }

        Commit commit(String branch, int mainIndex, int branchIndex, Instant time, String message) {
            int n = ordinal++;
            Rng idBits = Rng.keyed(seed, 0x5eed_c0de, n);
            String id = String.format(Locale.ROOT, "%016x%016x%08x", idBits.nextLong(), idBits.nextLong(),
                    idBits.nextLong() >>> 32);
            return new Commit(n, id, branch, mainIndex, branchIndex, time, message);
        }

        private List<PlannedRun> firstAttempts(List<Commit> mainCommits, List<Branch> branches,
                                               List<BranchPlan> plans, int nightlies) {
            List<Draft> drafts = new ArrayList<>();
            for (Commit commit : mainCommits) {
                RetryStyle style = rng.chance(scenario.retryShare()) ? RetryStyle.SUREFIRE_RERUN : RetryStyle.NONE;
                drafts.add(new Draft(commit, afterPush(commit), Job.PUSH, style));
            }
            for (int b = 0; b < branches.size(); b++) {
                for (Commit commit : branches.get(b).commits()) {
                    drafts.add(new Draft(commit, afterPush(commit), Job.PULL_REQUEST, plans.get(b).style));
                }
            }
            for (int i = 0; i < nightlies; i++) {
                int day = (int) ((long) i * scenario.days() / nightlies);
                Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(120 + rng.nextInt(40)));
                drafts.add(new Draft(headAt(mainCommits, at), at, Job.NIGHTLY, RetryStyle.NONE));
            }
            drafts.sort(Comparator.comparing(Draft::time).thenComparing(d -> d.commit().ordinal()));
            return numbered(drafts);
        }

        private Instant afterPush(Commit commit) {
            return commit.time().plus(Duration.ofMinutes(rng.between(2, 8)));
        }

        private static Commit headAt(List<Commit> mainCommits, Instant at) {
            Commit head = mainCommits.get(0);
            for (Commit commit : mainCommits) {
                if (commit.time().isAfter(at)) {
                    break;
                }
                head = commit;
            }
            return head;
        }

        /** Run ids in time order; exactly the scenario's share of outages and partial incidents, at random. */
        private List<PlannedRun> numbered(List<Draft> drafts) {
            int outages = (int) Math.round(drafts.size() * scenario.outageShare());
            int partial = (int) Math.round(drafts.size() * scenario.partialOutageShare());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                order.add(i);
            }
            rng.shuffle(order);
            Set<Integer> full = new HashSet<>(order.subList(0, outages));
            Set<Integer> part = new HashSet<>(order.subList(outages, Math.min(order.size(), outages + partial)));
            int width = Math.max(3, String.valueOf(drafts.size()).length());
            List<PlannedRun> runs = new ArrayList<>();
            for (int i = 0; i < drafts.size(); i++) {
                Draft d = drafts.get(i);
                Incident incident = full.contains(i) ? incident(Incident.Kind.FULL, 0.85, 1.0, i)
                        : part.contains(i) ? incident(Incident.Kind.PARTIAL, 0.10, 0.70, i) : Incident.NONE;
                String id = String.format(Locale.ROOT, "r%0" + width + "d", i + 1);
                runs.add(new PlannedRun(id, i + 1, 1, d.commit(), d.time(), d.job(), d.style(), incident));
            }
            return runs;
        }

        /**
         * An incident of the run at {@code index}. A third of incidents are blips, over before the build retries
         * its failed tests; drawn keyed by the run, apart from the timeline's stream, so adding the blip did not
         * move any other draw of a seed.
         */
        private Incident incident(Incident.Kind kind, double lowHit, double highHit, int index) {
            return new Incident(kind, rng.pick(Incident.Cause.values()), rng.between(lowHit, highHit),
                    Rng.draw(seed, BLIP, index) < BLIP_SHARE);
        }

        private record Draft(Commit commit, Instant time, Job job, RetryStyle style) {
        }
    }

    /** A branch before its commits get ids. */
    private static final class BranchPlan {
        final String name;
        final int number;
        final int base;
        final List<Instant> times;
        final boolean abandoned;
        final RetryStyle style;
        OptionalInt mergedAt = OptionalInt.empty();

        BranchPlan(String name, int number, int base, List<Instant> times, boolean abandoned, RetryStyle style) {
            this.name = name;
            this.number = number;
            this.base = base;
            this.times = times;
            this.abandoned = abandoned;
            this.style = style;
        }

        Branch toBranch(Planner planner) {
            List<Commit> commits = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                String message = i == 0 ? "Start " + name.substring(name.indexOf('-') + 1).replace('-', ' ')
                        : PR_MESSAGES[(number + i) % PR_MESSAGES.length];
                commits.add(planner.commit(name, base, i, times.get(i), message));
            }
            return new Branch(name, number, base, commits, mergedAt, abandoned);
        }
    }
}
