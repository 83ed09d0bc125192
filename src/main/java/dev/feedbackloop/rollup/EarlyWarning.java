package dev.feedbackloop.rollup;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A test or scenario whose failure rate over the recent days rose clearly above the days before, while it is not
 * (yet) broken.
 *
 * @param day      the day the warning is about (the last of the recent days)
 * @param recent   its counts over the recent days
 * @param baseline its counts over the baseline days before them
 * @param pValue   one-sided Fisher exact p-value of "the recent rate is higher"
 */
public record EarlyWarning(TrendSubject subject, LocalDate day, DayCount recent, DayCount baseline, double pValue) {

    public EarlyWarning {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(baseline, "baseline");
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("p-value must be within 0..1, was " + pValue);
        }
    }

    /** One sentence with the figures. */
    public String describe() {
        String unit = subject.kind() == TrendSubject.Kind.TEST ? "runs" : "runs of the project";
        return String.format(Locale.ROOT, "%s %s failed %d of %d %s recently (%.0f%%), against %d of %d (%.0f%%)"
                        + " before (p = %.2g)", subject.kind().name().toLowerCase(Locale.ROOT), subject.label(),
                recent.failures(), recent.trials(), unit, recent.rate() * 100, baseline.failures(),
                baseline.trials(), baseline.rate() * 100, pValue);
    }
}
