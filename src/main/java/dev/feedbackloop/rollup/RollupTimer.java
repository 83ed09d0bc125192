package dev.feedbackloop.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, in a long-running process that looks at the time now and then, when the rollup is due: at the first look
 * at or after the schedule's next time. Nights missed while the machine slept fire once, for the latest of them (a
 * missed day is rolled up with {@code feedback rollup --day}); the day rolled up is the UTC day before the time the
 * schedule fired (as the function does with EventBridge's event time), so a late look rolls up the same day. Not
 * thread-safe: one timer thread looks.
 */
public final class RollupTimer {

    private final RollupSchedule schedule;
    private Instant next;

    /** A timer that first fires at the schedule's first time after {@code start}. */
    public RollupTimer(RollupSchedule schedule, Instant start) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.next = schedule.nextAfter(Objects.requireNonNull(start, "start"));
    }

    /** A rollup that fell due: when the schedule fired, and the day to roll up. */
    public record Due(Instant firedAt, LocalDate day) {
        public Due {
            Objects.requireNonNull(firedAt, "firedAt");
            Objects.requireNonNull(day, "day");
        }
    }

    /** The rollup due at {@code now}, if any; once returned, the next one is the schedule's next time after now. */
    public Optional<Due> due(Instant now) {
        if (now.isBefore(next)) {
            return Optional.empty();
        }
        Instant fired = next;
        for (Instant later = schedule.nextAfter(fired); !now.isBefore(later); later = schedule.nextAfter(later)) {
            fired = later;
        }
        next = schedule.nextAfter(now);
        return Optional.of(new Due(fired, LocalDate.ofInstant(fired, ZoneOffset.UTC).minusDays(1)));
    }

    /** When the rollup falls due next. */
    public Instant next() {
        return next;
    }
}
