package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.adapter.dynamodb.Items.n;
import static dev.feedbackloop.adapter.dynamodb.Items.s;

import dev.feedbackloop.store.DeliveryClaim;
import dev.feedbackloop.store.DeliveryKey;
import dev.feedbackloop.store.DeliveryStore;
import dev.feedbackloop.store.StoreConflictException;
import dev.feedbackloop.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link DeliveryStore} on the one DynamoDB table, in the manner of Powertools' idempotency utility: a conditional
 * PutItem claims a delivery unless a live record exists (completed, or in progress with an unexpired lease); records
 * carry {@code expiresAt}, the raw-data time to live, and an expired record counts as absent even before DynamoDB
 * deletes it (deletion can lag by days).
 */
public final class DynamoDeliveryStore implements DeliveryStore {

    static final String TYPE = "type";
    static final String DELIVERY_TYPE = "DELIVERY";
    static final String STATUS = "status";
    static final String DELIVERY_ID = "deliveryId";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String CLAIMED_AT = "claimedAt";
    static final String COMPLETED_AT = "completedAt";
    static final String RESULT = "result";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    private static final int MAX_RESULT = 4096;
    /** Most actions in one TransactWriteItems. */
    private static final int MAX_TOGETHER = 100;

    private final Table table;

    public DynamoDeliveryStore(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
    }

    @Override
    public DeliveryClaim claim(DeliveryKey key, Instant now, Duration lease) {
        Map<String, AttributeValue> item = claimItem(key, now, lease);
        // A record that vanishes (expired, released) between the failed put and the read is simply claimed again.
        for (int attempt = 1; attempt <= 3; attempt++) {
            if (tryClaim(item, now)) {
                return DeliveryClaim.claimed();
            }
            Map<String, AttributeValue> existing = read(key);
            if (existing.isEmpty()) {
                continue;
            }
            if (COMPLETED.equals(Items.optStr(existing, STATUS).orElse(""))) {
                return DeliveryClaim.completed(Items.optStr(existing, RESULT).orElse(""));
            }
            return DeliveryClaim.inProgress(Instant.ofEpochSecond(Items.num(existing, LEASE_UNTIL)));
        }
        throw new StoreConflictException("ClaimDelivery", Items.describe(item), 3, null);
    }

    private Map<String, AttributeValue> claimItem(DeliveryKey key, Instant now, Duration lease) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(key));
        item.put(TYPE, s(DELIVERY_TYPE));
        item.put(DELIVERY_ID, s(Items.cap(key.id(), 1024)));
        item.put(STATUS, s(IN_PROGRESS));
        item.put(CLAIMED_AT, Items.time(now));
        item.put(LEASE_UNTIL, n(now.plus(lease).getEpochSecond()));
        item.put(FeedbackTable.EXPIRES_AT, n(table.rawExpiry(now)));
        return item;
    }

    private boolean tryClaim(Map<String, AttributeValue> item, Instant now) {
        return table.callIf("ClaimDelivery", Items.describe(item), () -> table.client.putItem(b -> b
                .tableName(table.name).item(item)
                .conditionExpression(CLAIMABLE)
                .expressionAttributeNames(claimNames())
                .expressionAttributeValues(claimValues(now))));
    }

    /** A delivery may be claimed when it has no record, its record expired, or its claim's lease lapsed. */
    private static final String CLAIMABLE = "attribute_not_exists(#pk) OR #expires < :now"
            + " OR (#status = :inProgress AND #lease < :now)";

    private static Map<String, String> claimNames() {
        return Map.of("#pk", FeedbackTable.PK, "#expires", FeedbackTable.EXPIRES_AT, "#status", STATUS,
                "#lease", LEASE_UNTIL);
    }

    private static Map<String, AttributeValue> claimValues(Instant now) {
        return Map.of(":now", n(now.getEpochSecond()), ":inProgress", s(IN_PROGRESS));
    }

    /**
     * The claims in one TransactWriteItems (up to 100 a request), each conditioned as {@link #claim}'s put is: on
     * DynamoDB Local one commit for a report's requests instead of one each. When any is refused (a record is there)
     * the transaction writes nothing, and each is claimed on its own, as {@link #claim} does, which reads what is
     * there; so the answers and the records are those of claiming one by one.
     */
    @Override
    public List<DeliveryClaim> claimAll(List<DeliveryKey> keys, Instant now, Duration lease) {
        if (!together(keys)) {
            return DeliveryStore.super.claimAll(keys, now, lease);
        }
        List<DeliveryClaim> claims = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += MAX_TOGETHER) {
            List<DeliveryKey> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_TOGETHER));
            List<TransactWriteItem> puts = chunk.stream().map(key -> TransactWriteItem.builder().put(Put.builder()
                    .tableName(table.name).item(claimItem(key, now, lease)).conditionExpression(CLAIMABLE)
                    .expressionAttributeNames(claimNames()).expressionAttributeValues(claimValues(now)).build())
                    .build()).toList();
            if (table.transact("ClaimDeliveries", Items.describe(key(chunk.get(0))), puts).isEmpty()) {
                chunk.forEach(key -> claims.add(DeliveryClaim.claimed()));
            } else {
                chunk.forEach(key -> claims.add(claim(key, now, lease)));
            }
        }
        return claims;
    }

    @Override
    public void complete(DeliveryKey key, String result, Instant now) {
        Map<String, AttributeValue> itemKey = key(key);
        try {
            table.call("CompleteDelivery", Items.describe(itemKey), () -> table.client.updateItem(b -> b
                    .tableName(table.name).key(itemKey)
                    .updateExpression(COMPLETE)
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(completeNames())
                    .expressionAttributeValues(completeValues(result, now))));
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                throw new StoreException("CompleteDelivery", Items.describe(itemKey),
                        "delivery was not claimed (or its record expired)", e.getCause());
            }
            throw e;
        }
    }

    private static final String COMPLETE = "SET #status = :completed, #result = :result, #completedAt = :now"
            + " REMOVE #lease";

    private static Map<String, String> completeNames() {
        return Map.of("#pk", FeedbackTable.PK, "#status", STATUS, "#result", RESULT, "#completedAt", COMPLETED_AT,
                "#lease", LEASE_UNTIL);
    }

    private static Map<String, AttributeValue> completeValues(String result, Instant now) {
        return Map.of(":completed", s(COMPLETED), ":result", s(Items.cap(result, MAX_RESULT)), ":now",
                Items.time(now));
    }

    /**
     * The completions in one TransactWriteItems (up to 100 a request), each as {@link #complete}'s update; when one is
     * refused (a record is missing) nothing is written and each is completed on its own, which says which.
     */
    @Override
    public void completeAll(List<DeliveryKey> keys, String result, Instant now) {
        if (!together(keys)) {
            DeliveryStore.super.completeAll(keys, result, now);
            return;
        }
        for (int from = 0; from < keys.size(); from += MAX_TOGETHER) {
            List<DeliveryKey> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_TOGETHER));
            List<TransactWriteItem> updates = chunk.stream().map(key -> TransactWriteItem.builder().update(Update
                    .builder().tableName(table.name).key(key(key)).updateExpression(COMPLETE)
                    .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(completeNames())
                    .expressionAttributeValues(completeValues(result, now)).build()).build()).toList();
            if (table.transact("CompleteDeliveries", Items.describe(key(chunk.get(0))), updates).isPresent()) {
                chunk.forEach(key -> complete(key, result, now));
            }
        }
    }

    /**
     * Whether {@code keys} go in transactions: more than one, and no record twice (a transaction may not touch an item
     * twice).
     */
    private static boolean together(List<DeliveryKey> keys) {
        return keys.size() > 1 && keys.stream().map(DynamoDeliveryStore::key).distinct().count() == keys.size();
    }

    @Override
    public void release(DeliveryKey key) {
        Map<String, AttributeValue> itemKey = key(key);
        // Only an in-progress claim is released: a completed delivery stays completed.
        table.callIf("ReleaseDelivery", Items.describe(itemKey), () -> table.client.deleteItem(b -> b
                .tableName(table.name).key(itemKey)
                .conditionExpression("#status = :inProgress")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(":inProgress", s(IN_PROGRESS)))));
    }

    private Map<String, AttributeValue> read(DeliveryKey key) {
        Map<String, AttributeValue> itemKey = key(key);
        GetItemResponse response = table.call("GetDelivery", Items.describe(itemKey),
                () -> table.client.getItem(b -> b.tableName(table.name).key(itemKey).consistentRead(true)));
        return response.hasItem() ? response.item() : Map.of();
    }

    private static Map<String, AttributeValue> key(DeliveryKey key) {
        return Items.key(Keys.deliveryPk(key.kind().name(), key.id()), Keys.DELIVERY_SK);
    }
}
