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
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

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

    private final Table table;

    public DynamoDeliveryStore(DynamoDbClient client, DynamoSettings settings) {
        this.table = new Table(client, settings);
    }

    @Override
    public DeliveryClaim claim(DeliveryKey key, Instant now, Duration lease) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(key));
        item.put(TYPE, s(DELIVERY_TYPE));
        item.put(DELIVERY_ID, s(Items.cap(key.id(), 1024)));
        item.put(STATUS, s(IN_PROGRESS));
        item.put(CLAIMED_AT, Items.time(now));
        item.put(LEASE_UNTIL, n(now.plus(lease).getEpochSecond()));
        item.put(FeedbackTable.EXPIRES_AT, n(table.rawExpiry(now)));
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

    private boolean tryClaim(Map<String, AttributeValue> item, Instant now) {
        return table.callIf("ClaimDelivery", Items.describe(item), () -> table.client.putItem(b -> b
                .tableName(table.name).item(item)
                .conditionExpression("attribute_not_exists(#pk) OR #expires < :now"
                        + " OR (#status = :inProgress AND #lease < :now)")
                .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK, "#expires", FeedbackTable.EXPIRES_AT,
                        "#status", STATUS, "#lease", LEASE_UNTIL))
                .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()), ":inProgress",
                        s(IN_PROGRESS)))));
    }

    @Override
    public void complete(DeliveryKey key, String result, Instant now) {
        Map<String, AttributeValue> itemKey = key(key);
        try {
            table.call("CompleteDelivery", Items.describe(itemKey), () -> table.client.updateItem(b -> b
                    .tableName(table.name).key(itemKey)
                    .updateExpression("SET #status = :completed, #result = :result, #completedAt = :now"
                            + " REMOVE #lease")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", FeedbackTable.PK, "#status", STATUS, "#result", RESULT,
                            "#completedAt", COMPLETED_AT, "#lease", LEASE_UNTIL))
                    .expressionAttributeValues(Map.of(":completed", s(COMPLETED),
                            ":result", s(Items.cap(result, MAX_RESULT)), ":now", Items.time(now)))));
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                throw new StoreException("CompleteDelivery", Items.describe(itemKey),
                        "delivery was not claimed (or its record expired)", e.getCause());
            }
            throw e;
        }
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
