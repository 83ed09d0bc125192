package dev.feedbackloop.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the tokenizer must not be fooled by: brackets and keywords inside literals and comments. */
class LexerTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void readsTheTokensAReaderWouldSee(String name, Language language, String source, List<String> expected) {
        List<String> texts = Lexer.tokenize(source, language).stream()
                .filter(t -> t.kind() != Token.Kind.NEWLINE).map(Token::normalized).toList();

        assertThat(texts).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("braces in a string", Language.JAVASCRIPT, "f('{ not a block', \"}\")",
                        List.of("f", "(", "\"{ not a block\"", ",", "\"}\"", ")")),
                Arguments.of("template with a nested substitution", Language.JAVASCRIPT,
                        "`a ${ {x: `b ${c}`}.x } d`", List.of("\"a ${ {x: `b ${c}`}.x } d\"")),
                Arguments.of("regex after a parenthesis opener", Language.JAVASCRIPT, "toHaveText(/^a\\/b [}]$/i)",
                        List.of("toHaveText", "(", "/^a\\/b [}]$/i", ")")),
                Arguments.of("division is not a regex", Language.JAVASCRIPT, "a = b / c / d",
                        List.of("a", "=", "b", "/", "c", "/", "d")),
                Arguments.of("comments dropped", Language.JAVASCRIPT, "x(); // test.skip()\n/* { */ y();",
                        List.of("x", "(", ")", ";", "y", "(", ")", ";")),
                Arguments.of("numbers with separators", Language.JAVASCRIPT, "60_000", List.of("60000")),
                Arguments.of("Python raw string and comment", Language.PYTHON, "re.compile(r\"^\\d+ (x)$\")  # skip",
                        List.of("re", ".", "compile", "(", "\"^\\d+ (x)$\"", ")")),
                Arguments.of("Python triple quotes", Language.PYTHON, "s = '''a ( b\nc'''",
                        List.of("s", "=", "\"a ( b\nc\"")),
                Arguments.of("Java text block and char", Language.JAVA, "var s = \"\"\"\n  {\n\"\"\"; char c = '}';",
                        List.of("var", "s", "=", "\"\n  {\n\"", ";", "char", "c", "=", "\"}\"", ";")),
                Arguments.of("Java annotation", Language.JAVA, "@Disabled(\"x\") void t()",
                        List.of("@", "Disabled", "(", "\"x\"", ")", "void", "t", "(", ")")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pythonLines")
    void endsPythonLogicalLinesOutsideBracketsOnly(String name, String source, int logicalLines) {
        long newlines = Lexer.tokenize(source, Language.PYTHON).stream()
                .filter(t -> t.kind() == Token.Kind.NEWLINE).count();

        assertThat(newlines).isEqualTo(logicalLines);
    }

    static Stream<Arguments> pythonLines() {
        return Stream.of(
                Arguments.of("a call over three lines", "expect(\n    x\n).to_be_visible()\ny = 1\n", 2),
                Arguments.of("explicit joining", "a = 1 + \\\n    2\n", 1),
                Arguments.of("blank and comment lines", "a = 1\n\n# note\nb = 2\n", 2));
    }
}
