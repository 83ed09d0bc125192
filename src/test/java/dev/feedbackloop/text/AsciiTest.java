package dev.feedbackloop.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiTest {

    @Test
    void lowerCasesAsciiLettersOnlyAndKeepsEveryOffset() {
        String text = "TimeoutError İ \u212A ÉTÉ Straße";

        String lower = Ascii.lowerCase(text);

        assertThat(lower).isEqualTo("timeouterror İ \u212A ÉtÉ straße");
        assertThat(lower).hasSameSizeAs(text);
    }

    @Test
    void returnsTheSameInstanceWhenNothingChanges() {
        String text = "already lower: 42 é";

        assertThat(Ascii.lowerCase(text)).isSameAs(text);
    }
}
