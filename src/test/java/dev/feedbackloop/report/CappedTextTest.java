package dev.feedbackloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CappedTextTest {

    @ParameterizedTest(name = "{0} characters in chunks of up to {1}, cap {2}")
    @CsvSource({
            "0, 10, 100",
            "100, 7, 100",
            "101, 7, 100",
            "5000, 1, 1000",
            "5000, 999, 1000",
            "50000, 4096, 1000",
            "1000000, 16384, 8192",
    })
    void equalsCappingTheWholeText(int length, int maxChunk, int cap) {
        Random random = new Random(length * 31L + maxChunk);
        StringBuilder whole = new StringBuilder();
        for (int i = 0; i < length; i++) {
            whole.append((char) ('a' + random.nextInt(26)));
        }
        CappedText capped = new CappedText(cap);
        int at = 0;
        while (at < length) {
            int chunk = Math.min(length - at, 1 + random.nextInt(maxChunk));
            char[] piece = whole.substring(at, at + chunk).toCharArray();
            capped.append(piece, 0, chunk);
            at += chunk;
        }
        assertThat(capped.toString()).isEqualTo(TextLimits.cap(whole.toString(), cap));
        assertThat(capped.length()).isEqualTo(length);
    }

    @Test
    void aTinyCapIsRefused() {
        assertThatThrownBy(() -> new CappedText(10)).hasMessageContaining("10");
    }
}
