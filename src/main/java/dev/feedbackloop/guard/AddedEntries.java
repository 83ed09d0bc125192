package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An edit of a constant of test data that only adds entries: {@code const LEFT = { 250: '20', 4000: '60' }} becoming
 * {@code { 250: '20', 4000: '60', 8000: '70' }}. Every test using the constant still gets what it had, plus the
 * new entries; when the failure asks for exactly that data ("Enter a threshold for Left ear 8000 Hz"), the edit is
 * the fix, not an escape.
 */
final class AddedEntries {

    private AddedEntries() {
    }

    /**
     * The entries the proposal adds to the assigned literal ({@code {...}}, {@code [...]} or a call's arguments
     * such as {@code Map.of(...)}), when it keeps every original entry unchanged and in order and changes nothing
     * else in the statement; empty otherwise.
     */
    static Optional<List<String>> of(Statement before, Statement after) {
        Optional<Literal> b = literal(before);
        Optional<Literal> a = literal(after);
        if (b.isEmpty() || a.isEmpty() || !b.get().outside.equals(a.get().outside)
                || a.get().entries.size() <= b.get().entries.size()) {
            return Optional.empty();
        }
        List<String> added = new ArrayList<>();
        int i = 0;
        for (String entry : a.get().entries) {
            if (i < b.get().entries.size() && entry.equals(b.get().entries.get(i))) {
                i++;
            } else {
                added.add(entry);
            }
        }
        return i == b.get().entries.size() ? Optional.of(added) : Optional.empty();
    }

    /** Whether the failure names a key or value of the added entries (a number or a word, as a whole word). */
    static boolean named(List<String> added, String failure) {
        return added.stream().flatMap(e -> Pattern.compile("[\\p{L}\\p{N}_.-]+").matcher(e).results())
                .map(m -> m.group().replaceAll("^[._-]+|[._-]+$", "")).filter(w -> w.length() >= 3)
                .anyMatch(w -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE).matcher(failure).find());
    }

    /** A statement's assigned literal: its top-level entries, and everything around them. */
    private record Literal(List<String> entries, String outside) {
    }

    private static Optional<Literal> literal(Statement s) {
        int assign = -1;
        for (int i = 0; i < s.size() && assign < 0; i++) {
            if (s.get(i).is("=")) {
                assign = i;
            }
        }
        if (assign < 0) {
            return Optional.empty();
        }
        for (int i = assign + 1; i < s.size(); i++) {
            Token t = s.get(i);
            if (t.is("{") || t.is("[") || t.is("(")) {
                int end = s.partner(i);
                if (end <= i + 1) {
                    return Optional.empty();
                }
                return Optional.of(new Literal(entries(s, i + 1, end), Statement.normalise(s.tokens().subList(0, i + 1))
                        + " … " + Statement.normalise(s.tokens().subList(end, s.size()))));
            }
        }
        return Optional.empty();
    }

    /** The top-level comma-separated entries between {@code from} and {@code to}, normalised; trailing commas dropped. */
    private static List<String> entries(Statement s, int from, int to) {
        List<String> out = new ArrayList<>();
        int start = from;
        int depth = 0;
        for (int i = from; i <= to; i++) {
            Token t = s.get(i);
            if (i == to || depth == 0 && t.is(",")) {
                if (i > start) {
                    out.add(Statement.normalise(s.tokens().subList(start, i)));
                }
                start = i + 1;
            } else if (t.is("{") || t.is("[") || t.is("(")) {
                depth++;
            } else if (t.is("}") || t.is("]") || t.is(")")) {
                depth--;
            }
        }
        return out;
    }
}
