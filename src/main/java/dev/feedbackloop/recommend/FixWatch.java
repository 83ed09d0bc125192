package dev.feedbackloop.recommend;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Watches an implemented fix: verified after {@code cleanRuns} runs of the affected tests without the scenario (or
 * {@code quietPeriod} with at least one clean run and no recurrence), ineffective as soon as it recurs. The
 * effectiveness score compares the failure rate over the last n runs before the fix with the first n after, n being
 * the smaller side; with no run kept before the fix, the run that raised the scenario counts as one failing run.
 *
 * @param cleanRuns   clean runs that verify a fix (default 10)
 * @param quietPeriod time without recurrence that verifies a fix (default 30 days)
 */
public record FixWatch(int cleanRuns, Duration quietPeriod) {

    public FixWatch {
        if (cleanRuns < 1) {
            throw new IllegalArgumentException("clean runs to verify must be at least 1, was " + cleanRuns);
        }
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("quiet period must be positive, was " + quietPeriod);
        }
    }

    public static FixWatch defaults() {
        return new FixWatch(10, Duration.ofDays(30));
    }

    /**
     * What the runs say of an implemented fix, if they decide it.
     *
     * @param recommendation an implemented recommendation
     * @param runs           runs of its affected tests, in any order
     * @param now            the time of judging
     * @return the judged recommendation, or empty while still watching (or when it is not implemented)
     */
    public Optional<Recommendation> judge(Recommendation recommendation, List<RunOutcome> runs, Instant now) {
        if (recommendation.status() != RecommendationStatus.IMPLEMENTED) {
            return Optional.empty();
        }
        Instant implementedAt = recommendation.implementedAt().orElseThrow();
        List<RunOutcome> ordered = runs.stream().sorted(Comparator.comparing(RunOutcome::at)).toList();
        List<RunOutcome> before = ordered.stream().filter(r -> r.at().isBefore(implementedAt)).toList();
        List<RunOutcome> after = ordered.stream().filter(r -> !r.at().isBefore(implementedAt)).toList();
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i).scenarioSeen()) {
                List<RunOutcome> watched = after.subList(0, i + 1);
                return Optional.of(recommendation.judged(RecommendationStatus.INEFFECTIVE,
                        measure(before, watched), now, "recurred in run " + after.get(i).runId() + " after "
                                + i + " clean runs"));
            }
        }
        boolean enoughRuns = after.size() >= cleanRuns;
        boolean quietLongEnough = !after.isEmpty()
                && Duration.between(implementedAt, now).compareTo(quietPeriod) >= 0;
        if (!enoughRuns && !quietLongEnough) {
            return Optional.empty();
        }
        String reason = enoughRuns ? after.size() + " clean runs of its tests since it was implemented"
                : "no recurrence for " + quietPeriod.toDays() + " days (" + after.size() + " clean runs)";
        return Optional.of(recommendation.judged(RecommendationStatus.VERIFIED, measure(before, after), now, reason));
    }

    /** Failure rates over the same number of runs on each side. */
    static Effectiveness measure(List<RunOutcome> before, List<RunOutcome> after) {
        List<RunOutcome> known = before.isEmpty()
                ? List.of(new RunOutcome("(raised)", Instant.EPOCH, true)) : before;
        int n = Math.min(known.size(), after.size());
        List<RunOutcome> lastBefore = known.subList(known.size() - n, known.size());
        List<RunOutcome> firstAfter = after.subList(0, n);
        return new Effectiveness(n, rate(lastBefore), rate(firstAfter));
    }

    private static double rate(List<RunOutcome> runs) {
        return (double) runs.stream().filter(RunOutcome::scenarioSeen).count() / runs.size();
    }
}
