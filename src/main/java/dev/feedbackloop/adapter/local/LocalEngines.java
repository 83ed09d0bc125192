package dev.feedbackloop.adapter.local;

import dev.feedbackloop.adapter.dynamodb.FeedbackTable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
    /** Where DynamoDB's tables are kept under a data directory. */
    static final String DYNAMODB_DIRECTORY = "dynamodb";

    private final LocalDynamoDb dynamoDb;
    private final LocalS3 s3;
    private final LocalSqs sqs;
    private final Duration startup;
    private String queueUrl;

    private LocalEngines(LocalDynamoDb dynamoDb, LocalS3 s3, LocalSqs sqs, Duration startup) {
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.sqs = sqs;
        this.startup = startup;
    }

    /**
     * Starts the three engines and creates the table, bucket and queue if missing.
     *
     * @param dataDirectory where to persist tables and reports (the CLI uses {@code .feedback/}); empty for memory
     */
    public static LocalEngines start(Optional<Path> dataDirectory) {
        long begin = System.nanoTime();
        // Own threads: the common pool has a single worker on a two-core machine, which would serialise the starts.
        ExecutorService starters = Executors.newFixedThreadPool(3);
        CompletableFuture<LocalDynamoDb> dynamoDb = CompletableFuture.supplyAsync(() -> dataDirectory
                .map(d -> LocalDynamoDb.persistent(d.resolve(DYNAMODB_DIRECTORY))).orElseGet(LocalDynamoDb::inMemory),
                starters);
        CompletableFuture<LocalS3> s3 = CompletableFuture.supplyAsync(() -> dataDirectory
                .map(d -> LocalS3.persistent(d.resolve("s3"))).orElseGet(LocalS3::inMemory), starters);
        CompletableFuture<LocalSqs> sqs = CompletableFuture.supplyAsync(LocalSqs::start, starters);
        starters.shutdown();
        LocalEngines engines;
        try {
            engines = new LocalEngines(dynamoDb.join(), s3.join(), sqs.join(),
                    Duration.ofNanos(System.nanoTime() - begin));
        } catch (CompletionException e) {
            List.of(dynamoDb, s3, sqs).forEach(f -> f.thenAccept(LocalEngines::closeQuietly));
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        try {
            engines.createResources();
        } catch (RuntimeException e) {
            engines.close();
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

    /** A new DynamoDB client for the embedded engine; the caller closes it. */
    public DynamoDbClient dynamoDb(List<ExecutionInterceptor> interceptors) {
        return LocalClients.dynamoDb(dynamoDb.endpoint(), interceptors);
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

    @Override
    public void close() {
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
