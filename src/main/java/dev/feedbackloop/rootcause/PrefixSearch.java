package dev.feedbackloop.rootcause;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern searched only where one of its {@link LiteralPrefixes} occurs: {@code indexOf} on the lower-cased text
 * finds the candidate positions, and the pattern is tried anchored at each, leftmost first. It finds exactly the
 * match {@code matcher(text).region(from, to).find()} finds: the first candidate where the pattern matches is the
 * leftmost match, because no match can start anywhere else. Immutable and thread-safe.
 */
final class PrefixSearch {

    /** A match: the matcher is on it, with positions relative to {@code offset} in the searched text. */
    record Match(Matcher matcher, int offset) {

        int start() {
            return offset + matcher.start();
        }

        int end() {
            return offset + matcher.end();
        }
    }

    private final Pattern pattern;
    private final String[] prefixes;

    private PrefixSearch(Pattern pattern, String[] prefixes) {
        this.pattern = pattern;
        this.prefixes = prefixes;
    }

    /** A search for {@code pattern}, with a prefilter when its source allows one. */
    static PrefixSearch of(Pattern pattern) {
        boolean readable = (pattern.flags() & (Pattern.LITERAL | Pattern.COMMENTS)) == 0;
        List<String> prefixes = readable ? LiteralPrefixes.of(pattern.pattern()) : List.of();
        return new PrefixSearch(pattern, prefixes.toArray(new String[0]));
    }

    Pattern pattern() {
        return pattern;
    }

    /** Whether the search has a prefilter (for tests). */
    boolean hasPrefixes() {
        return prefixes.length > 0;
    }

    /**
     * The first match in {@code text[from, to)}, searched as if that range were the whole text (as a matcher region
     * with the default opaque, anchoring bounds); null when there is none.
     *
     * @param lower {@code text} with ASCII letters lower-cased ({@code Ascii.lowerCase}), the same length
     */
    Match find(String text, String lower, int from, int to) {
        if (prefixes.length == 0) {
            Matcher m = pattern.matcher(text).region(from, to);
            return m.find() ? new Match(m, 0) : null;
        }
        int[] next = new int[prefixes.length];
        int at = firstCandidate(lower, from, to, next);
        if (at < 0) {
            return null;
        }
        // The range alone is the matcher's input, so anchors, \b and look-arounds see what they would see in a
        // region; transparent bounds then let each anchored try look back at the range before it.
        String input = from == 0 && to == text.length() ? text : text.substring(from, to);
        Matcher m = pattern.matcher(input).useTransparentBounds(true).useAnchoringBounds(false);
        while (at >= 0) {
            m.region(at - from, input.length());
            if (m.lookingAt()) {
                return new Match(m, from);
            }
            at = nextCandidate(lower, at, to, next);
        }
        return null;
    }

    /**
     * The first non-null {@code result} of a match found around the occurrences {@code positions[from, to)} (in text
     * order) of a rule's or pattern's keywords: each is searched from {@code linesBefore} lines above its line to
     * {@code linesAfter} lines below, as {@link #find} searches a range, and an occurrence on a line already searched
     * is skipped. Keywords sit on or near the line a pattern matches, so the rest of the text need not be searched.
     * Null when no match gives a result.
     */
    <T> T findAround(String text, String lower, int[] positions, int from, int to, int linesBefore, int linesAfter,
                     Function<Match, T> result) {
        int searched = -1;
        for (int i = from; i < to; i++) {
            int position = positions[i];
            if (position < searched || position >= text.length()) {
                continue;
            }
            searched = Hits.lineEnd(text, position, 0);
            Match m = find(text, lower, Hits.lineStart(text, position, linesBefore),
                    Hits.lineEnd(text, position, linesAfter));
            T found = m == null ? null : result.apply(m);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Fills {@code next} with each prefix's first occurrence in range (or -1) and returns the smallest, or -1. */
    private int firstCandidate(String lower, int from, int to, int[] next) {
        for (int p = 0; p < prefixes.length; p++) {
            next[p] = occurrence(lower, prefixes[p], from, to);
        }
        return smallest(next);
    }

    /** Moves past candidate {@code at} the prefixes that occur there, and returns the next candidate, or -1. */
    private int nextCandidate(String lower, int at, int to, int[] next) {
        for (int p = 0; p < prefixes.length; p++) {
            if (next[p] == at) {
                next[p] = occurrence(lower, prefixes[p], at + 1, to);
            }
        }
        return smallest(next);
    }

    private static int occurrence(String lower, String prefix, int from, int to) {
        int at = lower.indexOf(prefix, from);
        return at >= 0 && at + prefix.length() <= to ? at : -1;
    }

    private static int smallest(int[] positions) {
        int smallest = -1;
        for (int position : positions) {
            if (position >= 0 && (smallest < 0 || position < smallest)) {
                smallest = position;
            }
        }
        return smallest;
    }
}
