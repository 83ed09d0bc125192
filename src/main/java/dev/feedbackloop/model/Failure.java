package dev.feedbackloop.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What went wrong in one failing attempt, as the report wrote it.
 *
 * @param message    the failure message, possibly multi-line; empty when the report gave none
 * @param type       the error type or exception class ({@code java.lang.AssertionError}, {@code TimeoutError}),
 *                   when the report names one
 * @param stackTrace the stack trace or failure body, when the report has one
 */
public record Failure(String message, Optional<String> type, Optional<String> stackTrace) {

    public Failure {
        Objects.requireNonNull(message, "message");
        type = Objects.requireNonNull(type, "type").filter(t -> !t.isBlank());
        stackTrace = Objects.requireNonNull(stackTrace, "stackTrace").filter(s -> !s.isBlank());
    }

    /** A failure with only a message. */
    public static Failure of(String message) {
        return new Failure(message == null ? "" : message, Optional.empty(), Optional.empty());
    }

    /** A failure from possibly-null parts, as parsers read them. */
    public static Failure of(String message, String type, String stackTrace) {
        return new Failure(message == null ? "" : message, Optional.ofNullable(type), Optional.ofNullable(stackTrace));
    }

    /** The message, or else the first line of the stack trace: the text a person reads first. */
    public String headline() {
        if (!message.isBlank()) {
            return message;
        }
        return stackTrace.map(s -> s.lines().findFirst().orElse("")).orElse("");
    }
}
