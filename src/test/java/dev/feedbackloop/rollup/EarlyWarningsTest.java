package dev.feedbackloop.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.health.HealthSettings;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EarlyWarningsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final TrendSubject TEST = new TrendSubject(TrendSubject.Kind.TEST, "0123456789abcdef",
            "checkout.CartTest pays");

    private final EarlyWarnings warnings = new EarlyWarnings(HealthSettings.defaults());

    /** Three runs a day; {@code baselineFailures} spread over the 21 baseline days, {@code recent} over the last 7. */
    private static Trend trend(int baselineFailures, int recentFailures, int runsPerDay) {
        DailySeries series = DailySeries.empty(DAY, 28);
        for (int d = 0; d < 28; d++) {
            boolean recent = d >= 21;
            int failures = recent ? share(recentFailures, d - 21, 7) : share(baselineFailures, d, 21);
            series = series.with(DAY.minusDays(27L - d), new DayCount(runsPerDay, Math.min(runsPerDay, failures)));
        }
        return new Trend(TEST, series);
    }

    /** The failures falling on day {@code index} of {@code days} when {@code total} are spread evenly. */
    private static int share(int total, int index, int days) {
        return (int) ((long) total * (index + 1) / days - (long) total * index / days);
    }

    static Stream<Arguments> trends() {
        return Stream.of(
                Arguments.of("from 1 of 63 to 6 of 21 warns", trend(1, 6, 3), true),
                Arguments.of("four recent failures after none warn", trend(0, 4, 3), true),
                Arguments.of("three recent failures after none are not yet clear (p = 0.014)", trend(0, 3, 3), false),
                Arguments.of("a steady 20% stays quiet", trend(13, 4, 3), false),
                Arguments.of("two recent failures are too few", trend(0, 2, 3), false),
                Arguments.of("a small rise of a busy test stays quiet", trend(210, 100, 100), false),
                Arguments.of("a falling rate stays quiet", trend(30, 1, 3), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trends")
    void warnsOnlyOnAClearRise(String name, Trend trend, boolean warns) {
        assertThat(warnings.assess(trend, DAY).isPresent()).isEqualTo(warns);
    }

    @Test
    void aTestWithoutABaselineGetsNoWarning() {
        DailySeries series = DailySeries.empty(DAY, 28);
        for (int d = 0; d < 7; d++) {
            series = series.with(DAY.minusDays(d), new DayCount(3, 3));
        }

        assertThat(warnings.assess(new Trend(TEST, series), DAY)).isEmpty();
    }

    @Test
    void aWarningCarriesItsFigures() {
        EarlyWarning warning = warnings.assess(trend(1, 6, 3), DAY).orElseThrow();

        assertThat(warning.recent()).isEqualTo(new DayCount(21, 6));
        assertThat(warning.baseline()).isEqualTo(new DayCount(63, 1));
        assertThat(warning.pValue()).isLessThan(0.01);
        assertThat(warning.describe()).startsWith("test checkout.CartTest pays failed 6 of 21 runs recently (29%),"
                + " against 1 of 63 (2%) before (p = ");
    }
}
