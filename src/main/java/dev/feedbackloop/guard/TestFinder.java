package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the failing test in a file from the title a report gives: {@code Suite › Nested › test},
 * {@code [chromium] › file.spec.ts:12:7 › Suite › test}, {@code Suite test} (WebdriverIO joins with spaces),
 * {@code Class.method}, {@code test_name[firefox]}. Titles are compared as word sequences, so separators, case
 * and punctuation do not matter; the test whose own title ends the report's title wins, ties going to the one
 * whose describe titles the report also names. Failing that, a line the message gives for the file decides.
 */
final class TestFinder {

    private TestFinder() {
    }

    static Optional<Unit> find(ParsedFile file, String title, FailureText failure, String path) {
        String wanted = words(title);
        List<Scored> scored = new ArrayList<>();
        for (Unit test : file.tests()) {
            int score = score(test, wanted);
            if (score > 0) {
                scored.add(new Scored(test, score));
            }
        }
        Optional<Unit> best = scored.stream().max(Comparator.comparingInt(Scored::score)
                .thenComparingInt(s -> s.test().title().length())).map(Scored::test);
        if (best.isPresent()) {
            return best;
        }
        for (int line : failure.linesIn(path)) {
            Optional<Unit> atLine = file.unitAtLine(line);
            if (atLine.isPresent()) {
                return atLine;
            }
        }
        return Optional.empty();
    }

    private record Scored(Unit test, int score) {
    }

    private static int score(Unit test, String wanted) {
        String own = words(test.title());
        if (own.isEmpty() || !containsWords(wanted, own)) {
            return 0;
        }
        int score = wanted.endsWith(own) ? 20 : 10;
        String full = words(test.fullTitle());
        if (wanted.equals(own) || wanted.equals(full)) {
            score += 10;
        } else if (!test.path().isEmpty() && (" " + wanted).endsWith(" " + full)) {
            score += 5; // the whole path, in order, ends the reported title
        }
        for (String scope : test.path()) {
            if (containsWords(wanted, words(scope))) {
                score += 2;
            }
        }
        return score;
    }

    private static boolean containsWords(String haystack, String needle) {
        return (" " + haystack + " ").contains(" " + needle + " ");
    }

    /** Lower-case words, split at anything that is not a letter or digit; camelCase is left whole. */
    static String words(String title) {
        StringBuilder out = new StringBuilder();
        for (String w : title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(w);
            }
        }
        return out.toString();
    }
}
