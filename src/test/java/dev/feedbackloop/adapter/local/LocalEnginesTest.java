package dev.feedbackloop.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The embedded engines as the CLI uses them: all three, with data kept under a directory across restarts. */
class LocalEnginesTest {

    @Test
    void tablesAndReports_surviveARestart_underTheDataDirectory(@TempDir Path dir) {
        try (LocalEngines engines = LocalEngines.start(Optional.of(dir))) {
            System.out.println("local engines started in " + engines.startup().toMillis() + " ms ("
                    + engines.startupTimes() + ")");
            try (DynamoDbClient dynamoDb = engines.dynamoDb(List.of()); S3Client s3 = engines.s3();
                 SqsClient sqs = engines.sqs()) {
                dynamoDb.putItem(b -> b.tableName(LocalEngines.TABLE).item(Map.of(
                        "PK", AttributeValue.fromS("P"), "SK", AttributeValue.fromS("S"))));
                s3.putObject(b -> b.bucket(LocalEngines.BUCKET).key("reports/web/x"), RequestBody.fromString("r"));
                sqs.sendMessage(b -> b.queueUrl(engines.queueUrl()).messageBody("m"));
                assertThat(sqs.receiveMessage(b -> b.queueUrl(engines.queueUrl())).messages()).hasSize(1);
            }
        }

        try (LocalEngines engines = LocalEngines.start(Optional.of(dir));
             DynamoDbClient dynamoDb = engines.dynamoDb(List.of()); S3Client s3 = engines.s3()) {
            assertThat(dynamoDb.getItem(b -> b.tableName(LocalEngines.TABLE).key(Map.of(
                    "PK", AttributeValue.fromS("P"), "SK", AttributeValue.fromS("S")))).hasItem()).isTrue();
            assertThat(s3.getObjectAsBytes(b -> b.bucket(LocalEngines.BUCKET).key("reports/web/x")).asUtf8String())
                    .isEqualTo("r");
        }
    }
}
