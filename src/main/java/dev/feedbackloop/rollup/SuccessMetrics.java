package dev.feedbackloop.rollup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The design's success metrics of one project and day, from the fixes the loop judged that day. Each figure is
 * empty when the day judged no fix it applies to: a day without data has no figure, never a zero.
 *
 * @param fixesVerified                 fixes verified that day
 * @param fixesIneffective              fixes found ineffective that day
 * @param timeToResolutionHours         mean hours from a verified fix's scenario first being seen to the verdict
 * @param firstAttemptFixAccuracy       verified fixes that were their recommendation's first judged fix, over all
 *                                      judged fixes, 0..1
 * @param repeatedFailureReduction      mean drop in the judged fixes' scenario failure rate (before against after,
 *                                      over the same number of runs), -1..1
 * @param handsFreeShare                the share of failures handled without a person: the failures of the judged
 *                                      fixes handled hands-free ({@link FixJudgement#handsFree}) over the failures of
 *                                      all judged fixes, each fix weighted by its scenario's failures, 0..1
 */
public record SuccessMetrics(long fixesVerified, long fixesIneffective, OptionalDouble timeToResolutionHours,
                             OptionalDouble firstAttemptFixAccuracy, OptionalDouble repeatedFailureReduction,
                             OptionalDouble handsFreeShare) {

    public static final SuccessMetrics NONE = of(List.of());

    public SuccessMetrics {
        if (fixesVerified < 0 || fixesIneffective < 0) {
            throw new IllegalArgumentException("fix counts cannot be negative: " + fixesVerified + " verified, "
                    + fixesIneffective + " ineffective");
        }
        Objects.requireNonNull(timeToResolutionHours, "timeToResolutionHours");
        Objects.requireNonNull(firstAttemptFixAccuracy, "firstAttemptFixAccuracy");
        Objects.requireNonNull(repeatedFailureReduction, "repeatedFailureReduction");
        Objects.requireNonNull(handsFreeShare, "handsFreeShare");
        handsFreeShare.ifPresent(share -> {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("handsFreeShare must be within 0..1, was " + share);
            }
        });
    }

    /** Metrics without the hands-free share (figures stored before it was computed). */
    public SuccessMetrics(long fixesVerified, long fixesIneffective, OptionalDouble timeToResolutionHours,
                          OptionalDouble firstAttemptFixAccuracy, OptionalDouble repeatedFailureReduction) {
        this(fixesVerified, fixesIneffective, timeToResolutionHours, firstAttemptFixAccuracy,
                repeatedFailureReduction, OptionalDouble.empty());
    }

    /** The metrics of the day's judged fixes. */
    public static SuccessMetrics of(List<FixJudgement> judged) {
        long verified = judged.stream().filter(FixJudgement::verified).count();
        OptionalDouble resolution = judged.stream().flatMap(j -> j.sinceFirstSeen().stream())
                .mapToLong(Duration::toSeconds).average();
        OptionalDouble accuracy = judged.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(round(
                (double) judged.stream().filter(j -> j.verified() && j.firstAttempt()).count() / judged.size(), 4));
        OptionalDouble reduction = judged.stream().mapToDouble(FixJudgement::effectiveness).average();
        long failures = judged.stream().mapToLong(FixJudgement::failures).sum();
        long handsFree = judged.stream().filter(FixJudgement::handsFree).mapToLong(FixJudgement::failures).sum();
        return new SuccessMetrics(verified, judged.size() - verified,
                resolution.isPresent() ? OptionalDouble.of(round(resolution.getAsDouble() / 3600, 2))
                        : OptionalDouble.empty(), accuracy,
                reduction.isPresent() ? OptionalDouble.of(round(reduction.getAsDouble(), 4)) : OptionalDouble.empty(),
                failures == 0 ? OptionalDouble.empty() : OptionalDouble.of(round((double) handsFree / failures, 4)));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
