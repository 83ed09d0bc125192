package dev.feedbackloop.rootcause;

import dev.feedbackloop.text.Ascii;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads from a regular expression's source the literal texts every match of it starts with:
 * {@code (?:locator|selector) resolved to} starts with {@code locator} or {@code selector}, {@code timeout|timed
 * out} with {@code timeout} or {@code timed out}.
 *
 * <p>Why: {@code java.util.regex} has no such prefilter for alternations. A search of {@code a|b|c} tries every
 * alternative at every position of the text, which made a few rule conditions cost 5 to 13 µs on a 400-character
 * failure; {@code String.indexOf} finds the few positions where a match can start in a fraction of that, and the
 * pattern is then tried only there ({@link PrefixSearch}).
 *
 * <p>The reading is conservative: a prefix is only ever shorter than what a match must start with, never longer, and
 * whatever it does not understand (a character class, {@code \s}, a look-around, an embedded flag, {@code \Q}) ends a
 * prefix or gives up on the whole pattern. Prefixes are lower case (ASCII), to be looked for in ASCII-lower-cased
 * text: right for case-insensitive patterns, and a superset of the candidates for case-sensitive ones.
 */
final class LiteralPrefixes {

    /** Shorter prefixes occur too often to save a search. */
    static final int MIN_LENGTH = 2;
    /** More prefixes cost more {@code indexOf} passes than the pattern itself. */
    static final int MAX_COUNT = 24;
    private static final String STOPS = ".[]{}()|$^+?*\\";

    private LiteralPrefixes() {
    }

    /**
     * The lower-case literal prefixes of {@code regex}: every match starts with one of them. Empty when some match
     * may start otherwise, or when a prefix would be shorter than {@link #MIN_LENGTH}. None is a prefix of another.
     *
     * @param regex the source of a pattern compiled without {@code LITERAL} or {@code COMMENTS}
     */
    static List<String> of(String regex) {
        if (regex.contains("\\Q") || hasCommentsFlag(regex)) {
            return List.of(); // quoting and comments change what the characters mean: not worth reading
        }
        List<String> prefixes = new ArrayList<>();
        if (!alternatives(regex, 0, regex.length(), prefixes)) {
            return List.of();
        }
        List<String> minimal = minimal(prefixes);
        return minimal.size() <= MAX_COUNT ? minimal : List.of();
    }

    /** Adds the prefixes of each top-level alternative of {@code regex[from, to)}; false when one has none. */
    private static boolean alternatives(String regex, int from, int to, List<String> out) {
        int start = from;
        for (int i = from; i < to; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' || c == '(') {
                i = c == '[' ? classEnd(regex, i, to) : groupEnd(regex, i, to); // a '|' inside is not top-level
                if (i < 0) {
                    return false;
                }
            } else if (c == ')') {
                return false; // closes a group never opened
            } else if (c == '|') {
                if (!alternative(regex, start, i, out)) {
                    return false;
                }
                start = i + 1;
            }
        }
        return alternative(regex, start, to, out);
    }

    /** Adds the prefixes of one alternative {@code regex[from, to)}; false when it has none. */
    private static boolean alternative(String regex, int from, int to, List<String> out) {
        int i = from;
        while (i < to && (regex.charAt(i) == '^' || regex.startsWith("\\b", i))) {
            i += regex.charAt(i) == '^' ? 1 : 2; // zero-width: the match starts where the literal does
        }
        if (i < to && regex.charAt(i) == '(') {
            return group(regex, i, to, out);
        }
        StringBuilder literal = new StringBuilder();
        while (i < to) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < to && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
                literal.append(regex.charAt(i + 1)); // an escaped punctuation character stands for itself
                i += 2;
            } else if (STOPS.indexOf(c) < 0) {
                literal.append(c);
                i++;
            } else {
                if ((c == '?' || c == '*' || c == '{') && literal.length() > 0) {
                    literal.setLength(literal.length() - 1); // the character before may occur zero times
                }
                break;
            }
        }
        if (literal.length() < MIN_LENGTH || !isAscii(literal)) {
            return false; // too short to help; or a letter whose case UNICODE_CASE could fold
        }
        out.add(Ascii.lowerCase(literal.toString()));
        return true;
    }

    private static boolean isAscii(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** Whether an embedded flag group turns on comments mode ({@code (?x)}, {@code (?ix:}), where spaces and # differ. */
    private static boolean hasCommentsFlag(String regex) {
        for (int at = regex.indexOf("(?"); at >= 0; at = regex.indexOf("(?", at + 2)) {
            int i = at + 2;
            while (i < regex.length() && (Character.isLetter(regex.charAt(i)) || regex.charAt(i) == '-')) {
                if (regex.charAt(i) == 'x') {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /**
     * Adds the prefixes of an alternative that starts with a group: those of the group's own alternatives, and,
     * when the group may occur zero times, those of what follows it.
     */
    private static boolean group(String regex, int open, int to, List<String> out) {
        int close = groupEnd(regex, open, to);
        if (close < 0) {
            return false;
        }
        int inner;
        if (regex.startsWith("(?:", open)) {
            inner = open + 3;
        } else if (open + 1 < close && regex.charAt(open + 1) == '?') {
            return false; // look-around, named group, embedded flags: not read
        } else {
            inner = open + 1;
        }
        if (!alternatives(regex, inner, close, out)) {
            return false;
        }
        int after = close + 1;
        boolean optional = after < to && (regex.charAt(after) == '?' || regex.charAt(after) == '*'
                || regex.startsWith("{0", after));
        if (!optional) {
            return true;
        }
        int rest = after + 1;
        if (regex.charAt(after) == '{') {
            rest = regex.indexOf('}', after) + 1;
        }
        if (rest < to && (regex.charAt(rest) == '?' || regex.charAt(rest) == '+')) {
            rest++; // lazy or possessive form of the quantifier
        }
        return rest > after && alternative(regex, rest, to, out);
    }

    /** Index of the {@code )} closing the group opened at {@code open}, or -1. */
    private static int groupEnd(String regex, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(regex, i, to);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the {@code ]} closing the character class opened at {@code open} (classes nest in Java), or -1. */
    private static int classEnd(String regex, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && i > open + 1 && !(i == open + 2 && regex.charAt(open + 1) == '^')
                    && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The prefixes without duplicates and without those that start with another: its occurrences cover theirs. */
    private static List<String> minimal(List<String> prefixes) {
        List<String> minimal = new ArrayList<>();
        for (String prefix : prefixes) {
            boolean covered = false;
            for (String other : prefixes) {
                if (prefix.startsWith(other) && (!prefix.equals(other) || minimal.contains(other))) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                minimal.add(prefix);
            }
        }
        return minimal;
    }
}
