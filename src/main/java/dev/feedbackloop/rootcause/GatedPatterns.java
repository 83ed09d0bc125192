package dev.feedbackloop.rootcause;

import dev.feedbackloop.text.KeywordIndex;
import java.util.ArrayList;
import java.util.Arrays;
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
    private record Entry<T>(List<String> keywords, int linesBefore, int linesAfter, PrefixSearch search,
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
                PrefixSearch.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE)), result));
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

    /**
     * Where each pattern's keywords occur in {@code text}, by one keyword pass for all patterns: per pattern null,
     * or {@code {count, position...}}.
     */
    int[][] scan(String text) {
        int[][] positions = newScan();
        index.forEachMatch(text, (keyword, start, end) -> record(positions, keyword, start));
        return positions;
    }

    /**
     * The result of the first pattern among entries {@code [from, to)}, in order, that matches {@code text} around
     * the positions a {@link #scan} of it found; empty when none does.
     *
     * @param lower {@code text} with ASCII letters lower-cased ({@code Ascii.lowerCase})
     */
    Optional<T> first(String text, String lower, int[][] positions, int from, int to) {
        for (int e = from; e < to; e++) {
            if (positions[e] != null) {
                T result = search(entries.get(e), text, lower, positions[e]);
                if (result != null) {
                    return Optional.of(result);
                }
            }
        }
        return Optional.empty();
    }

    /** Number of patterns added. */
    int size() {
        return entries.size();
    }

    /** Every pattern's keywords, in order: a keyword's position here is its local id for {@link #record}. */
    List<String> keywords() {
        List<String> keywords = new ArrayList<>();
        entries.forEach(e -> keywords.addAll(e.keywords()));
        return keywords;
    }

    /** An empty scan, to be filled by {@link #record} from another keyword pass. */
    int[][] newScan() {
        return new int[entries.size()][];
    }

    /** Records in {@code scan} that the keyword with local id {@code keyword} occurs at {@code start}. */
    void record(int[][] scan, int keyword, int start) {
        int e = ownerOfKeyword[keyword];
        int[] list = scan[e];
        if (list == null) {
            scan[e] = new int[] {1, start, 0, 0};
        } else {
            if (list[0] + 1 == list.length) {
                list = Arrays.copyOf(list, list.length * 2);
                scan[e] = list;
            }
            list[++list[0]] = start;
        }
    }

    /** Searches around each of {@code positions[1 .. positions[0]]}. */
    private static <T> T search(Entry<T> entry, String text, String lower, int[] positions) {
        return entry.search().findAround(text, lower, positions, 1, positions[0] + 1, entry.linesBefore(),
                entry.linesAfter(), m -> entry.result().apply(m.matcher()));
    }
}
