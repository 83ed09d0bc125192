package dev.feedbackloop.adapter.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one table's schema, as the team contract fixes it: string keys {@code PK}/{@code SK}, global secondary indexes
 * {@code GSI1} ({@code GSI1PK}/{@code GSI1SK}) and {@code GSI2} ({@code GSI2PK}/{@code GSI2SK}) projecting all
 * attributes, time to live on {@code expiresAt} (epoch seconds), on-demand billing. The CDK stack declares the same
 * table for AWS; this code creates it in DynamoDB Local. See {@code docs/STORAGE.md} for what lives in it.
 */
public final class FeedbackTable {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    /** Time-to-live attribute: epoch seconds after which DynamoDB may delete the item. */
    public static final String EXPIRES_AT = "expiresAt";

    private FeedbackTable() {
    }

    /** The request that creates the table under {@code tableName}. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttributes(PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK))
                .keySchema(key(PK, SK))
                .globalSecondaryIndexes(index(GSI1, GSI1PK, GSI1SK), index(GSI2, GSI2PK, GSI2SK))
                .build();
    }

    /**
     * Creates the table with its time to live, unless a table of that name exists. Returns once it is active.
     *
     * @return whether it was created now
     */
    public static boolean createIfMissing(DynamoDbClient client, String tableName) {
        boolean created;
        try {
            client.createTable(createTableRequest(tableName));
            created = true;
        } catch (ResourceInUseException exists) {
            created = false;
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        if (created) {
            client.updateTimeToLive(b -> b.tableName(tableName)
                    .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
        }
        return created;
    }

    private static List<AttributeDefinition> stringAttributes(String... names) {
        return java.util.Arrays.stream(names)
                .map(n -> AttributeDefinition.builder().attributeName(n).attributeType(ScalarAttributeType.S).build())
                .toList();
    }

    private static List<KeySchemaElement> key(String partition, String sort) {
        return List.of(KeySchemaElement.builder().attributeName(partition).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(sort).keyType(KeyType.RANGE).build());
    }

    private static GlobalSecondaryIndex index(String name, String partition, String sort) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(partition, sort))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
