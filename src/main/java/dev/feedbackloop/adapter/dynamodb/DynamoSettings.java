package dev.feedbackloop.adapter.dynamodb;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the DynamoDB adapters.
 *
 * @param tableName the table ({@code feedback.table-name} / {@code FEEDBACK_TABLE_NAME})
 * @param rawTtl    how long raw data (results with their attempts, occurrence markers, delivery records) is kept
 *                  before DynamoDB's time to live removes it ({@code feedback.raw-ttl-days}, default 30 days)
 * @param backoff   retry bounds for throttling, unprocessed batch items and transaction conflicts
 * @param batchWrites how bulk writes are sent: {@link BatchWrites#ITEM_BATCHES} on AWS,
 *                  {@link BatchWrites#TRANSACTIONS} on a persistent DynamoDB Local (one commit a request)
 */
public record DynamoSettings(String tableName, Duration rawTtl, Backoff backoff, BatchWrites batchWrites) {

    /** Default raw-data time to live, as {@code feedback.raw-ttl-days} defaults. */
    public static final Duration DEFAULT_RAW_TTL = Duration.ofDays(30);

    public DynamoSettings {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("a DynamoDB table name is required (feedback.table-name)");
        }
        Objects.requireNonNull(rawTtl, "rawTtl");
        if (rawTtl.isNegative() || rawTtl.isZero()) {
            throw new IllegalArgumentException("raw data time to live must be positive, was " + rawTtl);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(batchWrites, "batchWrites");
    }

    /** Settings that write in item batches, as on AWS. */
    public DynamoSettings(String tableName, Duration rawTtl, Backoff backoff) {
        this(tableName, rawTtl, backoff, BatchWrites.ITEM_BATCHES);
    }

    /** Settings with the default time to live and backoff. */
    public static DynamoSettings of(String tableName) {
        return new DynamoSettings(tableName, DEFAULT_RAW_TTL, Backoff.DEFAULT);
    }
}
