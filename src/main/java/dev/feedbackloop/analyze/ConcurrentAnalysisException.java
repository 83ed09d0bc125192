package dev.feedbackloop.analyze;

/**
 * Another invocation is analysing the same report right now (a duplicate notification arrived while the first was
 * being processed). Fail this one: its retry finds the work done.
 */
public class ConcurrentAnalysisException extends RuntimeException {

    public ConcurrentAnalysisException(String message) {
        super(message);
    }
}
