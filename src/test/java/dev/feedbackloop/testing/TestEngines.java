package dev.feedbackloop.testing;

import dev.feedbackloop.adapter.dynamodb.FeedbackTable;
import dev.feedbackloop.adapter.local.LocalDynamoDb;
import dev.feedbackloop.adapter.local.LocalS3;
import dev.feedbackloop.adapter.local.LocalSqs;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The embedded engines, started once per test JVM on first use (each takes seconds) and stopped when it exits.
 * Tests isolate themselves by their own table, bucket or queue names, never by separate engines.
 */
public final class TestEngines {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static LocalDynamoDb dynamoDb;
    private static LocalS3 s3;
    private static LocalSqs sqs;

    private TestEngines() {
    }

    public static synchronized LocalDynamoDb dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = LocalDynamoDb.inMemory();
            stopAtExit(dynamoDb);
        }
        return dynamoDb;
    }

    public static synchronized LocalS3 s3() {
        if (s3 == null) {
            s3 = LocalS3.inMemory();
            stopAtExit(s3);
        }
        return s3;
    }

    public static synchronized LocalSqs sqs() {
        if (sqs == null) {
            sqs = LocalSqs.start();
            stopAtExit(sqs);
        }
        return sqs;
    }

    /**
     * A fresh, uniquely named table with the contract schema and without time to live. Tests run on fixed clocks
     * (March 2026), so the expiry they write already lies in the past of the real clock, and DynamoDB Local's TTL
     * sweeper would delete items in the middle of a test, at random. Tests check the expiry attribute they write;
     * {@code FeedbackTableTest} checks that the production table turns time to live on.
     */
    public static String newTable(DynamoDbClient client, String purpose) {
        String name = purpose + "-" + NAMES.incrementAndGet();
        client.createTable(FeedbackTable.createTableRequest(name));
        client.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    /** A unique name for a bucket or queue: lower case, digits and hyphens. */
    public static String uniqueName(String purpose) {
        return purpose + "-" + NAMES.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }

    private static void stopAtExit(AutoCloseable engine) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                engine.close();
            } catch (Exception e) {
                // the JVM is exiting
            }
        }));
    }
}
