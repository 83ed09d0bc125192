package dev.feedbackloop.testing;

import dev.feedbackloop.adapter.dynamodb.Backoff;
import dev.feedbackloop.adapter.dynamodb.DynamoDeliveryStore;
import dev.feedbackloop.adapter.dynamodb.DynamoHealthStore;
import dev.feedbackloop.adapter.dynamodb.DynamoRunStore;
import dev.feedbackloop.adapter.dynamodb.DynamoScenarioStore;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.adapter.s3.S3RawReportStore;
import dev.feedbackloop.adapter.sqs.SqsRegenerationQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A table, a bucket and a queue of their own on the shared embedded engines, with clients and the stores on top: the
 * real storage a stage runs on. The DynamoDB client takes extra interceptors (fault injection); the SDK's own
 * retries are off so that a test sees the adapters' behaviour.
 */
public final class LoopFixture implements AutoCloseable {

    public static final String PREFIX = "reports/";
    public static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), 6);

    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    public final DynamoDbClient dynamoDb;
    public final S3Client s3;
    public final SqsClient sqs;
    public final String table;
    public final String bucket;
    public final String queueUrl;
    public final DynamoSettings settings;

    public LoopFixture(String purpose, ExecutionInterceptor... dynamoInterceptors) {
        dynamoDb = LocalClients.dynamoDbBuilder(TestEngines.dynamoDb().endpoint())
                .overrideConfiguration(c -> {
                    c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    for (ExecutionInterceptor interceptor : dynamoInterceptors) {
                        c.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
        table = TestEngines.newTable(dynamoDb, purpose);
        settings = new DynamoSettings(table, Duration.ofDays(30), FAST);
        s3 = LocalClients.s3(TestEngines.s3().endpoint());
        bucket = TestEngines.uniqueName(purpose);
        s3.createBucket(b -> b.bucket(bucket));
        sqs = LocalClients.sqs(TestEngines.sqs().endpoint());
        queueUrl = sqs.createQueue(b -> b.queueName(TestEngines.uniqueName(purpose))).queueUrl();
    }

    public DynamoHealthStore health() {
        return new DynamoHealthStore(dynamoDb, settings);
    }

    /** A run's item as DynamoDB holds it (attributes other stages add to it included). */
    public java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> rawItemOfRun(
            dev.feedbackloop.model.RunKey run) {
        String pk = "RUN#" + run.project() + "#" + String.format(java.util.Locale.ROOT, "%05d#%s", run.attempt(),
                run.runId());
        return dynamoDb.getItem(b -> b.tableName(settings.tableName()).consistentRead(true).key(java.util.Map.of(
                "PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk),
                "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RUN")))).item();
    }

    public DynamoRunStore runs() {
        return new DynamoRunStore(dynamoDb, settings, clock);
    }

    public DynamoScenarioStore scenarios() {
        return new DynamoScenarioStore(dynamoDb, settings, clock);
    }

    public DynamoDeliveryStore deliveries() {
        return new DynamoDeliveryStore(dynamoDb, settings);
    }

    public S3RawReportStore rawReports() {
        return new S3RawReportStore(s3, bucket, PREFIX);
    }

    public SqsRegenerationQueue queue() {
        return new SqsRegenerationQueue(sqs, queueUrl);
    }

    /** Every message waiting in the queue, received (and left to reappear after the visibility timeout). */
    public List<Message> drainQueue() {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(60).waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }

    @Override
    public void close() {
        sqs.close();
        s3.close();
        dynamoDb.close();
    }
}
