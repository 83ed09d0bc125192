package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.dynamodb.FeedbackTable;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.adapter.local.LocalEngines;
import dev.feedbackloop.adapter.local.LocalWiring;
import dev.feedbackloop.ingest.IngestSettings;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.testing.TestEngines;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local, s3proxy and ElasticMQ in the test JVM (the shared {@link TestEngines}), with the table, bucket and
 * queue the functions under test use, and the configuration that points the application at them. Started once per
 * JVM: each function's test profile restarts the application, not the engines.
 *
 * <p>Tests read and prepare what the functions store through {@link #wiring()}, the loop's own wiring on the same
 * engines, built in the test JVM: the application under test may be another process (a native executable in the
 * {@code *IT} tests), so nothing of it is injected.
 */
public class LoopEnginesResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "feedback-functions";
    /** The bucket the sample S3 notification in {@code events/} names. */
    public static final String BUCKET = LocalEngines.BUCKET;
    public static final String QUEUE = "feedback-functions-regenerate";
    /** The signing secret of project {@code web-shop}, as the sample events are signed. */
    public static final String SECRET = "web-shop-secret";

    private static Map<String, String> config;
    private static String queueUrl;
    private static LoopWiring wiring;
    private static S3Client s3;

    @Override
    public Map<String, String> start() {
        return config();
    }

    @Override
    public void stop() {
        // the engines are shared with the rest of the test JVM and stop when it exits
    }

    static synchronized Map<String, String> config() {
        if (config == null) {
            config = create();
        }
        return config;
    }

    static synchronized String queueUrl() {
        config();
        return queueUrl;
    }

    /** The stores and services on the engines and names the functions under test use; its clients live as long. */
    static synchronized LoopWiring wiring() {
        if (wiring == null) {
            config();
            wiring = new LoopWiring(LocalClients.dynamoDb(TestEngines.dynamoDb().endpoint(), List.of()),
                    LocalClients.s3(TestEngines.s3().endpoint()), LocalClients.s3Presigner(TestEngines.s3().endpoint()),
                    LocalClients.sqs(TestEngines.sqs().endpoint()), ProjectSecrets.inline(Map.of("web-shop", SECRET)),
                    new LoopWiring.Settings(TABLE, BUCKET, LocalWiring.REPORTS_PREFIX, queueUrl,
                            DynamoSettings.DEFAULT_RAW_TTL, IngestSettings.withMaxBody(IngestSettings.DEFAULT_MAX_BODY_BYTES)), Clock.systemUTC());
        }
        return wiring;
    }

    /** A client of the S3 engine, shared by the tests. */
    static synchronized S3Client s3() {
        if (s3 == null) {
            s3 = LocalClients.s3(TestEngines.s3().endpoint());
        }
        return s3;
    }

    private static Map<String, String> create() {
        String dynamoDb = TestEngines.dynamoDb().endpoint().toString();
        String s3 = TestEngines.s3().endpoint().toString();
        String sqs = TestEngines.sqs().endpoint().toString();
        try (DynamoDbClient client = LocalClients.dynamoDb(TestEngines.dynamoDb().endpoint(), List.of())) {
            FeedbackTable.createIfMissing(client, TABLE);
        }
        try (S3Client client = LocalClients.s3(TestEngines.s3().endpoint())) {
            client.createBucket(b -> b.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // created by an earlier test class
        }
        try (SqsClient client = LocalClients.sqs(TestEngines.sqs().endpoint())) {
            queueUrl = client.createQueue(b -> b.queueName(QUEUE)).queueUrl();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String service : List.of("dynamodb", "s3")) {
            map.put("quarkus." + service + ".endpoint-override", service.equals("s3") ? s3 : dynamoDb);
            map.put("quarkus." + service + ".aws.region", LocalClients.REGION.id());
            map.put("quarkus." + service + ".aws.credentials.type", "static");
            map.put("quarkus." + service + ".aws.credentials.static-provider.access-key-id", LocalClients.ACCESS_KEY);
            map.put("quarkus." + service + ".aws.credentials.static-provider.secret-access-key",
                    LocalClients.SECRET_KEY);
        }
        map.put("quarkus.s3.path-style-access", "true");
        map.put("feedback.table-name", TABLE);
        map.put("feedback.reports.bucket", BUCKET);
        map.put("feedback.regenerate.queue-url", queueUrl);
        map.put("feedback.aws.region", LocalClients.REGION.id());
        map.put("feedback.aws.sqs-endpoint", sqs);
        map.put("feedback.aws.access-key-id", LocalClients.ACCESS_KEY);
        map.put("feedback.aws.secret-access-key", LocalClients.SECRET_KEY);
        map.put("feedback.secrets.inline.web-shop", SECRET);
        return map;
    }
}
