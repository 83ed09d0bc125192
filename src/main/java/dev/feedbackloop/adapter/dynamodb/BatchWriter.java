package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.store.StoreThrottledException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Unconditional writes in bulk, as the settings' {@link BatchWrites} says: BatchWriteItem in requests of 25 (the
 * API's limit), resubmitting {@code UnprocessedItems} with exponential backoff and jitter, as DynamoDB asks (a batch
 * is not atomic: items it could not take for capacity come back unprocessed); or TransactWriteItems of up to 100
 * items and 3.5 MB, retried whole when a concurrent transaction conflicted.
 */
final class BatchWriter {

    private final Table table;
    private final BatchWrites style;

    BatchWriter(Table table) {
        this.table = table;
        this.style = table.settings.batchWrites();
    }

    /** Whether one request holds {@code items} items of {@code bytes} bytes in all. */
    boolean fits(int items, long bytes) {
        return style.fits(items, bytes);
    }

    /**
     * Writes one request's worth of requests with distinct keys (see {@link #fits}).
     *
     * @throws StoreThrottledException when items remain unprocessed after the bounded retries
     * @throws StoreConflictException  when a transaction kept conflicting with others
     */
    void write(String operation, List<WriteRequest> requests) {
        if (requests.size() > style.maxItems()) {
            throw new IllegalArgumentException("a request takes at most " + style.maxItems() + " items, got "
                    + requests.size());
        }
        if (style == BatchWrites.TRANSACTIONS) {
            transact(operation, requests);
            return;
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

    /** One TransactWriteItems of the requests: all of them or, when cancelled by a concurrent write, again. */
    private void transact(String operation, List<WriteRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        List<TransactWriteItem> actions = requests.stream().map(this::action).toList();
        Backoff backoff = table.settings.backoff();
        for (int attempt = 1; ; attempt++) {
            Optional<TransactionCanceledException> cancelled = table.transact(operation, firstKey(requests),
                    actions);
            if (cancelled.isEmpty()) {
                return;
            }
            if (attempt >= backoff.maxAttempts()) {
                throw new StoreConflictException(operation, firstKey(requests) + ": " + Table.reasons(
                        cancelled.get()), attempt, cancelled.get());
            }
            backoff.pause(attempt);
        }
    }

    private TransactWriteItem action(WriteRequest request) {
        if (request.putRequest() != null) {
            return TransactWriteItem.builder().put(p -> p.tableName(table.name).item(request.putRequest().item()))
                    .build();
        }
        return TransactWriteItem.builder().delete(d -> d.tableName(table.name).key(request.deleteRequest().key()))
                .build();
    }

    /** Writes any number of requests with distinct keys, as many a request as {@link #fits} allows. */
    void writeAll(String operation, List<WriteRequest> requests) {
        List<WriteRequest> batch = new ArrayList<>();
        long bytes = 0;
        for (WriteRequest request : requests) {
            long size = request.putRequest() != null ? ItemSize.of(request.putRequest().item())
                    : ItemSize.of(request.deleteRequest().key());
            if (!batch.isEmpty() && !fits(batch.size() + 1, bytes + size)) {
                write(operation, batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(request);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            write(operation, batch);
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
