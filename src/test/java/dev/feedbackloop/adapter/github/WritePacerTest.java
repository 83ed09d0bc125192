package dev.feedbackloop.adapter.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritePacerTest {

    @Test
    void noMinuteEverHoldsMoreThanTheLimitAndNoTimeIsLost() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-20T10:00:00Z"));
        WritePacer pacer = new WritePacer(80, clock, clock::advance);
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pacer.beforeWrite();
            sent.add(clock.instant());
            clock.advance(Duration.ofMillis(100)); // the write itself
        }

        for (int i = 80; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 80), sent.get(i))).as("write %d and the 80th before it", i)
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
        assertThat(Duration.between(sent.get(0), sent.get(199))).isLessThan(Duration.ofSeconds(125));
    }
}
