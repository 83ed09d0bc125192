package dev.feedbackloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoredRunTest {

    private static final Instant RECORDED = Instant.parse("2026-03-01T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a plausible start orders the run, 2026-03-01T09:00:00Z, 2026-03-01T09:00:00Z",
            "a start a few hours ahead is clock skew, 2026-03-01T15:00:00Z, 2026-03-01T15:00:00Z",
            "a start years ahead is a unit error, 2090-01-01T00:00:00Z, 2026-03-01T12:00:00Z",
            "a start before 2000 is a parser error, 1970-01-01T00:00:01Z, 2026-03-01T12:00:00Z",
    })
    void runTime_isTheStartTime_whenPlausible(String name, String startedAt, String expected) {
        Run run = new Run(new RunKey("web", "r1", 1), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(Instant.parse(startedAt)), Optional.empty(), Map.of());

        assertThat(StoredRun.recorded(run, RECORDED).runTime()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "no start time: {0}")
    @CsvSource({"2026-03-01T12:00:00Z"})
    void runTime_isTheRecordingTime_withoutAStart(String recorded) {
        Run run = Run.of(new RunKey("web", "r1", 1));
        assertThat(StoredRun.recorded(run, Instant.parse(recorded)).runTime()).isEqualTo(Instant.parse(recorded));
    }
}
