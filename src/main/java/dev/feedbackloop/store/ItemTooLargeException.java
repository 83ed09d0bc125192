package dev.feedbackloop.store;

/** An item would exceed the size the store allows even after its long text was trimmed. */
public class ItemTooLargeException extends StoreException {

    public ItemTooLargeException(String operation, String key, long bytes, long limit) {
        super(operation, key, "item is " + bytes + " bytes, over the limit of " + limit + " bytes", null);
    }
}
