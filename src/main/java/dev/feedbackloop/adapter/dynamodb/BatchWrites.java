package dev.feedbackloop.adapter.dynamodb;

/**
 * How unconditional item writes in bulk (a report's results) reach the table. DynamoDB bills a batch item as one
 * write and a transactional one as two, so on AWS batches are right. DynamoDB Local stores each item of a
 * BatchWriteItem in its own SQLite transaction, each a commit to disk, while a TransactWriteItems is one commit: on a
 * persistent local store, loading a history spent most of its time in those commits.
 */
public enum BatchWrites {

    /** BatchWriteItem, 25 items a request: DynamoDB's cheapest bulk write. */
    ITEM_BATCHES(25),
    /** TransactWriteItems, up to 100 items and 4 MB a request: one commit each on DynamoDB Local. */
    TRANSACTIONS(100);

    /** What TransactWriteItems takes in one request, all items together; a margin below DynamoDB's 4 MB. */
    static final long MAX_TRANSACTION_BYTES = 3_500_000;

    private final int maxItems;

    BatchWrites(int maxItems) {
        this.maxItems = maxItems;
    }

    /** Most items written in one request. */
    int maxItems() {
        return maxItems;
    }

    /** Whether one request holds {@code items} items of {@code bytes} bytes in all (the batch limits are by count). */
    boolean fits(int items, long bytes) {
        return items <= maxItems && (this == ITEM_BATCHES || bytes <= MAX_TRANSACTION_BYTES);
    }
}
