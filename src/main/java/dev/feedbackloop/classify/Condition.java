package dev.feedbackloop.classify;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One test a rule makes: a pattern searched in one field of the failure (or matched against all of it, for
 * Allure-style {@code messageRegex}/{@code traceRegex}).
 *
 * @param field   where to look
 * @param pattern the compiled pattern
 * @param whole   whether the pattern must match the whole field (Allure semantics) rather than be found in it
 */
public record Condition(Field field, Pattern pattern, boolean whole) {

    /** Characters of context kept on each side of a match in an evidence excerpt. */
    private static final int CONTEXT = 50;

    public Condition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(pattern, "pattern");
    }

    /** The excerpt of {@code value} this condition matched, or empty when it does not match (or value is empty). */
    Optional<String> match(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(value);
        if (whole) {
            return m.matches() ? Optional.of(excerpt(value, 0, Math.min(value.length(), 1))) : Optional.empty();
        }
        return m.find() ? Optional.of(excerpt(value, m.start(), m.end())) : Optional.empty();
    }

    /**
     * As {@link #match(String)}, searching only the lines of {@code value} that hold one of {@code hits}: a rule's
     * keywords sit on the line its pattern matches, so the rest of the text need not be searched.
     */
    Optional<String> matchAround(String value, Hits hits) {
        if (whole) {
            return match(value);
        }
        Matcher m = pattern.matcher(value);
        int searched = -1;
        for (int i = 0; i < hits.count(); i++) {
            int position = hits.positions()[i];
            if (position < searched) {
                continue;
            }
            int start = Hits.lineStart(value, position, 0);
            int end = Hits.lineEnd(value, position, 0);
            searched = end;
            m.region(start, end);
            if (m.find()) {
                return Optional.of(excerpt(value, m.start(), m.end()));
            }
        }
        return Optional.empty();
    }

    /** Whether this condition matches {@code value}. */
    boolean test(String value) {
        if (value.isEmpty()) {
            return false;
        }
        Matcher m = pattern.matcher(value);
        return whole ? m.matches() : m.find();
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
        String text = collapseWhitespace(value.substring(from, Math.max(from, to)));
        return (from > lineStart ? "…" : "") + text + (to < lineEnd ? "…" : "");
    }

    private static String collapseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }
}
