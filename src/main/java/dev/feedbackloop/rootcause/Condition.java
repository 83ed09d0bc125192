package dev.feedbackloop.rootcause;

import dev.feedbackloop.text.TextBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One test a rule makes: a pattern searched in one field of the failure (or matched against all of it, for
 * Allure-style {@code messageRegex}/{@code traceRegex}). Searches are tried only where a literal the pattern's
 * matches start with occurs ({@link PrefixSearch}). Immutable and thread-safe.
 */
public final class Condition {

    /** Characters of context kept on each side of a match in an evidence excerpt. */
    private static final int CONTEXT = 50;

    private final Field field;
    private final Pattern pattern;
    private final boolean whole;
    private final PrefixSearch search;

    /**
     * A condition on {@code field}.
     *
     * @param field   where to look
     * @param pattern the compiled pattern
     * @param whole   whether the pattern must match the whole field (Allure semantics) rather than be found in it
     * @throws NullPointerException if {@code field} or {@code pattern} is null
     */
    public Condition(Field field, Pattern pattern, boolean whole) {
        this.field = Objects.requireNonNull(field, "field");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.whole = whole;
        this.search = PrefixSearch.of(pattern);
    }

    /** Where the condition looks. */
    public Field field() {
        return field;
    }

    /** The compiled pattern. */
    public Pattern pattern() {
        return pattern;
    }

    /** Whether the pattern must match the whole field rather than be found in it. */
    public boolean whole() {
        return whole;
    }

    /** The excerpt of the field this condition matched, or empty when it does not match (or the field is empty). */
    Optional<String> match(RuleInput text) {
        String value = text.get(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (whole) {
            return pattern.matcher(value).matches() ? Optional.of(excerpt(value, 0, Math.min(value.length(), 1)))
                    : Optional.empty();
        }
        PrefixSearch.Match m = search.find(value, text.lowerCase(field), 0, value.length());
        return m == null ? Optional.empty() : Optional.of(excerpt(value, m.start(), m.end()));
    }

    /**
     * As {@link #match(RuleInput)} on the text field, searching only the lines that hold one of {@code hits}: a
     * rule's keywords sit on the line its pattern matches, so the rest of the text need not be searched.
     */
    Optional<String> matchAround(RuleInput text, Hits hits) {
        if (whole) {
            return match(text);
        }
        String value = text.text();
        return Optional.ofNullable(search.findAround(value, text.lowerCase(Field.TEXT), hits.positions(), 0,
                hits.count(), 0, 0, m -> excerpt(value, m.start(), m.end())));
    }

    /** Whether this condition matches its field of {@code text}. */
    boolean test(RuleInput text) {
        String value = text.get(field);
        if (value.isEmpty()) {
            return false;
        }
        if (whole) {
            return pattern.matcher(value).matches();
        }
        return search.find(value, text.lowerCase(field), 0, value.length()) != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Condition c && c.field == field && c.pattern.equals(pattern) && c.whole == whole;
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, pattern, whole);
    }

    @Override
    public String toString() {
        return "Condition[field=" + field + ", pattern=" + pattern + ", whole=" + whole + "]";
    }

    /** The match with some context, within its line, whitespace collapsed; at most {@link Evidence#MAX_EXCERPT}. */
    static String excerpt(String value, int start, int end) {
        int lineStart = value.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start > 0 && value.charAt(start - 1) == '\n') {
            lineStart = start;
        }
        int lineEnd = value.indexOf('\n', Math.max(start, end - 1));
        if (lineEnd < 0) {
            lineEnd = value.length();
        }
        int from = Math.max(lineStart, start - CONTEXT);
        int to = Math.min(lineEnd, Math.max(end, start + 1) + CONTEXT);
        TextBuffer out = new TextBuffer(Math.max(0, to - from) + 2);
        if (from > lineStart) {
            out.append('…');
        }
        appendCollapsed(value, from, to, out);
        if (to < lineEnd) {
            out.append('…');
        }
        return out.toString();
    }

    /** Appends {@code value[from, to)} with each run of whitespace made one space, none at either end. */
    private static void appendCollapsed(String value, int from, int to, TextBuffer out) {
        int textStart = out.length();
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
            } else if (out.length() > textStart && out.last() != ' ') {
                out.append(' ');
            }
        }
        if (out.length() > textStart && out.last() == ' ') {
            out.setLength(out.length() - 1);
        }
    }
}
