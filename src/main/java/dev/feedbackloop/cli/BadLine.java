package dev.feedbackloop.cli;

import java.util.Optional;

/**
 * A line of JSON-lines input ({@code classify}, {@code evaluate}, {@code guard}) that is not what the command reads;
 * the message says what is wrong, without the line number, which the command adds.
 */
final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;
    private final String id;

    BadLine(String message, String id) {
        super(message, null, false, false);
        this.id = id;
    }

    /** The line's id, when it was read before the problem. */
    Optional<String> id() {
        return Optional.ofNullable(id);
    }
}
