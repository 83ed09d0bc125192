package dev.feedbackloop.store;

import java.util.Objects;

/**
 * A storage operation failed. Names the operation and the item (or key prefix) it was about, and keeps the
 * underlying cause.
 */
public class StoreException extends RuntimeException {

    private final String operation;
    private final String key;

    public StoreException(String operation, String key, String problem, Throwable cause) {
        super(operation + " " + key + ": " + problem, cause);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** What was attempted: {@code PutRun}, {@code BatchWriteItem}, {@code RecordOccurrences}, ... */
    public String operation() {
        return operation;
    }

    /** The item the operation was about, as {@code PK/SK} or another readable key. */
    public String key() {
        return key;
    }
}
