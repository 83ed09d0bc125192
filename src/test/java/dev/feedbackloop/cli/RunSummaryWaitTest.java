package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.http.ReadApiClient;
import dev.feedbackloop.testing.MutableClock;
import dev.feedbackloop.view.ReadResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The bounded wait for a run's summary, on a scripted sequence of answers and a clock the pauses advance (the
 * end-to-end path, against {@code feedback serve}, is in {@link UploadSummaryTest}).
 */
class RunSummaryWaitTest {

    private static final ReadResponse NOT_YET = new ReadResponse(404, ReadResponse.PROBLEM,
            "{\"status\":404,\"detail\":\"project shop has no run r1 attempt 1\"}");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final List<Duration> pauses = new ArrayList<>();
    private final RunSummaryWait wait = new RunSummaryWait(clock, pause -> {
        pauses.add(pause);
        clock.advance(pause);
    });

    @Test
    void asksAgainWhileTheRunIsNotClassified_backingOff_untilTheSummaryIsThere() throws Exception {
        Supplier<ReadResponse> ask = script(NOT_YET, new ReadResponse(503, ReadResponse.PROBLEM, "{}"), NOT_YET,
                NOT_YET, NOT_YET, new ReadResponse(200, ReadResponse.MARKDOWN, "## ✅ All 2 tests passed\n"));

        RunSummaryWait.Outcome outcome = wait.await(ask, Duration.ofSeconds(60));

        assertThat(outcome).isEqualTo(new RunSummaryWait.Outcome.Ready("## ✅ All 2 tests passed\n"));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    @Test
    void givesUpAtTheBound_sayingHowLongAndWhatTheLastAnswerWas() throws Exception {
        RunSummaryWait.Outcome outcome = wait.await(() -> NOT_YET, Duration.ofSeconds(20));

        assertThat(outcome).isInstanceOf(RunSummaryWait.Outcome.TimedOut.class);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(5));
        assertThat(RunSummaryWait.explain(outcome)).isEqualTo("no summary yet after 20 s (6 asks; last: 404 project"
                + " shop has no run r1 attempt 1); the upload was accepted and the run will appear once classified:"
                + " `feedback summary --url ... --run ID` prints it then");
    }

    @Test
    void aZeroBoundAsksOnce() throws Exception {
        RunSummaryWait.Outcome outcome = wait.await(() -> NOT_YET, Duration.ZERO);

        assertThat(outcome).isEqualTo(new RunSummaryWait.Outcome.TimedOut(Duration.ZERO, 1,
                "404 project shop has no run r1 attempt 1"));
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRefusalEndsTheWaitAtOnce_andAnUnreachableServerIsAskedAgain() throws Exception {
        Deque<Object> answers = new ArrayDeque<>(List.of(new ReadApiClient.ReadApiException("cannot read"
                + " http://127.0.0.1:1/: Connection refused"), new ReadResponse(401, ReadResponse.PROBLEM,
                "{\"detail\":\"the signature does not match\"}")));
        RunSummaryWait.Outcome outcome = wait.await(() -> {
            Object next = answers.pop();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (ReadResponse) next;
        }, Duration.ofSeconds(60));

        assertThat(outcome).isEqualTo(new RunSummaryWait.Outcome.Refused("401 the signature does not match"));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(RunSummaryWait.explain(outcome)).isEqualTo("no summary: the read API refused: 401 the signature"
                + " does not match");
    }

    private static Supplier<ReadResponse> script(ReadResponse... answers) {
        Deque<ReadResponse> left = new ArrayDeque<>(List.of(answers));
        return left::pop;
    }
}
