package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.testing.Samples.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.RunKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class KeysTest {

    @Test
    void timesInKeys_sortLikeTheInstantsTheyStandFor() {
        List<Instant> instants = List.of(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00.5Z"), Instant.parse("2026-01-01T00:00:01Z"),
                Instant.parse("2026-01-01T00:00:01.001Z"));

        assertThat(instants.stream().map(Keys::time).sorted().toList())
                .containsExactlyElementsOf(instants.stream().map(Keys::time).toList());
        assertThat(Keys.time(instants.get(0))).isEqualTo("2026-01-01T00:00:00.000Z");
    }

    @Test
    void occurrenceSortKeys_sortNumerically() {
        assertThat(Keys.byOccurrencesSk(9, fingerprint(1))).isLessThan(Keys.byOccurrencesSk(10, fingerprint(1)));
    }

    @Test
    void aRunIdContainingTheSeparator_cannotCollideWithAnotherRun() {
        assertThat(Keys.runPk(new RunKey("web", "1#00002#x", 1)))
                .isNotEqualTo(Keys.runPk(new RunKey("web", "x", 2)))
                .isEqualTo("RUN#web#00001#1#00002#x");
    }

    @Test
    void cursors_roundTrip_andRejectForgeries() {
        Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("TEST#p#1"),
                "SK", AttributeValue.fromS("RESULT#2026#ü"));

        assertThat(Cursors.decode(Cursors.encode(key).orElseThrow())).isEqualTo(key);
        assertThat(Cursors.encode(Map.of())).isEmpty();
        assertThatThrownBy(() -> Cursors.decode("not base64!")).hasMessageContaining("invalid page cursor");
        assertThatThrownBy(() -> Cursors.decode(Cursors.encode(Map.of("secret", AttributeValue.fromS("x")))
                .orElseThrow())).hasMessageContaining("invalid page cursor");
    }
}
