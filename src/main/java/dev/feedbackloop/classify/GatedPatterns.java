package dev.feedbackloop.classify;

import dev.feedbackloop.text.KeywordIndex;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ordered list of patterns, each tried only when one of its keywords occurs in the text: the first pattern
 * that matches gives the result. One keyword pass replaces a search per pattern.
 *
 * @param <T> what a match is turned into
 */
final class GatedPatterns<T> {

    private record Entry<T>(List<String> keywords, Pattern pattern, Function<Matcher, T> result) {
    }

    private final List<Entry<T>> entries = new ArrayList<>();
    private KeywordIndex index;
    private int[] ownerOfKeyword;

    /** Adds a pattern tried when any of {@code keywords} (lower case) occurs. */
    GatedPatterns<T> add(List<String> keywords, String regex, Function<Matcher, T> result) {
        entries.add(new Entry<>(keywords, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE),
                result));
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
        BitSet keywordHits = index.scan(text);
        if (keywordHits.isEmpty()) {
            return Optional.empty();
        }
        BitSet tried = new BitSet(entries.size());
        for (int k = keywordHits.nextSetBit(0); k >= 0; k = keywordHits.nextSetBit(k + 1)) {
            tried.set(ownerOfKeyword[k]);
        }
        for (int e = tried.nextSetBit(0); e >= 0; e = tried.nextSetBit(e + 1)) {
            Entry<T> entry = entries.get(e);
            Matcher m = entry.pattern().matcher(text);
            if (m.find()) {
                T result = entry.result().apply(m);
                if (result != null) {
                    return Optional.of(result);
                }
            }
        }
        return Optional.empty();
    }
}
