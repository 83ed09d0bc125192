package dev.feedbackloop.store;

/** Regeneration requests could not be published. Names the requests that failed and why. */
public class RegenerationQueueException extends RuntimeException {

    public RegenerationQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
