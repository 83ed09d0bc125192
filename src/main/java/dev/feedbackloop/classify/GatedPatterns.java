package dev.feedbackloop.classify;

import dev.feedbackloop.text.KeywordIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ordered list of patterns, each searched only around the lines where one of its keywords occurs: the first
 * pattern, in order, that matches gives the result. One keyword pass over the text replaces a full-text search per
 * pattern.
 *
 * @param <T> what a match is turned into
 */
final class GatedPatterns<T> {

    /**
     * One pattern and the lines it may span around a keyword: a two-line message whose keyword is on its second
     * line ({@code Expected: ..} / {@code but: was ..}) has {@code linesBefore = 1}.
     */
    private record Entry<T>(List<String> keywords, int linesBefore, int linesAfter, Pattern pattern,
                            Function<Matcher, T> result) {
    }

    private final List<Entry<T>> entries = new ArrayList<>();
    private KeywordIndex index;
    private int[] ownerOfKeyword;

    /** Adds a pattern searched on the lines holding any of {@code keywords} (lower case). */
    GatedPatterns<T> add(List<String> keywords, String regex, Function<Matcher, T> result) {
        return add(keywords, 0, 0, regex, result);
    }

    /** Adds a pattern searched from {@code linesBefore} lines above a keyword to {@code linesAfter} lines below. */
    GatedPatterns<T> add(List<String> keywords, int linesBefore, int linesAfter, String regex,
                         Function<Matcher, T> result) {
        entries.add(new Entry<>(keywords, linesBefore, linesAfter,
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE), result));
        return this;
    }

    /** Compiles the keyword index; call once after the last {@link #add}. */
    GatedPatterns<T> build() {
        List<String> keywords = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            for (String keyword : entries.get(e).keywords()) {
                keywords.add(keyword);
                owners.add(e);
            }
        }
        index = KeywordIndex.of(keywords);
        ownerOfKeyword = owners.stream().mapToInt(Integer::intValue).toArray();
        return this;
    }

    /** The result of the first pattern, in order, that matches {@code text}; empty when none does. */
    Optional<T> first(String text) {
        int[][] positions = new int[entries.size()][];
        int[] counts = new int[entries.size()];
        boolean[] any = {false};
        index.forEachMatch(text, (keyword, start, end) -> {
            int e = ownerOfKeyword[keyword];
            if (positions[e] == null) {
                positions[e] = new int[4];
            } else if (counts[e] == positions[e].length) {
                positions[e] = java.util.Arrays.copyOf(positions[e], counts[e] * 2);
            }
            positions[e][counts[e]++] = start;
            any[0] = true;
        });
        if (!any[0]) {
            return Optional.empty();
        }
        for (int e = 0; e < entries.size(); e++) {
            if (positions[e] != null) {
                T result = search(entries.get(e), text, positions[e], counts[e]);
                if (result != null) {
                    return Optional.of(result);
                }
            }
        }
        return Optional.empty();
    }

    private static <T> T search(Entry<T> entry, String text, int[] positions, int count) {
        Matcher m = entry.pattern().matcher(text);
        int searched = -1;
        for (int i = 0; i < count; i++) {
            if (positions[i] < searched) {
                continue;
            }
            int start = Hits.lineStart(text, positions[i], entry.linesBefore());
            int end = Hits.lineEnd(text, positions[i], entry.linesAfter());
            searched = Hits.lineEnd(text, positions[i], 0);
            m.region(start, end);
            if (m.find()) {
                T result = entry.result().apply(m);
                if (result != null) {
                    return result;
                }
            }
        }
        return null;
    }
}
