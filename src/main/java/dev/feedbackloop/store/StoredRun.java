package dev.feedbackloop.store;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A run as the store holds it.
 *
 * @param run        the run as first recorded (a redelivery does not change it)
 * @param recordedAt when the store first recorded the run
 * @param state      whether a report of it was fully stored
 * @param counts     statuses of its tests, summed over the reports completed so far
 */
public record StoredRun(Run run, Instant recordedAt, RunState state, RunCounts counts) {

    /** Earliest start time believed: anything before is a parser or clock error, not a real run. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** How far ahead of the recording a start time may lie (CI clocks drift; more is a clock or unit error). */
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);

    public StoredRun {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(counts, "counts");
    }

    /** A run recorded now, still ingesting. */
    public static StoredRun recorded(Run run, Instant recordedAt) {
        return new StoredRun(run, recordedAt, RunState.INGESTING, RunCounts.zero());
    }

    public RunKey key() {
        return run.key();
    }

    /**
     * The time the run's history is ordered by: when it started, if the report says so plausibly, else when it was
     * recorded. Stable for a stored run, so a retried write lands on the same keys.
     */
    public Instant runTime() {
        return run.startedAt().filter(t -> plausibleStart(t, recordedAt)).orElse(recordedAt);
    }

    /**
     * Whether {@code start} can be a run's start when the run is recorded at {@code recordedAt}: not before 2000 (a
     * parser or clock error) and at most a day after the recording (CI clocks drift; more is a clock or unit error).
     */
    public static boolean plausibleStart(Instant start, Instant recordedAt) {
        return !start.isBefore(EARLIEST) && !start.isAfter(recordedAt.plus(CLOCK_SKEW));
    }
}
