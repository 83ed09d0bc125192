package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.testing.TestEngines;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The table the code creates is exactly the team contract's. */
class FeedbackTableTest {

    @Test
    void createdTable_matchesTheContract() {
        try (DynamoDbClient client = LocalClients.dynamoDb(TestEngines.dynamoDb().endpoint(), List.of())) {
            String name = TestEngines.newTable(client, "contract");
            TableDescription table = client.describeTable(b -> b.tableName(name)).table();

            assertThat(keys(table.keySchema())).containsExactly("PK:HASH", "SK:RANGE");
            assertThat(table.attributeDefinitions()).allSatisfy(a -> assertThat(a.attributeTypeAsString())
                    .isEqualTo("S"));
            assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                    .containsExactlyInAnyOrder("GSI1", "GSI2");
            for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
                assertThat(keys(index.keySchema())).containsExactly(index.indexName() + "PK:HASH",
                        index.indexName() + "SK:RANGE");
                assertThat(index.projection().projectionTypeAsString()).isEqualTo("ALL");
            }
            assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
            var ttl = client.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription();
            assertThat(ttl.attributeName()).isEqualTo("expiresAt");
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(FeedbackTable.createIfMissing(client, name)).isFalse();
        }
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
    }
}
