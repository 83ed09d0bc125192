package dev.feedbackloop.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.rootcause.Category;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The stored JSON of the nightly figures, and the success metrics they carry. */
class FiguresJsonTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    private static DailyFigures figures(OptionalDouble learning, SuccessMetrics success) {
        FeedbackLoopMetrics metrics = new FeedbackLoopMetrics("shop", DAY, 10, 8, 2, 1, OptionalDouble.of(-0.02),
                OptionalLong.of(1500), OptionalDouble.empty(), List.of(new CategoryCount(Category.TIMEOUT, 6),
                new CategoryCount(Category.SELECTOR_ISSUE, 2)), learning, 3, 1, OptionalDouble.of(0.95),
                new StateCounts(3, 1, 0, 1), 2, Map.of("healthy -> flaky", 2L),
                Instant.parse("2026-11-29T02:00:00Z"));
        QualityAnalytics quality = new QualityAnalytics(8, Map.of("TIMEOUT", 6L), Map.of("e2e", 8L),
                Map.of("unknown", 8L), Map.of("unknown", 8L), Map.of("toHaveURL", 2L),
                List.of("6 timeouts: wait for a visible result"));
        EarlyWarning warning = new EarlyWarning(new TrendSubject(TrendSubject.Kind.TEST, "e2e/cart.spec.ts#adds",
                "cart > adds"), DAY, new DayCount(14, 5), new DayCount(42, 1), 0.0012);
        return new DailyFigures(metrics, success, quality, List.of(warning));
    }

    @Test
    void figuresReadBackAsWritten_absentFiguresAsNull() throws Exception {
        DailyFigures figures = figures(OptionalDouble.of(0.812), SuccessMetrics.NONE);

        String json = FiguresJson.write(figures);

        assertThat(FiguresJson.read(json)).isEqualTo(figures);
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("averageFixImplementationHours").isNull()).isTrue();
        assertThat(tree.get("success").get("timeToResolutionHours").isNull()).isTrue();
        assertThat(tree.get("success").get("fixesVerified").asLong()).isZero();
        assertThat(tree.get("earlyWarnings").get(0).get("message").asText())
                .isEqualTo("test cart > adds failed 5 of 14 runs recently (36%), against 1 of 42 (2%) before"
                        + " (p = 0.0012)");
    }

    @Test
    void seriesAndTrendsReadBackAsWritten() {
        DailySeries series = DailySeries.empty(DAY, 28).with(DAY, new DayCount(4, 1));
        Trend trend = new Trend(new TrendSubject(TrendSubject.Kind.SCENARIO, "0123456789abcdef", "timeouts"), series);

        assertThat(FiguresJson.readSeries(FiguresJson.write(series))).isEqualTo(series);
        assertThat(FiguresJson.readTrend(FiguresJson.write(trend))).isEqualTo(trend);
    }

    @Test
    void malformedStoredFigures_sayWhatIsWrong() {
        assertThatThrownBy(() -> FiguresJson.read("{\"day\":\"2026-11-28\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'project' is missing");
        assertThatThrownBy(() -> FiguresJson.read("{not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("daily figures is not JSON");
    }

    @Test
    void successMetrics_fromTheDaysJudgedFixes_emptyWithoutAny() {
        SuccessMetrics none = SuccessMetrics.of(List.of());
        SuccessMetrics some = SuccessMetrics.of(List.of(
                new FixJudgement(true, true, 1.0, Optional.of(Duration.ofHours(30)), true, 6),
                new FixJudgement(true, false, 0.5, Optional.of(Duration.ofHours(10)), false, 3),
                new FixJudgement(false, true, -0.25, Optional.empty(), false, 1)));

        assertThat(none).isEqualTo(new SuccessMetrics(0, 0, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty()));
        // resolution (30 + 10) / 2 hours; one of three verified at its first attempt; mean effect 1.25 / 3;
        // handled without a person: the first fix's 6 failures of 6 + 3 + 1
        assertThat(some).isEqualTo(new SuccessMetrics(2, 1, OptionalDouble.of(20.0), OptionalDouble.of(0.3333),
                OptionalDouble.of(0.4167), OptionalDouble.of(0.6)));
        assertThat(FiguresJson.read(FiguresJson.write(figures(OptionalDouble.of(0.5), some))).success()).isEqualTo(some);
    }

    @Test
    void aFixJudgement_thatMakesNoSense_isRefused() {
        assertThatThrownBy(() -> new FixJudgement(false, true, 0.5, Optional.empty(), true, 1))
                .hasMessageContaining("only a verified fix was handled without a person");
        assertThatThrownBy(() -> new FixJudgement(true, true, 0.5, Optional.empty(), false, 0))
                .hasMessageContaining("at least 1 failure, was 0");
        assertThatThrownBy(() -> new FixJudgement(false, true, 0.5, Optional.of(Duration.ofHours(1))))
                .hasMessageContaining("only a verified fix resolves its scenario");
        assertThatThrownBy(() -> new FixJudgement(true, true, 1.5, Optional.empty()))
                .hasMessageContaining("effectiveness must be within -1..1, was 1.5");
    }
}
