package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.nightly.NightlyRollup;
import dev.feedbackloop.store.DailyMetrics;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code rollup} Lambda: on its EventBridge schedule, the {@link NightlyRollup} of the UTC day before the event's
 * time (so a replayed event rolls up the same day): each project's recommendations refreshed from the day's
 * scenarios and implemented fixes judged, then the day's counts and figures stored.
 */
@Singleton
public class RollupFunction {

    private final NightlyRollup rollup;
    private final Clock clock;

    public RollupFunction(LoopWiring wiring, Clock clock) {
        this.rollup = wiring.nightlyRollup();
        this.clock = clock;
    }

    @Funq("rollup")
    public RollupResult rollup(ScheduledEvent event) {
        Instant firedAt = event == null || event.time == null ? clock.instant() : Instant.parse(event.time);
        LocalDate day = LocalDate.ofInstant(firedAt, ZoneOffset.UTC).minusDays(1);
        List<DailyMetrics> stored = rollup.run(day);
        DailyMetrics total = stored.get(stored.size() - 1);
        RollupResult result = new RollupResult();
        result.day = day.toString();
        result.projects = stored.size() - 1;
        result.runs = total.runs();
        result.tests = total.tests();
        return result;
    }
}
