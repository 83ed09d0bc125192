package dev.feedbackloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMessagesTest {

    static Stream<Arguments> ansi() {
        return Stream.of(
                Arguments.of("colours", "\u001B[31mred\u001B[39m and \u001B[1;32mbold green\u001B[0m",
                        "red and bold green"),
                Arguments.of("cursor and erase", "\u001B[2K\u001B[1Gline", "line"),
                Arguments.of("hyperlink", "\u001B]8;;https://x.test\u001B\\link\u001B]8;;\u001B\\", "link"),
                Arguments.of("plain text untouched", "expect(received).toBe(expected) [1;2]",
                        "expect(received).toBe(expected) [1;2]"),
                Arguments.of("null", null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ansi")
    void stripAnsiLeavesPlainText(String name, String input, String expected) {
        assertThat(ErrorMessages.stripAnsi(input)).isEqualTo(expected);
    }

    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of("JavaScript error", "TimeoutError: locator.click: Timeout 5000ms exceeded.",
                        Optional.of("TimeoutError")),
                Arguments.of("plain Error", "Error: expect(received).toBe(expected)", Optional.of("Error")),
                Arguments.of(".NET exception with spaced colon", "System.DivideByZeroException : divide by zero",
                        Optional.of("System.DivideByZeroException")),
                Arguments.of("Java exception alone on its line", "java.lang.AssertionError\n\tat x.Y.z(Y.java:3)",
                        Optional.of("java.lang.AssertionError")),
                Arguments.of("indented", "  AssertionError: 1 != 2", Optional.of("AssertionError")),
                Arguments.of("not a type", "Expected: 3\nBut was: 2", Optional.empty()),
                Arguments.of("assertion text with a colon", "Assert.Equal() Failure: values differ", Optional.empty()),
                Arguments.of("a word ending like a type but with spaces", "Some Error: x", Optional.empty()),
                Arguments.of("blank", " ", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void leadingTypeFindsTheErrorClass(String name, String text, Optional<String> expected) {
        assertThat(ErrorMessages.leadingType(text)).isEqualTo(expected);
    }
}
