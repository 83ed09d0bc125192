package dev.feedbackloop.bench.history;

import java.util.OptionalLong;

/**
 * The text of one failing execution, as surefire writes it.
 *
 * @param cause      its root cause
 * @param type       the exception class, the {@code type} attribute
 * @param message    the exception message, the {@code message} attribute
 * @param stackTrace the element's text: {@code type: message} and the frames
 * @param millis     how long the execution took when the failure fixes it (a timeout), else empty
 */
record SimulatedFailure(Cause cause, String type, String message, String stackTrace, OptionalLong millis) {

    /** Whether JUnit reports it as an {@code <error>} rather than a {@code <failure>}. */
    boolean error() {
        return cause.error;
    }
}
