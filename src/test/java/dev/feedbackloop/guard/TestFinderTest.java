package dev.feedbackloop.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The failing test found from the title each runner reports. */
class TestFinderTest {

    private static final String TWO_SUITES = """
            describe('Cart', () => {
              it('adds an item', () => {});
            });
            describe('Wishlist', () => {
              it('adds an item', () => {});
              it('adds an item twice', () => {});
            });
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("titles")
    void findsTheTestTheReportNames(String reported, String expectedKey) {
        ParsedFile file = ParsedFile.parse(TWO_SUITES, Language.JAVASCRIPT);

        assertThat(TestFinder.find(file, reported, new FailureText(""), "cart.cy.js"))
                .hasValueSatisfying(u -> assertThat(u.key()).isEqualTo(expectedKey));
    }

    static Stream<Arguments> titles() {
        return Stream.of(
                Arguments.of("Wishlist › adds an item", "TEST:Wishlist › adds an item"),
                Arguments.of("[chromium] › cart.cy.js:5:3 › Wishlist › adds an item", "TEST:Wishlist › adds an item"),
                Arguments.of("Cart adds an item", "TEST:Cart › adds an item"),
                Arguments.of("Wishlist adds an item twice", "TEST:Wishlist › adds an item twice"),
                Arguments.of("WISHLIST > Adds an item", "TEST:Wishlist › adds an item"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherLanguages")
    void findsPythonAndJavaTests(String reported, Language language, String source, String expectedTitle) {
        ParsedFile file = ParsedFile.parse(source, language);

        assertThat(TestFinder.find(file, reported, new FailureText(""), "x"))
                .hasValueSatisfying(u -> assertThat(u.title()).isEqualTo(expectedTitle));
    }

    static Stream<Arguments> otherLanguages() {
        String python = "def test_a(page):\n    pass\n\ndef test_a_b(page):\n    pass\n";
        String java = "class T {\n  @Test void a() {}\n  @Test void ab() {}\n}\n";
        return Stream.of(
                Arguments.of("test_a_b[firefox]", Language.PYTHON, python, "test_a_b"),
                Arguments.of("tests/test_x.py::test_a[chromium]", Language.PYTHON, python, "test_a"),
                Arguments.of("T.ab", Language.JAVA, java, "ab"),
                Arguments.of("com.acme.T.a", Language.JAVA, java, "a"));
    }

    @org.junit.jupiter.api.Test
    void fallsBackToTheLineTheFailureGives() {
        ParsedFile file = ParsedFile.parse("test(`row ${n}`, () => {\n  x();\n});\n", Language.JAVASCRIPT);

        assertThat(TestFinder.find(file, "row 3", new FailureText("at rows.spec.ts:2:3"), "tests/rows.spec.ts"))
                .isPresent();
    }
}
