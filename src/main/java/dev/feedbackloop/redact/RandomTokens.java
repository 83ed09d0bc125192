package dev.feedbackloop.redact;

import java.util.List;

/**
 * Finds credentials that nothing around them names: a run of letters and digits that reads as generated, not
 * written ({@code YvE3ZU3lQQvpiaCtXT} as a test argument, {@code rt_0OeY7wAT5IRN...} in an assertion message).
 * Scanners such as detect-secrets use character entropy for this; here the measure is how often the character class
 * changes (upper case, lower case, digit) from one character to the next. In generated text over letters and digits
 * it changes at about 62 % of steps; in identifiers ({@code rejectsExpiredTokenWithin300ms},
 * {@code MockServerClient4Test}) only at word starts, about a third. Hex (commit SHAs, digests) and UUIDs change
 * class often too, but are single-case and stay: they are the ids a reader needs.
 *
 * <p>A run qualifies when it is at least {@value #MIN_LENGTH} characters long, has upper case, lower case and a
 * digit, changes class at at least half of its steps, and either has two digits or few vowels (a quarter of its
 * letters or fewer; English words and identifiers have more). One pass over the text.
 */
final class RandomTokens {

    static final String KIND = "random-token";
    /** Shorter runs are too often ordinary words with a digit; generated credentials are 16 characters or more. */
    static final int MIN_LENGTH = 16;
    private static final double MIN_CHANGES = 0.5;
    private static final double MAX_VOWELS = 0.25;

    private RandomTokens() {
    }

    /** Adds a span for every generated-looking run of letters and digits in {@code text}. */
    static void find(String text, List<Redactor.Span> spans) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isAlnum(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isAlnum(text.charAt(i))) {
                i++;
            }
            if (i - start >= MIN_LENGTH && looksGenerated(text, start, i)) {
                spans.add(new Redactor.Span(start, i, KIND));
            }
        }
    }

    /** Whether {@code text[from, to)} (letters and digits only) reads as generated; see the class comment. */
    static boolean looksGenerated(String text, int from, int to) {
        int upper = 0;
        int lower = 0;
        int digits = 0;
        int vowels = 0;
        int changes = 0;
        int previous = -1;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            int cls = c <= '9' ? 0 : c <= 'Z' ? 1 : 2;
            switch (cls) {
                case 0 -> digits++;
                case 1 -> upper++;
                default -> lower++;
            }
            if ("aeiouAEIOU".indexOf(c) >= 0) {
                vowels++;
            }
            if (previous >= 0 && cls != previous) {
                changes++;
            }
            previous = cls;
        }
        int letters = upper + lower;
        return upper > 0 && lower > 0 && digits > 0
                && changes >= MIN_CHANGES * (to - from - 1)
                && (digits >= 2 || vowels <= MAX_VOWELS * letters);
    }

    private static boolean isAlnum(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
