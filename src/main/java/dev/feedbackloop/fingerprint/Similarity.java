package dev.feedbackloop.fingerprint;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Token sets of normalised text and their Jaccard similarity. Pure functions. */
final class Similarity {

    /** Quoted literals kept per text: selectors and values sit in the first lines. */
    private static final int MAX_LITERALS = 16;
    private static final int MAX_LITERAL = 120;

    private Similarity() {
    }

    /**
     * The distinct tokens of {@code text} (runs of letters, digits, {@code _}, and placeholders such as
     * {@code <n>}), lower-cased, the first {@code max} of them, as sorted distinct 32-bit hashes (a collision merely
     * makes two tokens one).
     */
    static int[] tokenIds(String text, int max) {
        int[] ids = new int[Math.min(max, text.length())];
        int count = 0;
        int i = 0;
        while (i < text.length() && count < ids.length) {
            if (!isTokenChar(text.charAt(i))) {
                i++;
                continue;
            }
            int hash = 0;
            while (i < text.length() && isTokenChar(text.charAt(i))) {
                hash = 31 * hash + Character.toLowerCase(text.charAt(i));
                i++;
            }
            ids[count++] = hash;
        }
        int[] sorted = Arrays.copyOf(ids, count);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                sorted[distinct++] = sorted[k];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    /** Jaccard similarity of two sorted, distinct id arrays: |A ∩ B| / |A ∪ B|; 1 for two empty sets. */
    static double jaccard(int[] a, int[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1.0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    /** An upper bound of {@link #jaccard}, from the sizes alone: the intersection is at most the smaller set. */
    static double upperBound(int[] a, int[] b) {
        int max = Math.max(a.length, b.length);
        return max == 0 ? 1.0 : (double) Math.min(a.length, b.length) / max;
    }

    /**
     * Text between matching quotes ({@code '}, {@code "}, {@code `}) that open after a non-word character and
     * close before one, so the apostrophe in {@code doesn't} opens nothing.
     */
    static Set<String> literals(String text) {
        Set<String> literals = new HashSet<>();
        int i = 0;
        while (i < text.length() && literals.size() < MAX_LITERALS) {
            char quote = text.charAt(i);
            boolean opens = (quote == '\'' || quote == '"' || quote == '`')
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
            int close = opens ? text.indexOf(quote, i + 1) : -1;
            while (close > 0 && close + 1 < text.length() && Character.isLetterOrDigit(text.charAt(close + 1))) {
                close = text.indexOf(quote, close + 1);
            }
            int lineEnd = text.indexOf('\n', i);
            if (close > 0 && (lineEnd < 0 || close < lineEnd) && close - i - 1 <= MAX_LITERAL) {
                literals.add(text.substring(i + 1, close));
                i = close + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '<' || c == '>';
    }
}
