package dev.feedbackloop.adapter.local;

import dev.feedbackloop.adapter.dynamodb.DynamoDeliveryStore;
import dev.feedbackloop.adapter.dynamodb.DynamoHealthStore;
import dev.feedbackloop.adapter.dynamodb.DynamoProjectRulesStore;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationBook;
import dev.feedbackloop.adapter.dynamodb.DynamoFiguresStore;
import dev.feedbackloop.adapter.dynamodb.DynamoMetricsStore;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationStore;
import dev.feedbackloop.adapter.dynamodb.DynamoRunAttachments;
import dev.feedbackloop.adapter.dynamodb.DynamoRunStore;
import dev.feedbackloop.adapter.dynamodb.DynamoScenarioStore;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.store.DeliveryStore;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.rollup.FiguresStore;
import dev.feedbackloop.store.MetricsStore;
import dev.feedbackloop.store.ProjectRulesStore;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.view.ProjectReads;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The tables of a local store that {@link LocalLoop} filled under a data directory, for the commands that read it
 * (and set a project's rules): only the embedded DynamoDB is started, not the S3 store or the queue. The directory is
 * held by this process while it is open ({@link DataDirectory}).
 */
public final class LocalStore implements AutoCloseable {

    private final DataDirectory directory;
    private final LocalDynamoDb dynamoDb;
    private final DynamoDbClient client;
    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final DynamoRecommendationStore recommendations;
    private final DynamoRecommendationBook recommendationBook;
    private final HealthStore health;
    private final ProjectRulesStore projectRules;
    private final MetricsStore metrics;
    private final DeliveryStore deliveries;
    private final FiguresStore figures;
    private final DynamoRunAttachments attachments;

    private LocalStore(DataDirectory directory, LocalDynamoDb dynamoDb, Clock clock,
                       List<ExecutionInterceptor> watchers) {
        this.directory = directory;
        this.dynamoDb = dynamoDb;
        List<ExecutionInterceptor> interceptors = new java.util.ArrayList<>(watchers);
        interceptors.add(new DamagedStoreDetector(directory));
        this.client = LocalClients.dynamoDb(dynamoDb.endpoint(), interceptors);
        DynamoSettings settings = DynamoSettings.of(LocalEngines.TABLE);
        this.runs = new DynamoRunStore(client, settings, clock);
        this.scenarios = new DynamoScenarioStore(client, settings, clock);
        this.recommendations = new DynamoRecommendationStore(client, settings);
        this.recommendationBook = new DynamoRecommendationBook(client, settings);
        this.health = new DynamoHealthStore(client, settings);
        this.projectRules = new DynamoProjectRulesStore(client, settings);
        this.metrics = new DynamoMetricsStore(client, settings);
        this.deliveries = new DynamoDeliveryStore(client, settings);
        this.figures = new DynamoFiguresStore(client, settings);
        this.attachments = new DynamoRunAttachments(client, settings);
    }

    /**
     * Opens the store kept under {@code dataDirectory}.
     *
     * @throws DataDirectory.NoStoreException       if no store was kept there
     * @throws DataDirectory.DataDirectoryException if another process holds it, or it is damaged
     */
    public static LocalStore open(Path dataDirectory, Clock clock) {
        return open(dataDirectory, clock, List.of());
    }

    /**
     * As {@link #open(Path, Clock)}, with {@code watchers} on every DynamoDB request (a benchmark counts them with
     * {@link dev.feedbackloop.adapter.dynamodb.RequestCounter}).
     */
    public static LocalStore open(Path dataDirectory, Clock clock, List<ExecutionInterceptor> watchers) {
        DataDirectory directory = DataDirectory.holdExisting(dataDirectory);
        LocalDynamoDb dynamoDb = null;
        LocalStore store = null;
        try {
            dynamoDb = Quietly.start(() -> LocalDynamoDb.persistent(directory.dynamoDb()));
            store = new LocalStore(directory, dynamoDb, clock, watchers);
            store.requireTable();
            return store;
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            } else {
                if (dynamoDb != null) {
                    dynamoDb.close();
                }
                directory.close();
            }
            throw e;
        }
    }

    /** An empty table file (or one without the table) is a directory where no report was ever stored. */
    private void requireTable() {
        try {
            client.describeTable(b -> b.tableName(LocalEngines.TABLE));
        } catch (ResourceNotFoundException e) {
            throw new DataDirectory.NoStoreException(directory.path());
        }
    }

    public RunStore runs() {
        return runs;
    }

    public ScenarioStore scenarios() {
        return scenarios;
    }

    /** Pending recommendations and fixes proposed for them. */
    public RecommendationStore recommendations() {
        return recommendations;
    }

    /** Recommendations and triage decisions. */
    public RecommendationBook recommendationBook() {
        return recommendationBook;
    }

    /** Each test's health and timeline. */
    public HealthStore health() {
        return health;
    }

    public ProjectRulesStore projectRules() {
        return projectRules;
    }

    /** The nightly figures and the rolling series they are computed from. */
    public FiguresStore figures() {
        return figures;
    }

    public MetricsStore metrics() {
        return metrics;
    }

    /**
     * What the dashboard and digest show of this store: runs, scenarios, metrics, health, recommendations, figures,
     * and the attachments stored for runs ({@code --attachments}).
     */
    public ProjectReads projectReads(Clock clock) {
        return new ProjectReads(runs, scenarios, Optional.of(metrics), Optional.of(recommendations), clock)
                .withHealth(health, HealthSettings.defaults())
                .withRecommendations(recommendationBook)
                .withFigures(figures)
                .withAttachments(attachments);
    }

    /** What was delivered once already (the nightly digest among it). */
    public DeliveryStore deliveries() {
        return deliveries;
    }

    /** The data directory this store is kept in. */
    public Path path() {
        return directory.path();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            try {
                dynamoDb.close();
            } finally {
                directory.close();
            }
        }
    }
}
