package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The compared values, in each framework's words: rules on URLs, statuses and login pages rest on them. */
class ComparedValuesTest {

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("JUnit one line", "expected:<https://a.test/[home]> but was:<https://a.test/[login]>",
                        "https://a.test/[home]", "https://a.test/[login]"),
                Arguments.of("AssertJ on four lines, any verb",
                        "java.lang.AssertionError: \nExpecting actual:\n  \"https://example.com/en/products\"\n"
                                + "to contain:\n  \"/de/produkte\" ", "\"/de/produkte\"",
                        "\"https://example.com/en/products\""),
                Arguments.of("AssertJ with a parenthesised verb",
                        "Expecting actual:\n  [\"a\", \"b\"]\nto contain exactly (and in same order):\n  [\"a\", \"b\", \"c\"]\n"
                                + "but could not find the following elements:\n  [\"c\"]",
                        "[\"a\", \"b\", \"c\"]", "[\"a\", \"b\"]"),
                Arguments.of("FluentAssertions",
                        "Expected response.StatusCode to be HttpStatusCode.OK {value: 200}, but found "
                                + "HttpStatusCode.BadRequest {value: 400}.", "HttpStatusCode.OK {value: 200}",
                        "HttpStatusCode.BadRequest {value: 400}"),
                Arguments.of("Selenium URL condition",
                        "org.openqa.selenium.TimeoutException: Expected condition failed: waiting for url to contain "
                                + "\"/dashboard\". Current url: \"https://portal.test/Account/Login?ReturnUrl=%2Fdashboard\" "
                                + "(tried for 10 second(s) with 500 milliseconds interval)", "/dashboard",
                        "https://portal.test/Account/Login?ReturnUrl=%2Fdashboard"),
                Arguments.of("Go got, want", "    cart_test.go:42: got total 1999, want 2499", "2499", "total 1999"),
                Arguments.of("Go call = got; want", "    sum_test.go:12: Sum(2, 2) = 5; want 4", "4", "5"),
                Arguments.of("Go want, got", "    url_test.go:9: want \"/orders\", got \"/login\"", "\"/orders\"",
                        "\"/login\""),
                Arguments.of("testify pads the actual label",
                        "    Error:      \tNot equal: \n    \t            \texpected: 200\n    \t            \tactual  : 404",
                        "200", "404"),
                Arguments.of("RSpec eq", "expected: \"Order confirmed\"\n     got: \"Order pending\"\n\n(compared using ==)",
                        "\"Order confirmed\"", "\"Order pending\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void findsTheExpectedAndActualValues(String name, String text, String expected, String actual) {
        assertThat(ComparedValues.find(text)).isEqualTo(new ComparedValues(expected, actual));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prose")
    void proseWithoutAComparisonHasNoValues(String name, String text) {
        assertThat(ComparedValues.find(text)).isEqualTo(new ComparedValues("", ""));
    }

    static Stream<Arguments> prose() {
        return Stream.of(
                Arguments.of("a sentence with got and want apart", "We got here because you want to retry"),
                Arguments.of("AssertJ on one line", "Expecting value to be true but was false"));
    }
}
