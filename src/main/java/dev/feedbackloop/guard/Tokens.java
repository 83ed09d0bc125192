package dev.feedbackloop.guard;

/** A sequence of tokens with matched brackets: a whole file or one statement. */
interface Tokens {

    Token get(int i);

    int size();

    /** The index of the bracket matching the one at {@code i}, or -1. */
    int partner(int i);

    /** The token at {@code i}, or null beyond either end: for look-ahead without bounds checks. */
    default Token at(int i) {
        return i >= 0 && i < size() ? get(i) : null;
    }

    default boolean is(int i, String text) {
        Token t = at(i);
        return t != null && t.is(text);
    }
}
