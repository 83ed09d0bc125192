package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.text.Ascii;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrefixSearchTest {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;

    static Stream<Arguments> edges() {
        return Stream.of(
                Arguments.of("anchored at the range start", "^assert x", "x\nassert x\n", 2, 10),
                Arguments.of("not at a line start", "^assert x", "x assert x", 0, 10),
                Arguments.of("word boundary at the range start", "\\bres\\b", "ares res", 1, 8),
                Arguments.of("look-behind cannot see before the range", "(?<!a)res", "ares", 1, 4),
                Arguments.of("end of line before CR LF", "Expected: (\\S.*)$", "Expected: 3\r\nx", 0, 12),
                Arguments.of("end of the range", "Expected: (\\S.*)$", "Expected: 3 and more", 0, 11),
                Arguments.of("leftmost of overlapping candidates", "timed out|time", "a timed out", 0, 11),
                Arguments.of("alternative order at one position", "time|timed out", "a timed out", 0, 11),
                Arguments.of("case folded", "(?:locator|selector) resolved to", "LOCATOR Resolved TO x", 0, 21),
                Arguments.of("prefix crossing the range end", "timeout", "a timeout", 0, 5),
                Arguments.of("no candidate", "timeout|exceeded", "all good", 0, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void findsWhatARegionSearchFinds(String name, String regex, String text, int from, int to) {
        assertSameAsRegionSearch(Pattern.compile(regex, FLAGS), text, from, to);
    }

    /** Every built-in rule pattern, on every rule example in several disguises, whole and line by line. */
    @Test
    void findsWhatARegionSearchFindsForEveryBuiltInPatternAndExample() {
        List<Pattern> patterns = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Rule rule : RuleSet.builtIn().rules()) {
            rule.when().forEach(c -> patterns.add(c.pattern()));
            rule.unless().forEach(c -> patterns.add(c.pattern()));
            for (String example : rule.examples()) {
                texts.add(example);
                texts.add(example.toUpperCase(java.util.Locale.ROOT));
                texts.add(example.replace("\n", "\r\n") + "\n  at x (/a/b.js:1:2)");
                texts.add("E   " + example.replace(" ", "  "));
            }
        }
        int prefiltered = 0;
        for (Pattern pattern : patterns) {
            prefiltered += PrefixSearch.of(pattern).hasPrefixes() ? 1 : 0;
            for (String text : texts) {
                assertSameAsRegionSearch(pattern, text, 0, text.length());
                for (int start = 0, end; start <= text.length(); start = end + 1) {
                    end = text.indexOf('\n', start) < 0 ? text.length() : text.indexOf('\n', start);
                    assertSameAsRegionSearch(pattern, text, start, end);
                }
            }
        }
        assertThat(prefiltered).as("patterns with a prefilter").isGreaterThan(patterns.size() / 2);
    }

    private static void assertSameAsRegionSearch(Pattern pattern, String text, int from, int to) {
        Matcher expected = pattern.matcher(text).region(from, to);
        PrefixSearch.Match found = PrefixSearch.of(pattern).find(text, Ascii.lowerCase(text), from, to);
        String where = pattern + " in [" + text.substring(from, to) + "]";
        if (!expected.find()) {
            assertThat(found).as(where).isNull();
            return;
        }
        assertThat(found).as(where).isNotNull();
        assertThat(found.start()).as(where).isEqualTo(expected.start());
        assertThat(found.end()).as(where).isEqualTo(expected.end());
        for (int g = 1; g <= expected.groupCount(); g++) {
            assertThat(found.matcher().group(g)).as(where + " group " + g).isEqualTo(expected.group(g));
        }
    }
}
