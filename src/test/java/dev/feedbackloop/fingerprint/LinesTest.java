package dev.feedbackloop.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinesTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "    at Object.<anonymous> (a.spec.ts:3:1)   | at Object.<anonymous> (a.spec.ts:3:1)",
        "E       AssertionError: assert 4 == 5 | AssertionError: assert 4 == 5",
        "Error: x | Error: x",
        "[info] - adds an item *** FAILED *** | - adds an item *** FAILED ***",
        "[error]   x | x",
        "[trace] x | [trace] x",
        "[info x | [info x",
        "✗ ✖ browserContext.newPage: closed | browserContext.newPage: closed",
        "● Cart › adds | ● Cart › adds",
        "● | ''",
        "'  ●  ' | ''"})
    void stripsIndentationAndWrappingPrefixes(String raw, String cleaned) {
        assertThat(Lines.clean(raw)).isEqualTo(cleaned);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {"'  ● '", "[info]", "[info] x", "E  x  ", "'[inf'", "✗"})
    void cleansALineInsideALongerTextAsItsOwnCopy(String line) {
        String text = "before\n" + line + "\n] after ● x";
        int from = "before\n".length();

        assertThat(Lines.clean(text, from, from + line.length())).isEqualTo(Lines.clean(line));
    }
}
