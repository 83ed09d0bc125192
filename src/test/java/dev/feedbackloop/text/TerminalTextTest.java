package dev.feedbackloop.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

    static Stream<Arguments> hostileText() {
        return Stream.of(
                Arguments.of("ANSI colour", "pays \u001B[31mred\u001B[0m", "pays \\x1B[31mred\\x1B[0m"),
                Arguments.of("cursor up and clear line", "ok\u001B[1A\u001B[2K", "ok\\x1B[1A\\x1B[2K"),
                Arguments.of("terminal title (OSC)", "\u001B]0;pwned\u0007t", "\\x1B]0;pwned\\x07t"),
                Arguments.of("8-bit CSI", "a\u009B31mb", "a\\x9B31mb"),
                Arguments.of("DEL and NUL", "a\u007Fb\u0000c", "a\\x7Fb\\x00c"),
                Arguments.of("line breaks and tab", "one\ntwo\r\tthree", "one\\ntwo\\r\\tthree"),
                Arguments.of("right-to-left override", "access\u202E\u2066// admin\u2069\u2066",
                        "access\\u202E\\u2066// admin\\u2069\\u2066"),
                Arguments.of("bidi embeddings and marks", "\u202A\u202B\u202C\u202D\u200E\u200F\u061C",
                        "\\u202A\\u202B\\u202C\\u202D\\u200E\\u200F\\u061C"),
                Arguments.of("isolates", "\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"),
                Arguments.of("line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"),
                Arguments.of("zero width space and BOM", "a\u200Bb\uFEFF", "a\\u200Bb\\uFEFF"),
                Arguments.of("tag characters", "x\uDB40\uDC41", "x\\U000E0041"),
                Arguments.of("unpaired surrogates", "a\uD800b\uDC00", "a\\uD800b\\uDC00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileText")
    void escapesWhatCouldControlTheTerminalOrReorderTheLine(String name, String text, String shown) {
        String escaped = TerminalText.escape(text);

        assertThat(escaped).isEqualTo(shown);
        assertThat(escaped.codePoints()).noneMatch(TerminalText::isUnsafe);
    }

    @Test
    void keepsPrintableTextOfAnyScriptAsItIs() {
        String text = "Checkout › pays with a saved card — été, Straße, 日本語, العربية, 👩‍👩‍👧 C:\\work\\x1B";

        assertThat(TerminalText.escape(text)).isSameAs(text);
    }

    @Test
    void keepsTheZeroWidthJoinersThatScriptsAndEmojiNeed() {
        assertThat(TerminalText.escape("می\u200Cخواهم 👨\u200D💻")).isEqualTo("می\u200Cخواهم 👨\u200D💻");
    }
}
