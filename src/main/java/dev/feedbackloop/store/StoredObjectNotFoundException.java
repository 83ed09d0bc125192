package dev.feedbackloop.store;

/** A stored object (a raw report) that was asked for does not exist. */
public class StoredObjectNotFoundException extends StoreException {

    public StoredObjectNotFoundException(String operation, String key, Throwable cause) {
        super(operation, key, "no such object", cause);
    }
}
