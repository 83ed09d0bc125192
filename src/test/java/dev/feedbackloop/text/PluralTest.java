package dev.feedbackloop.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {

    @Test
    void oneIsSingularAndEveryOtherCountPlural() {
        assertThat(Plural.of(1, "test")).isEqualTo("1 test");
        assertThat(Plural.of(2, "test")).isEqualTo("2 tests");
        assertThat(Plural.of(0, "run")).isEqualTo("0 runs");
        assertThat(Plural.of(1, "analysis", "analyses")).isEqualTo("1 analysis");
        assertThat(Plural.of(3, "analysis", "analyses")).isEqualTo("3 analyses");
    }
}
