package dev.feedbackloop.adapter.local;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.dynamodb.BatchWrites;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.ingest.IngestSettings;
import dev.feedbackloop.ingest.ProjectSecrets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The loop's {@link LoopWiring} on the embedded engines, what the command line and local runs use without AWS: the
 * same wiring the functions get on AWS, on clients of its own that {@link #close()} closes. The engines stay the
 * caller's. Kept out of {@link LoopWiring} so that production wiring never reaches the local engines. Results are
 * written in transactions ({@link BatchWrites#TRANSACTIONS}): DynamoDB Local commits each item of a batch to disk on
 * its own, and those commits were most of the time a history load took.
 */
public final class LocalWiring implements AutoCloseable {

    /** The reports' key prefix in the local bucket, as the deployed stack configures it. */
    public static final String REPORTS_PREFIX = "reports/";

    private final LoopWiring loop;
    private final List<AutoCloseable> clients;

    private LocalWiring(LoopWiring loop, List<AutoCloseable> clients) {
        this.loop = loop;
        this.clients = clients;
    }

    /**
     * Wires the loop on {@code engines}.
     *
     * @param secrets project secrets, e.g. {@link ProjectSecrets#inline(Map)}
     */
    public static LocalWiring on(LocalEngines engines, ProjectSecrets secrets, Clock clock) {
        return on(engines, secrets, clock, List.of(), BatchWrites.TRANSACTIONS);
    }

    /**
     * Wires the loop on {@code engines}, with interceptors on its DynamoDB client (counting, timing) and a choice of
     * how results are written in bulk.
     */
    public static LocalWiring on(LocalEngines engines, ProjectSecrets secrets, Clock clock,
                                 List<ExecutionInterceptor> dynamoDbInterceptors, BatchWrites batchWrites) {
        DynamoDbClient dynamoDb = engines.dynamoDb(dynamoDbInterceptors);
        S3Client s3 = engines.s3();
        S3Presigner presigner = engines.s3Presigner();
        SqsClient sqs = engines.sqs();
        LoopWiring loop = new LoopWiring(dynamoDb, s3, presigner, sqs, secrets,
                new LoopWiring.Settings(LocalEngines.TABLE, LocalEngines.BUCKET, REPORTS_PREFIX, engines.queueUrl(),
                        DynamoSettings.DEFAULT_RAW_TTL,
                        IngestSettings.withMaxBody(IngestSettings.DEFAULT_MAX_BODY_BYTES), batchWrites),
                clock);
        return new LocalWiring(loop, List.of(sqs, presigner, s3, dynamoDb));
    }

    /** The stores and services. */
    public LoopWiring loop() {
        return loop;
    }

    /** Closes the clients this wiring created. */
    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // closing clients is best effort
            }
        }
    }
}
