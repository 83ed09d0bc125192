package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.testing.TestEngines;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * DynamoDB Local creates exactly the table {@link FeedbackTable#createTableRequest} asks for, with its time to live
 * ({@code DeploymentContractTest} checks that request against the contract the CDK stack is tested against too).
 */
class FeedbackTableTest {

    @Test
    void createdTable_matchesTheContract() {
        try (DynamoDbClient client = LocalClients.dynamoDb(TestEngines.dynamoDb().endpoint(), List.of())) {
            // the production path (time to live on), not TestEngines.newTable, which leaves it off for tests
            String name = TestEngines.uniqueName("contract");
            assertThat(FeedbackTable.createIfMissing(client, name)).isTrue();
            TableDescription table = client.describeTable(b -> b.tableName(name)).table();

            CreateTableRequest contract = FeedbackTable.createTableRequest(name); // checked against the contract file
            assertThat(keys(table.keySchema())).containsExactlyElementsOf(keys(contract.keySchema()));
            assertThat(table.attributeDefinitions()).containsExactlyInAnyOrderElementsOf(contract.attributeDefinitions());
            assertThat(table.globalSecondaryIndexes()).hasSameSizeAs(contract.globalSecondaryIndexes());
            for (GlobalSecondaryIndex expected : contract.globalSecondaryIndexes()) {
                GlobalSecondaryIndexDescription index = table.globalSecondaryIndexes().stream()
                        .filter(i -> i.indexName().equals(expected.indexName())).findFirst().orElseThrow();
                assertThat(keys(index.keySchema())).containsExactlyElementsOf(keys(expected.keySchema()));
                assertThat(index.projection()).isEqualTo(expected.projection());
            }
            assertThat(table.billingModeSummary().billingMode()).isEqualTo(contract.billingMode());
            var ttl = client.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription();
            assertThat(ttl.attributeName()).isEqualTo(FeedbackTable.EXPIRES_AT);
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(FeedbackTable.createIfMissing(client, name)).isFalse();
        }
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
    }
}
