package dev.feedbackloop.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"30s, PT30S", "500ms, PT0.5S", "2m, PT2M", "1h, PT1H", "45, PT45S", "' 10 s ', PT10S",
            "PT1M30S, PT1M30S"})
    void readsWhatPeopleWrite(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"soon", "-5s", "3 weeks", "''"})
    void refusesTheRest_quotingIt(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessage("'" + text + "' is not a duration such as 30s,"
                + " 500ms or 2m");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"PT0.2S, 200 ms", "PT30S, 30 s", "PT1.5S, 1.5 s", "PT2M30S, 2 min 30 s", "PT1H, 60 min"})
    void printsForPeople(String duration, String expected) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
    }
}
