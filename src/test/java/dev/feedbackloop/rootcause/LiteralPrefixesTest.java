package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiteralPrefixesTest {

    /** Expected prefixes separated by {@code ;}; empty when the pattern gets no prefilter. */
    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '!', value = {
        "timeout|timed out|exceeded ! timeout;timed out;exceeded",
        "(?:locator|selector) resolved to ! locator;selector",
        "Cannot read propert(?:y|ies) of ! cannot read propert",
        "\\bres\\b|HTTP ! res;http",
        "^Expected: x ! expected: x",
        "colou?r ! colo",
        "ab+c ! ab",
        "waitFor(?:Element|Visible)|wait_for_element ! waitfor;wait_for_element",
        "(?:Error: )?timeout ! error: ;timeout",
        "(?:Error: )*?timeout ! error: ;timeout",
        "(ab|cd)ef ! ab;cd",
        "ab[|]cd|ef ! ab;ef",
        "[]|]x|ab ! ''",
        "\\(x\\)|\\.frame\\( ! (x);.frame(",
        "time|timeout|time ! time",
        "ab\\d+|\\\"q ! ab;\"q",
        "^\\s*Expected ! ''",
        "a|bc ! ''",
        "x{2}yz|abc ! ''",
        "(?:E\\s+)?assert ! ''",
        "(?i)foo ! ''",
        "(?<name>abc) ! ''",
        "(?=ab)ab ! ''",
        "[ab]cd ! ''",
        "\\Qa|b\\E ! ''",
        "(?ix)a b ! ''",
        "\u00c9T\u00c9|abc ! ''",
        "(ab)? ! ''",
        "ab|(cd ! ''"})
    void readsTheLiteralsEveryMatchStartsWith(String regex, String expected) {
        List<String> prefixes = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(";"));

        assertThat(LiteralPrefixes.of(regex)).containsExactlyInAnyOrderElementsOf(prefixes);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"30, true", "24, false"})
    void givesUpOnTooManyAlternatives(int alternatives, boolean tooMany) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < alternatives; i++) {
            regex.append(i == 0 ? "" : "|").append("word").append((char) ('a' + i % 26)).append(i);
        }

        assertThat(LiteralPrefixes.of(regex.toString()).isEmpty()).isEqualTo(tooMany);
    }
}
