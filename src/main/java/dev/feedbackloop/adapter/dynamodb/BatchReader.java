package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.store.StoreThrottledException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem with strongly consistent reads, 100 keys a request (the API's limit), resubmitting
 * {@code UnprocessedKeys} with backoff.
 */
final class BatchReader {

    /** Most keys BatchGetItem takes in one request. */
    static final int MAX_KEYS = 100;

    private final Table table;

    BatchReader(Table table) {
        this.table = table;
    }

    /** The items that exist among {@code keys}, in no particular order. Duplicate keys are read once. */
    List<Map<String, AttributeValue>> get(String operation, List<Map<String, AttributeValue>> keys) {
        return get(operation, keys, List.of());
    }

    /**
     * As {@link #get(String, List)}, each item with only the attributes in {@code projection} (all of them when it
     * is empty): what a read of a few attributes of large items should ask for.
     */
    List<Map<String, AttributeValue>> get(String operation, List<Map<String, AttributeValue>> keys,
                                          List<String> projection) {
        List<Map<String, AttributeValue>> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_KEYS) {
            found.addAll(getBatch(operation, distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS)),
                    projection));
        }
        return found;
    }

    private List<Map<String, AttributeValue>> getBatch(String operation, List<Map<String, AttributeValue>> keys,
                                                       List<String> projection) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(keys).consistentRead(true);
        if (!projection.isEmpty()) {
            Map<String, String> names = new java.util.LinkedHashMap<>();
            for (int i = 0; i < projection.size(); i++) {
                names.put("#p" + i, projection.get(i));
            }
            request.projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names);
        }
        KeysAndAttributes pending = request.build();
        Backoff backoff = table.settings.backoff();
        for (int attempt = 1; ; attempt++) {
            KeysAndAttributes batch = pending;
            BatchGetItemResponse response = table.call(operation, Items.describe(keys.get(0)),
                    () -> table.client.batchGetItem(b -> b.requestItems(Map.of(table.name, batch))));
            found.addAll(response.responses().getOrDefault(table.name, List.of()));
            // UnprocessedKeys carries the request's projection with the keys left over.
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table.name) : null;
            if (pending == null || pending.keys().isEmpty()) {
                return found;
            }
            if (attempt >= backoff.maxAttempts()) {
                throw new StoreThrottledException(operation, pending.keys().size() + " unprocessed keys from "
                        + Items.describe(pending.keys().get(0)), attempt, null);
            }
            backoff.pause(attempt);
        }
    }
}
