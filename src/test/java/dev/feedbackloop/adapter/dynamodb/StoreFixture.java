package dev.feedbackloop.adapter.dynamodb;

import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.testing.MutableClock;
import dev.feedbackloop.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table of its own on the shared DynamoDB Local engine, a client that counts its requests and can be made to fail,
 * and the stores on top. The SDK's own retries are off so that the adapters' retries are what a test observes, and
 * backoff is short so that the suite stays fast.
 *
 * <p>A JUnit extension: registered on a static field ({@code @RegisterExtension static final StoreFixture fixture =
 * new StoreFixture("runs")}), it stops injecting faults after each test and closes its client after the class.
 */
final class StoreFixture implements AutoCloseable, AfterEachCallback, AfterAllCallback {

    static final Duration RAW_TTL = Duration.ofDays(30);
    static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(20), 6);

    final RequestCounter counter = new RequestCounter();
    final FaultInjector faults = new FaultInjector();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final DynamoDbClient client;
    final String table;
    final DynamoSettings settings;

    StoreFixture(String purpose) {
        client = LocalClients.dynamoDbBuilder(TestEngines.dynamoDb().endpoint())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(counter).addExecutionInterceptor(faults))
                .build();
        table = TestEngines.newTable(client, purpose);
        settings = new DynamoSettings(table, RAW_TTL, FAST);
    }

    DynamoRunStore runs() {
        return new DynamoRunStore(client, settings, clock);
    }

    DynamoScenarioStore scenarios() {
        return new DynamoScenarioStore(client, settings, clock);
    }

    DynamoHealthStore health() {
        return new DynamoHealthStore(client, settings);
    }

    DynamoDeliveryStore deliveries() {
        return new DynamoDeliveryStore(client, settings);
    }

    /** The raw item under a key, as DynamoDB holds it. */
    Map<String, AttributeValue> rawItem(String pk, String sk) {
        return client.getItem(b -> b.tableName(table).key(Items.key(pk, sk)).consistentRead(true)).item();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        faults.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        client.close();
    }
}
