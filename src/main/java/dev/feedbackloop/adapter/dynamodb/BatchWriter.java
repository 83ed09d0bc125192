package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.store.StoreThrottledException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem in requests of 25 (the API's limit), resubmitting {@code UnprocessedItems} with exponential backoff
 * and jitter, as DynamoDB asks (a batch is not atomic: items it could not take for capacity come back unprocessed).
 */
final class BatchWriter {

    /** Most items BatchWriteItem takes in one request. */
    static final int MAX_BATCH = 25;

    private final Table table;

    BatchWriter(Table table) {
        this.table = table;
    }

    /**
     * Writes up to 25 requests with distinct keys.
     *
     * @throws StoreThrottledException when items remain unprocessed after the bounded retries
     */
    void write(String operation, List<WriteRequest> requests) {
        if (requests.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch takes at most " + MAX_BATCH + " items, got " + requests.size());
        }
        List<WriteRequest> pending = requests;
        Backoff backoff = table.settings.backoff();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<WriteRequest> batch = pending;
            BatchWriteItemResponse response = table.call(operation, firstKey(batch),
                    () -> table.client.batchWriteItem(b -> b.requestItems(Map.of(table.name, batch))));
            pending = response.hasUnprocessedItems()
                    ? response.unprocessedItems().getOrDefault(table.name, List.of()) : List.of();
            if (pending.isEmpty()) {
                return;
            }
            if (attempt >= backoff.maxAttempts()) {
                throw new StoreThrottledException(operation, pending.size() + " unprocessed items from "
                        + firstKey(pending), attempt, null);
            }
            backoff.pause(attempt);
        }
    }

    /** Writes any number of requests, 25 at a time. */
    void writeAll(String operation, List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += MAX_BATCH) {
            write(operation, new ArrayList<>(requests.subList(from, Math.min(requests.size(), from + MAX_BATCH))));
        }
    }

    private static String firstKey(List<WriteRequest> requests) {
        if (requests.isEmpty()) {
            return "(none)";
        }
        WriteRequest first = requests.get(0);
        Map<String, AttributeValue> key = first.putRequest() != null ? first.putRequest().item()
                : first.deleteRequest().key();
        return Items.describe(key);
    }
}
