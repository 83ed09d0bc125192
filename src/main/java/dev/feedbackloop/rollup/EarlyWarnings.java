package dev.feedbackloop.rollup;

import dev.feedbackloop.health.HealthSettings;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Spots a test or scenario whose failure rate over the last {@link HealthSettings#recentDays()} days rose clearly
 * above its previous {@link HealthSettings#baselineDays()} days: before it fails every run, while it is still cheap
 * to find what changed. "Clearly" means all of:
 * <ul>
 *   <li>at least {@link HealthSettings#warningMinFailures()} recent failures (three failures are the fewest that
 *       can be a pattern rather than a coincidence);</li>
 *   <li>at least {@link HealthSettings#warningMinBaselineTrials()} baseline executions (a test with no past has no
 *       rate to rise from);</li>
 *   <li>the rate rose by at least {@link HealthSettings#warningMinRise()} (so that a large, busy test's tiny but
 *       significant rise does not warn);</li>
 *   <li>Fisher's exact test, one-sided, gives p below {@link HealthSettings#warningSignificance()}: the chance that
 *       both periods share one rate and the recent one looks this much worse by luck.</li>
 * </ul>
 * It reads one {@link DailySeries} per subject, whatever the length of the history.
 */
public final class EarlyWarnings {

    private final HealthSettings settings;

    public EarlyWarnings(HealthSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The days a series must hold: the recent ones and the baseline. */
    public int seriesLength() {
        return settings.recentDays() + settings.baselineDays();
    }

    /** A warning for {@code trend} as of {@code day}, if its rate rose clearly. */
    public Optional<EarlyWarning> assess(Trend trend, LocalDate day) {
        DailySeries series = trend.series();
        LocalDate recentFrom = day.minusDays(settings.recentDays() - 1L);
        DayCount recent = series.total(recentFrom, day);
        DayCount baseline = series.total(recentFrom.minusDays(settings.baselineDays()), recentFrom.minusDays(1));
        if (recent.failures() < settings.warningMinFailures()
                || baseline.trials() < settings.warningMinBaselineTrials()
                || recent.rate() - baseline.rate() < settings.warningMinRise()) {
            return Optional.empty();
        }
        double p = Hypergeometric.upperTail(recent.failures(), recent.trials(), baseline.failures(),
                baseline.trials());
        return p < settings.warningSignificance()
                ? Optional.of(new EarlyWarning(trend.subject(), day, recent, baseline, p)) : Optional.empty();
    }
}
