package dev.feedbackloop.text;

import java.util.Objects;

/** A count with its noun in the right number, for people: "1 test", "2 tests", "0 tests". */
public final class Plural {

    private Plural() {
    }

    /** {@code count} and {@code noun}, with an "s" added unless the count is exactly one. */
    public static String of(long count, String noun) {
        Objects.requireNonNull(noun, "noun");
        return of(count, noun, noun + "s");
    }

    /** {@code count} and {@code singular} or {@code plural} ("1 analysis", "2 analyses"). */
    public static String of(long count, String singular, String plural) {
        Objects.requireNonNull(singular, "singular");
        Objects.requireNonNull(plural, "plural");
        return count + " " + (count == 1 ? singular : plural);
    }
}
