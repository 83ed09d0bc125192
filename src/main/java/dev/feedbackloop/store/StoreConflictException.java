package dev.feedbackloop.store;

/** Concurrent writers kept changing the same item, so an optimistic update gave up after its bounded retries. */
public class StoreConflictException extends StoreException {

    public StoreConflictException(String operation, String key, int attempts, Throwable cause) {
        super(operation, key, "concurrent updates still conflicting after " + attempts + " attempts", cause);
    }
}
