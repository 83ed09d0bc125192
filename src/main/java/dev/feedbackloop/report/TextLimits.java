package dev.feedbackloop.report;

import dev.feedbackloop.model.Failure;

/**
 * Caps on the free text a report carries, so that one result stays small in memory and in storage (a DynamoDB
 * item is at most 400 KB, and a test may have several attempts). Long text keeps its head and its tail: the
 * message's first lines and a stack's innermost and outermost frames are what a reader needs.
 */
public final class TextLimits {

    /** Longest failure message kept, in characters. */
    public static final int MESSAGE = 8 * 1024;
    /** Longest stack trace kept, in characters. */
    public static final int STACK_TRACE = 16 * 1024;
    /** Longest stdout or stderr kept per attempt, in characters. */
    public static final int OUTPUT = 8 * 1024;

    private static final String ELISION = "\n… [%d characters omitted] …\n";

    private TextLimits() {
    }

    /**
     * {@code text} if it fits in {@code max} characters, else its head and tail around a marker saying how much was
     * omitted. Null becomes empty.
     */
    public static String cap(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int head = headLength(max);
        int tail = tailLength(max);
        int omitted = text.length() - head - tail;
        return text.substring(0, head) + elision(omitted) + text.substring(text.length() - tail);
    }

    /**
     * {@code failure} with its message and type capped at {@link #MESSAGE} and its stack trace at
     * {@link #STACK_TRACE}, as the report parsers cap them: failures that come in another way (a JSON Lines file of
     * messages) get the same limits, so no path redacts, classifies or fingerprints more text than a report can
     * carry. The same instance when nothing is over its cap.
     */
    public static Failure cap(Failure failure) {
        String message = cap(failure.message(), MESSAGE);
        var type = failure.type().map(t -> cap(t, MESSAGE));
        var stack = failure.stackTrace().map(s -> cap(s, STACK_TRACE));
        if (message == failure.message() && type.equals(failure.type()) && stack.equals(failure.stackTrace())) {
            return failure;
        }
        return new Failure(message, type, stack);
    }

    /** Characters kept from the start of a text longer than {@code max}. */
    static int headLength(int max) {
        return (max - 40) * 2 / 3;
    }

    /** Characters kept from the end of a text longer than {@code max}. */
    static int tailLength(int max) {
        return max - 40 - headLength(max);
    }

    static String elision(long omitted) {
        return ELISION.formatted(omitted);
    }
}
