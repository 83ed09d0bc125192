package dev.feedbackloop.adapter.local;

/** An embedded engine could not start, stop or be prepared. */
public class LocalEngineException extends RuntimeException {

    public LocalEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
