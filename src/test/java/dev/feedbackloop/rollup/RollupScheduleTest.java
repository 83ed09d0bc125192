package dev.feedbackloop.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RollupScheduleTest {

    @Test
    void theNightlyScheduleIsTheOneInTheDeploymentContract() throws Exception {
        String contract = new ObjectMapper().readTree(Path.of("contract", "deployment-contract.json").toFile())
                .path("rollupSchedule").asText();

        assertThat(RollupSchedule.nightly().eventBridge()).isEqualTo(contract).startsWith("cron(");
    }

    @Test
    void anEventBridgeCronBecomesTheQuartzCronWithASecondsField() {
        RollupSchedule schedule = RollupSchedule.parse("cron(30 2 * * ? *)");

        assertThat(schedule.quartz()).isEqualTo("0 30 2 * * ? *");
        assertThat(schedule.nextAfter(Instant.parse("2026-03-01T02:29:59Z")))
                .isEqualTo(Instant.parse("2026-03-01T02:30:00Z"));
        assertThat(schedule.nextAfter(Instant.parse("2026-03-01T02:30:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T02:30:00Z"));
    }

    @Test
    void weekdaysCountFromSundayAsInEventBridge() {
        // 2026-03-01 is a Sunday; EventBridge's 2 is Monday
        RollupSchedule mondays = RollupSchedule.parse("cron(0 6 ? * 2 *)");

        assertThat(mondays.nextAfter(Instant.parse("2026-03-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T06:00:00Z"));
        assertThat(RollupSchedule.parse("cron(0 6 ? * MON-FRI *)").nextAfter(Instant.parse("2026-03-06T07:00:00Z")))
                .as("Friday after six: next Monday").isEqualTo(Instant.parse("2026-03-09T06:00:00Z"));
    }

    @Test
    void refusesWhatIsNotAnEventBridgeCronNamingIt() {
        assertThatThrownBy(() -> RollupSchedule.parse("rate(12 hours)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rate(12 hours)'").hasMessageContaining("cron(minutes hours");
        assertThatThrownBy(() -> RollupSchedule.parse("cron(30 2 * *)")).hasMessageContaining("'cron(30 2 * *)'");
        assertThatThrownBy(() -> RollupSchedule.parse("cron(61 2 * * ? *)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid cron expression");
    }

    @Test
    void theTimerFiresOnceAtTheFirstLookAfterTheScheduledTimeForTheDayBefore() {
        RollupTimer timer = new RollupTimer(RollupSchedule.parse("cron(30 2 * * ? *)"),
                Instant.parse("2026-03-01T12:00:00Z"));

        assertThat(timer.next()).isEqualTo(Instant.parse("2026-03-02T02:30:00Z"));
        assertThat(timer.due(Instant.parse("2026-03-02T02:29:00Z"))).isEmpty();
        assertThat(timer.due(Instant.parse("2026-03-02T02:31:00Z"))).contains(new RollupTimer.Due(
                Instant.parse("2026-03-02T02:30:00Z"), LocalDate.parse("2026-03-01")));
        assertThat(timer.due(Instant.parse("2026-03-02T02:32:00Z"))).as("fired already").isEmpty();
        assertThat(timer.next()).isEqualTo(Instant.parse("2026-03-03T02:30:00Z"));
    }

    @Test
    void nightsMissedAsleepFireOnceForTheLatestOfThem() {
        RollupTimer timer = new RollupTimer(RollupSchedule.parse("cron(30 2 * * ? *)"),
                Instant.parse("2026-03-01T12:00:00Z"));

        assertThat(timer.due(Instant.parse("2026-03-05T09:00:00Z"))).map(RollupTimer.Due::day)
                .contains(LocalDate.parse("2026-03-04"));
        assertThat(timer.due(Instant.parse("2026-03-05T09:01:00Z"))).isEmpty();
        assertThat(timer.next()).isEqualTo(Instant.parse("2026-03-06T02:30:00Z"));
    }
}
