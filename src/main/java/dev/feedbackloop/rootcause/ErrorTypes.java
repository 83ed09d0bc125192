package dev.feedbackloop.rootcause;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds exception and error class names in failure text ({@code NoSuchElementException}, {@code TypeError},
 * {@code AssertionFailedError}, {@code ComparisonFailure}), so rules can match on the type even when the report
 * gives none. A name is an identifier that starts with an upper-case letter and ends in {@code Error},
 * {@code Exception} or {@code Failure} with something before the suffix: a bare {@code Error:} is not a type.
 */
final class ErrorTypes {

    private static final String[] SUFFIXES = {"Exception", "Error", "Failure"};
    /** Distinct names kept: the first ones are the thrown type and its causes. */
    private static final int MAX_NAMES = 6;

    private ErrorTypes() {
    }

    /** The distinct type names in {@code text} (at most six), one per line; empty when none. */
    static String find(String text) {
        Set<String> names = new LinkedHashSet<>();
        for (String suffix : SUFFIXES) {
            int from = 0;
            int at;
            while (names.size() < MAX_NAMES && (at = text.indexOf(suffix, from)) >= 0) {
                from = at + suffix.length();
                if (from < text.length() && Character.isLetterOrDigit(text.charAt(from))) {
                    continue; // "HttpClientErrorException": the Error is inside a longer name
                }
                int start = at;
                while (start > 0 && isIdentifierChar(text.charAt(start - 1))) {
                    start--;
                }
                if (start < at && Character.isUpperCase(text.charAt(start))) {
                    names.add(text.substring(start, from));
                }
            }
        }
        return String.join("\n", names);
    }

    private static boolean isIdentifierChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
