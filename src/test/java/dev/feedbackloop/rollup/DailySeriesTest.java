package dev.feedbackloop.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DailySeriesTest {

    private static final LocalDate DAY = LocalDate.parse("2026-10-20");

    @Test
    void aLaterDayMovesTheSeriesForward() {
        DailySeries series = DailySeries.empty(DAY, 5).with(DAY, new DayCount(3, 1));

        DailySeries later = series.with(DAY.plusDays(2), new DayCount(4, 2));

        assertThat(later.lastDay()).isEqualTo(DAY.plusDays(2));
        assertThat(later.on(DAY)).isEqualTo(new DayCount(3, 1));
        assertThat(later.on(DAY.plusDays(1))).isEqualTo(DayCount.NONE);
        assertThat(later.days()).hasSize(5);
        assertThat(later.total(DAY.minusDays(10), DAY.plusDays(2))).isEqualTo(new DayCount(7, 3));
    }

    @Test
    void rollingUpADayAgainReplacesItsCount() {
        DailySeries once = DailySeries.empty(DAY, 5).with(DAY, new DayCount(3, 1));

        assertThat(once.with(DAY, new DayCount(3, 1))).isEqualTo(once);
        assertThat(once.with(DAY, new DayCount(5, 2)).on(DAY)).isEqualTo(new DayCount(5, 2));
    }

    @Test
    void anOlderDayFillsItsSlotAndOneBeforeTheSeriesChangesNothing() {
        DailySeries series = DailySeries.empty(DAY, 5);

        assertThat(series.with(DAY.minusDays(2), new DayCount(2, 2)).on(DAY.minusDays(2)))
                .isEqualTo(new DayCount(2, 2));
        assertThat(series.with(DAY.minusDays(5), new DayCount(2, 2))).isEqualTo(series);
    }

    @Test
    void aJumpLongerThanTheSeriesClearsIt() {
        DailySeries series = DailySeries.empty(DAY, 3).with(DAY, new DayCount(3, 3));

        DailySeries jumped = series.with(DAY.plusDays(30), new DayCount(1, 0));

        assertThat(jumped.total(jumped.firstDay(), jumped.lastDay())).isEqualTo(new DayCount(1, 0));
    }

    @Test
    void itsSizeStaysTheSameHoweverManyDaysAreRolledUp() {
        DailySeries tenDays = DailySeries.empty(DAY, 28);
        DailySeries hundredDays = DailySeries.empty(DAY, 28);
        for (int d = 0; d < 100; d++) {
            if (d < 10) {
                tenDays = tenDays.with(DAY.plusDays(d), new DayCount(5, 1));
            }
            hundredDays = hundredDays.with(DAY.plusDays(d), new DayCount(5, 1));
        }

        assertThat(tenDays.days()).hasSize(28);
        assertThat(hundredDays.days()).hasSize(28);
        assertThat(hundredDays.total(hundredDays.firstDay(), hundredDays.lastDay())).isEqualTo(new DayCount(140, 28));
    }

    @Test
    void resizingKeepsTheNewestDays() {
        DailySeries series = DailySeries.empty(DAY, 3).with(DAY, new DayCount(2, 1))
                .with(DAY.minusDays(2), new DayCount(4, 4));

        assertThat(series.resized(2).total(DAY.minusDays(10), DAY)).isEqualTo(new DayCount(2, 1));
        assertThat(series.resized(5).total(DAY.minusDays(10), DAY)).isEqualTo(new DayCount(6, 5));
    }

    @Test
    void aScenarioIsCountedAgainstTheProjectsRuns() {
        DailySeries runs = DailySeries.empty(DAY, 3).with(DAY.minusDays(1), new DayCount(10, 4))
                .with(DAY, new DayCount(8, 2));
        DailySeries scenario = DailySeries.empty(DAY, 3).with(DAY, new DayCount(8, 2));

        DailySeries rate = scenario.againstTrialsOf(runs);

        assertThat(rate.on(DAY.minusDays(1))).isEqualTo(new DayCount(10, 0));
        assertThat(rate.on(DAY)).isEqualTo(new DayCount(8, 2));
    }

    @Test
    void aDayCountCannotFailMoreThanItRan() {
        assertThatThrownBy(() -> new DayCount(2, 3)).hasMessageContaining("3 failures in 2 trials");
    }
}
