package dev.feedbackloop.adapter.local;

import dev.feedbackloop.adapter.dynamodb.DynamoScenarioStore;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.store.ScenarioStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Read access to the scenarios of a local store that {@link LocalLoop} filled under a data directory: only the
 * embedded DynamoDB is started (the S3 store and the queue are not needed to read).
 */
public final class LocalScenarios implements AutoCloseable {

    private final LocalDynamoDb dynamoDb;
    private final DynamoDbClient client;
    private final ScenarioStore scenarios;

    private LocalScenarios(LocalDynamoDb dynamoDb, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.client = LocalClients.dynamoDb(dynamoDb.endpoint(), List.of());
        this.scenarios = new DynamoScenarioStore(client, DynamoSettings.of(LocalEngines.TABLE), clock);
    }

    /**
     * Opens the store kept under {@code dataDirectory}.
     *
     * @throws IllegalArgumentException if no store was kept there
     */
    public static LocalScenarios open(Path dataDirectory, Clock clock) {
        Path tables = dataDirectory.resolve(LocalEngines.DYNAMODB_DIRECTORY);
        if (!Files.isDirectory(tables)) {
            throw new IllegalArgumentException("no store at " + dataDirectory);
        }
        LocalDynamoDb dynamoDb = Quietly.start(() -> LocalDynamoDb.persistent(tables));
        try {
            return new LocalScenarios(dynamoDb, clock);
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e;
        }
    }

    public ScenarioStore scenarios() {
        return scenarios;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            dynamoDb.close();
        }
    }
}
