package dev.feedbackloop.store;

/**
 * The store kept refusing work for lack of capacity (throttling, or batch items left unprocessed) after every
 * bounded retry with backoff. Nothing is lost: the caller fails the event and its redelivery retries it.
 */
public class StoreThrottledException extends StoreException {

    public StoreThrottledException(String operation, String key, int attempts, Throwable cause) {
        super(operation, key, "still throttled after " + attempts + " attempts with backoff", cause);
    }
}
