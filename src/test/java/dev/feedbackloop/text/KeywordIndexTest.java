package dev.feedbackloop.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordIndexTest {

    @Test
    void findsEveryOccurrenceWithItsPosition() {
        KeywordIndex index = KeywordIndex.of(List.of("timeout", "out", "time"));
        List<String> found = new ArrayList<>();
        index.forEachMatch("a timeout, then time out", (id, start, end) -> found.add(id + "@" + start + "-" + end));

        assertThat(found).containsExactlyInAnyOrder("2@2-6", "0@2-9", "1@6-9", "2@16-20", "1@21-24");
    }

    @Test
    void ignoresAsciiCase() {
        KeywordIndex index = KeywordIndex.of(List.of("NoSuchElement", "strict mode violation"));

        assertThat(index.scan("org.openqa.selenium.NOSUCHELEMENTException").get(0)).isTrue();
        assertThat(index.scan("Error: Strict Mode Violation: x").get(1)).isTrue();
    }

    @Test
    void aNonAsciiCharacterBreaksAMatch() {
        KeywordIndex index = KeywordIndex.of(List.of("ab"));

        assertThat(index.anyIn("a\u00e9b")).isFalse();
        assertThat(index.anyIn("\u00e9ab")).isTrue();
    }

    @Test
    void keywordsLongerThanTheDenseDepthAndSharingSuffixesAreFound() {
        KeywordIndex index = KeywordIndex.of(List.of("target page, context or browser has been closed",
                "browser has been closed", "has been", "closed"));

        assertThat(index.scan("locator.click: Target page, context or browser has been closed").stream().toArray())
                .containsExactly(0, 1, 2, 3);
    }

    @ParameterizedTest(name = "{0} keywords, complete rows: {1}")
    @CsvSource({"300, true", "300, false", "3000, true", "3000, false"})
    void matchesWhatNaiveSearchFindsOnRandomText(int count, boolean everyRowComplete) {
        Random random = new Random(7);
        List<String> keywords = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keywords.add(randomWord(random, 1 + random.nextInt(count > 1000 ? 14 : 9)));
        }
        KeywordIndex index = KeywordIndex.of(keywords, everyRowComplete ? KeywordIndex.DENSE_ENTRIES : 0);
        assertThat(index.everyRowComplete()).as("layout under test").isEqualTo(everyRowComplete);
        for (int round = 0; round < 30_000 / count; round++) {
            String text = randomWord(random, 400);
            Set<String> expected = new HashSet<>();
            String lowerText = text.toLowerCase(Locale.ROOT);
            for (int id = 0; id < keywords.size(); id++) {
                String keyword = keywords.get(id).toLowerCase(Locale.ROOT);
                for (int at = lowerText.indexOf(keyword); at >= 0; at = lowerText.indexOf(keyword, at + 1)) {
                    expected.add(id + "@" + at);
                }
            }
            Set<String> found = new HashSet<>();
            index.forEachMatch(text, (id, start, end) -> found.add(id + "@" + start));
            assertThat(found).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void rejectsEmptyAndNonAsciiKeywords() {
        assertThatThrownBy(() -> KeywordIndex.of(List.of(""))).hasMessageContaining("non-empty ASCII");
        assertThatThrownBy(() -> KeywordIndex.of(List.of("caf\u00e9"))).hasMessageContaining("caf\u00e9");
    }

    /** Words over a small alphabet, so keywords overlap and repeat in the text. */
    private static String randomWord(Random random, int length) {
        String alphabet = "abcAB -.";
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return word.toString();
    }
}
