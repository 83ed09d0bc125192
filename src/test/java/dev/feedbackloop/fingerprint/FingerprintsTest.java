package dev.feedbackloop.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0000000000000000", "255, 00000000000000ff", "-1, ffffffffffffffff",
        "81985529216486895, 0123456789abcdef"})
    void hexKeepsLeadingZerosInLowerCase(long value, String hex) {
        assertThat(Fingerprints.hex(value)).isEqualTo(hex);
        assertThat(new Fingerprint(hex).value()).isEqualTo(hex);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "0123456789abcde", "0123456789abcdef0", "0123456789ABCDEF", "0123456789abcdeg",
        "0123456789abcde "})
    void aFingerprintIsSixteenLowerCaseHexDigits(String value) {
        assertThatThrownBy(() -> new Fingerprint(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was '" + value + "'");
    }
}
