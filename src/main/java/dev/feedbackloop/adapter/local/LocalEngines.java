package dev.feedbackloop.adapter.local;

import dev.feedbackloop.adapter.dynamodb.FeedbackTable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB, S3 and SQS running inside this JVM, with the table, bucket and queue created: what the CLI runs the loop
 * on without an AWS account. The three start in parallel (each takes seconds). With a data directory, tables and
 * reports persist across runs ({@code <dir>/dynamodb}, {@code <dir>/s3}); queued messages never do.
 */
public final class LocalEngines implements AutoCloseable {

    public static final String TABLE = "feedback";
    public static final String BUCKET = "feedback-reports";
    public static final String QUEUE = "feedback-regenerate";
    private final Optional<DataDirectory> dataDirectory;
    private final LocalDynamoDb dynamoDb;
    private final LocalS3 s3;
    private final LocalSqs sqs;
    private final Duration startup;
    private String queueUrl;

    private LocalEngines(Optional<DataDirectory> dataDirectory, LocalDynamoDb dynamoDb, LocalS3 s3, LocalSqs sqs,
                         Duration startup) {
        this.dataDirectory = dataDirectory;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.sqs = sqs;
        this.startup = startup;
    }

    /**
     * Starts the three engines and creates the table, bucket and queue if missing. A data directory is held by this
     * process until {@link #close()} ({@link DataDirectory}).
     *
     * @param dataDirectory where to persist tables and reports (the CLI uses {@code .feedback/}); empty for memory
     * @throws DataDirectory.DataDirectoryException when the directory is held by another process or damaged
     */
    public static LocalEngines start(Optional<Path> dataDirectory) {
        Optional<DataDirectory> held = dataDirectory.map(DataDirectory::hold);
        try {
            return start(held, System.nanoTime());
        } catch (RuntimeException e) {
            held.ifPresent(DataDirectory::close);
            throw e;
        }
    }

    private static LocalEngines start(Optional<DataDirectory> dataDirectory, long begin) {
        // Own threads: the common pool has a single worker on a two-core machine, which would serialise the starts.
        ExecutorService starters = Executors.newFixedThreadPool(3);
        CompletableFuture<LocalDynamoDb> dynamoDb = CompletableFuture.supplyAsync(() -> dataDirectory
                .map(d -> LocalDynamoDb.persistent(d.dynamoDb())).orElseGet(LocalDynamoDb::inMemory), starters);
        CompletableFuture<LocalS3> s3 = CompletableFuture.supplyAsync(() -> dataDirectory
                .map(d -> LocalS3.persistent(d.s3())).orElseGet(LocalS3::inMemory), starters);
        CompletableFuture<LocalSqs> sqs = CompletableFuture.supplyAsync(LocalSqs::start, starters);
        starters.shutdown();
        LocalEngines engines;
        try {
            engines = new LocalEngines(dataDirectory, dynamoDb.join(), s3.join(), sqs.join(),
                    Duration.ofNanos(System.nanoTime() - begin));
        } catch (CompletionException e) {
            List.of(dynamoDb, s3, sqs).forEach(f -> f.thenAccept(LocalEngines::closeQuietly));
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        try {
            engines.createResources();
        } catch (RuntimeException e) {
            engines.closeEngines();
            throw e;
        }
        return engines;
    }

    private void createResources() {
        try (DynamoDbClient client = dynamoDb(List.of())) {
            FeedbackTable.createIfMissing(client, TABLE);
        }
        try (S3Client client = s3()) {
            client.createBucket(b -> b.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // persisted from an earlier run
        }
        try (SqsClient client = sqs()) {
            queueUrl = client.createQueue(b -> b.queueName(QUEUE)).queueUrl();
        }
    }

    /**
     * A new DynamoDB client for the embedded engine; the caller closes it. On a data directory, a damaged table file
     * fails requests with a message naming it ({@link DamagedStoreDetector}).
     */
    public DynamoDbClient dynamoDb(List<ExecutionInterceptor> interceptors) {
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        dataDirectory.ifPresent(d -> all.add(new DamagedStoreDetector(d)));
        return LocalClients.dynamoDb(dynamoDb.endpoint(), all);
    }

    /** A new S3 client for the embedded endpoint; the caller closes it. */
    public S3Client s3() {
        return LocalClients.s3(s3.endpoint());
    }

    /** A new S3 pre-signer for the embedded endpoint; the caller closes it. */
    public software.amazon.awssdk.services.s3.presigner.S3Presigner s3Presigner() {
        return LocalClients.s3Presigner(s3.endpoint());
    }

    /** A new SQS client for the embedded endpoint; the caller closes it. */
    public SqsClient sqs() {
        return LocalClients.sqs(sqs.endpoint());
    }

    /** Where DynamoDB clients reach the embedded engine (for another process's endpoint override). */
    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** Where S3 clients reach the embedded endpoint, path-style. */
    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /** Where SQS clients reach the embedded endpoint. */
    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    /** URL of the regeneration queue. */
    public String queueUrl() {
        return queueUrl;
    }

    /** Wall time to start all three (in parallel), without creating resources. */
    public Duration startup() {
        return startup;
    }

    /** Start-up time of each engine, for diagnostics: {@code dynamodb=2.1s s3=1.2s sqs=5.0s}. */
    public String startupTimes() {
        return "dynamodb=" + seconds(dynamoDb.startup()) + " s3=" + seconds(s3.startup()) + " sqs="
                + seconds(sqs.startup());
    }

    /** Stops the engines, then lets go of the data directory. */
    @Override
    public void close() {
        try {
            closeEngines();
        } finally {
            dataDirectory.ifPresent(DataDirectory::close);
        }
    }

    private void closeEngines() {
        closeQuietly(sqs);
        closeQuietly(s3);
        closeQuietly(dynamoDb);
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    private static void closeQuietly(AutoCloseable engine) {
        try {
            engine.close();
        } catch (Exception e) {
            // stopping is best effort: the JVM is usually about to exit
        }
    }
}
