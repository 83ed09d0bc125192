package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.upload.Durations;
import dev.feedbackloop.upload.Sleeper;
import dev.feedbackloop.view.ReadResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Waits, within a bound, for a run's Markdown summary on the read API ({@code runs/{id}/summary}) after an upload:
 * on AWS the run is classified after ingest answered, so the route answers 404 until then. It asks at once, then
 * after pauses that double from {@link #FIRST_PAUSE} to {@link #LONGEST_PAUSE}; an unreachable server, a 404 or a
 * 5xx is asked again, any other answer (401, 403, 400) ends the wait, as asking again would not change it.
 */
final class RunSummaryWait {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    /** How the wait ended. */
    sealed interface Outcome {
        /** The summary, as the read API rendered it. */
        record Ready(String markdown) implements Outcome {
        }

        /** The bound passed first; {@code last} says what the last ask was answered. */
        record TimedOut(Duration waited, int asks, String last) implements Outcome {
        }

        /** The read API refused the read in a way asking again would not change. */
        record Refused(String why) implements Outcome {
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;

    RunSummaryWait(Clock clock, Sleeper sleeper) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Asks {@code ask} until it answers 200, refuses, or {@code bound} has passed. */
    Outcome await(Supplier<ReadResponse> ask, Duration bound) throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(bound);
        Duration pause = FIRST_PAUSE;
        int asks = 0;
        while (true) {
            String last;
            asks++;
            try {
                ReadResponse answer = ask.get();
                if (answer.status() == 200) {
                    return new Outcome.Ready(answer.body());
                }
                last = answer.status() + " " + ReadApiClient.detail(answer);
                if (answer.status() != 404 && answer.status() < 500) {
                    return new Outcome.Refused(last);
                }
            } catch (ReadApiClient.ReadApiException unreachable) {
                last = unreachable.getMessage();
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return new Outcome.TimedOut(Duration.between(start, clock.instant()), asks, last);
            }
            sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
        }
    }

    /** One line for the CI log on what became of the wait (stderr), empty for a ready summary. */
    static String explain(Outcome outcome) {
        if (outcome instanceof Outcome.TimedOut t) {
            return "no summary yet after " + Durations.format(t.waited()) + " (" + t.asks()
                    + (t.asks() == 1 ? " ask" : " asks") + "; last: " + t.last() + "); the upload was accepted and the run will appear once classified:"
                    + " `feedback summary --url ... --run ID` prints it then";
        }
        if (outcome instanceof Outcome.Refused r) {
            return "no summary: the read API refused: " + r.why();
        }
        return "";
    }
}
