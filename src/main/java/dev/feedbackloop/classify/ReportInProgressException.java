package dev.feedbackloop.classify;

/**
 * Another invocation is classifying the same report right now (a duplicate notification arrived while the first was
 * being processed). Fail this one: its retry finds the work done.
 */
public class ReportInProgressException extends RuntimeException {

    public ReportInProgressException(String message) {
        super(message);
    }
}
