package dev.feedbackloop.rootcause;

import dev.feedbackloop.text.Ascii;
import java.util.Arrays;

/**
 * Where a rule's phrases and keywords occur in a text: phrases decide without pattern matching, and patterns are
 * searched only in the lines around these positions, not through the whole text.
 *
 * @param positions   start offsets of phrase and keyword occurrences, in the order found
 * @param count       how many of {@code positions} are used
 * @param phraseStart start of the first phrase found, or -1 when none
 * @param phraseEnd   end (exclusive) of that phrase
 */
record Hits(int[] positions, int count, int phraseStart, int phraseEnd) {

    /**
     * The hits of {@code rule} in {@code text}, found without an index (for a rule tried on its own): every
     * occurrence of every phrase and keyword, as the index's single pass finds them.
     */
    static Hits find(Rule rule, String text) {
        if (rule.phrases().isEmpty() && rule.keywords().isEmpty()) {
            return null;
        }
        String lower = Ascii.lowerCase(text);
        int[] positions = new int[8];
        int count = 0;
        int phraseStart = -1;
        int phraseEnd = -1;
        for (String phrase : rule.phrases()) {
            for (int at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + 1)) {
                positions = room(positions, count);
                positions[count++] = at;
                if (phraseStart < 0 || at < phraseStart) {
                    phraseStart = at;
                    phraseEnd = at + phrase.length();
                }
            }
        }
        for (String keyword : rule.keywords()) {
            for (int at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
                positions = room(positions, count);
                positions[count++] = at;
            }
        }
        Arrays.sort(positions, 0, count);
        return new Hits(positions, count, phraseStart, phraseEnd);
    }

    private static int[] room(int[] positions, int count) {
        return count < positions.length ? positions : Arrays.copyOf(positions, positions.length * 2);
    }

    /** Start of the line {@code linesBefore} lines above the one holding {@code position}. */
    static int lineStart(String text, int position, int linesBefore) {
        int start = text.lastIndexOf('\n', position - 1) + 1;
        for (int i = 0; i < linesBefore && start > 0; i++) {
            start = text.lastIndexOf('\n', start - 2) + 1;
        }
        return start;
    }

    /** End (exclusive, before the line break) of the line {@code linesAfter} lines below the one at {@code position}. */
    static int lineEnd(String text, int position, int linesAfter) {
        int end = text.indexOf('\n', position);
        for (int i = 0; i < linesAfter && end >= 0; i++) {
            end = text.indexOf('\n', end + 1);
        }
        return end < 0 ? text.length() : end;
    }
}
