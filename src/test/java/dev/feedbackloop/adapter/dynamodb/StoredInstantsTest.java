package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredInstantsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-10-03T09:12:00Z", "2026-10-03T09:12:00.250Z", "2026-10-03T09:12:00.000250Z",
            "2026-10-03T09:12:00.000000250Z", "2026-10-03T09:12:00.5Z", "2024-02-29T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.1Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            // left to Instant.parse: lower case, an offset, a leap second, hour 24, a year past 9999
            "2026-10-03t09:12:00z", "2026-10-03T09:12:00+01:00", "2026-12-31T23:59:60Z", "2026-10-03T24:00:00Z",
            "+10000-01-01T00:00:00Z", "2026-10-03T09:12:00.Z"})
    void readsWhatInstantParseReads(String text) {
        assertThat(StoredInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "2026-10-03", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-10-03T09:60:00Z",
            "2026-10-03T09:12:00.1234567890Z", "2026-10-03T09:12:0xZ", "2026-1a-03T09:12:00Z",
            "2026-10-03 09:12:00Z", "2026-10-03T09:12:00.-1Z"})
    void refusesWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void readsBackEveryInstantAsStored() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(StoredInstants.parse(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
    }
}
