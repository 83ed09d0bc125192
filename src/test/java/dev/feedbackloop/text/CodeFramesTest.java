package dev.feedbackloop.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodeFramesTest {

    static Stream<Arguments> babelLines() {
        return Stream.of(
                Arguments.of("> 21 |     await frame.click('#pay');", CodeFrames.Kind.FAILING),
                Arguments.of("    > 9 | a();", CodeFrames.Kind.FAILING),
                Arguments.of("  22 |     await expect(page).toHaveURL(/done/);", CodeFrames.Kind.CONTEXT),
                Arguments.of("\t123456 | x", CodeFrames.Kind.CONTEXT),
                Arguments.of("     |                 ^", CodeFrames.Kind.CARET),
                Arguments.of("| id | name |", CodeFrames.Kind.CARET),
                Arguments.of("1234567 | a seven-digit line number is no gutter", CodeFrames.Kind.OTHER),
                Arguments.of("  12| vitest writes no space before the bar", CodeFrames.Kind.OTHER),
                Arguments.of("Error: boom", CodeFrames.Kind.OTHER),
                Arguments.of("> quoted text", CodeFrames.Kind.OTHER));
    }

    @ParameterizedTest(name = "[{0}] is {1}")
    @MethodSource("babelLines")
    void readsTheLinesOfABabelCodeFrame(String line, CodeFrames.Kind kind) {
        assertThat(CodeFrames.kindOf(line, 0, line.length())).isEqualTo(kind);
        assertThat(CodeFrames.kindOf("x\n" + line + "\ny", 2, 2 + line.length())).as("within a text").isEqualTo(kind);
    }

    static Stream<Arguments> gutters() {
        return Stream.of(
                Arguments.of("> 21 | await a();", 6),
                Arguments.of("21 | a();", 4),
                Arguments.of("12|   expect(x)", 3),
                Arguments.of(">\t12345678  |x", 13),
                Arguments.of("| caret", -1),
                Arguments.of("- waiting for", -1),
                Arguments.of("12 no bar", -1));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @MethodSource("gutters")
    void findsTheEndOfAGutterOfAnySpacing(String line, int end) {
        assertThat(CodeFrames.gutterEnd(line)).isEqualTo(end);
    }

    @Test
    void frameLinesOfAnyToolIncludeCaretsButNotText() {
        assertThat(CodeFrames.isFrameLine("> 6 |   await page.goto('/');")).isTrue();
        assertThat(CodeFrames.isFrameLine("10|   expect(x).toBe(2)")).isTrue();
        assertThat(CodeFrames.isFrameLine("|     ^")).isTrue();
        assertThat(CodeFrames.isFrameLine("Expected: 200")).isFalse();
        assertThat(CodeFrames.isFrameLine("")).isFalse();
    }

    @Test
    void theContextGutterPatternMatchesWhatKindOfCallsAContextLine() {
        Pattern context = Pattern.compile("^" + CodeFrames.CONTEXT_GUTTER_PATTERN);

        assertThat(context.matcher("  38 |   await expect(x)").find()).isTrue();
        assertThat(context.matcher("> 37 |   await expect(x)").find()).isFalse();
        assertThat(context.matcher("1234567 | x").find()).isFalse();
    }
}
