package dev.feedbackloop.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.RunState;
import dev.feedbackloop.store.StoredReport;
import dev.feedbackloop.testing.TestEngines;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The classify function through the Lambda mock event server: S3 notifications in, the run, results, scenarios and
 * analyses in DynamoDB Local and regeneration requests in ElasticMQ out.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Classify.class)
class ClassifyFunctionTest {

    private final LoopWiring wiring = LoopEnginesResource.wiring();

    private final S3Client s3 = LoopEnginesResource.s3();

    private SqsClient sqs;

    @BeforeEach
    void drainQueue() {
        sqs = LocalClients.sqs(TestEngines.sqs().endpoint());
        received();
    }

    @AfterEach
    void close() {
        InjectedFaults.FAULTS.arm("none", "", 0);
        sqs.close();
    }

    @Test
    void theSampleNotification_classifiesTheReport_andTheSameNotificationTwiceCountsOnce() {
        ObjectNode notification = Events.sample("classify-s3-notification.json");
        s3.deleteObject(b -> b.bucket(LoopEnginesResource.BUCKET).key(key(notification)));
        StoredReport stored = store("web-shop", "9876543210");
        assertThat(stored.key()).as("events/ sample notification names the sample report").isEqualTo(key(notification));

        JsonNode first = report(Events.invoke(notification));
        JsonNode second = report(Events.invoke(notification));

        assertThat(first.path("status").asText()).isEqualTo("CLASSIFIED");
        assertThat(first.path("tests").asInt()).isEqualTo(4);
        assertThat(first.path("failing").asInt()).isEqualTo(3);
        assertThat(second.path("status").asText()).isEqualTo("ALREADY_CLASSIFIED");
        RunKey run = new RunKey("web-shop", "9876543210", 1);
        assertThat(wiring.runs().findRun(run).orElseThrow().state()).isEqualTo(RunState.COMPLETE);
        assertThat(wiring.runs().results(run, 10, Optional.empty()).items()).hasSize(4);
        Scenario selector = scenarios("web-shop").get(0);
        assertThat(selector.category()).isEqualTo(Category.SELECTOR_ISSUE);
        assertThat(selector.occurrences()).isEqualTo(2);
        assertThat(wiring.scenarios().analyses(selector.key(), 10, Optional.empty()).items()).hasSize(1);
        assertThat(received()).hasSize(first.path("regenerationsPublished").asInt()).isNotEmpty();
    }

    @Test
    @DisabledOnIntegrationTest("the fault injector sits on the DynamoDB client of an application in this JVM")
    void aDynamoDbFailureHalfWay_failsTheEvent_andTheRetryCountsOnceAndPublishesOnce() {
        ObjectNode notification = notificationFor(store("halfway", "run-1"));
        InjectedFaults.FAULTS.arm("TransactWriteItems", "REPORT#", 1); // completing the run, after publishing

        Response failed = Events.invoke(notification);
        JsonNode retried = report(Events.invoke(notification));

        assertThat(failed.statusCode()).as(failed.asString()).isGreaterThanOrEqualTo(500);
        assertThat(InjectedFaults.FAULTS.failed()).isPositive();
        assertThat(retried.path("status").asText()).isEqualTo("CLASSIFIED");
        assertThat(retried.path("regenerationsPublished").asInt()).isZero();
        assertThat(scenarios("halfway")).extracting(Scenario::occurrences).containsExactlyInAnyOrder(2L, 1L);
        scenarios("halfway").forEach(s -> assertThat(wiring.scenarios().analyses(s.key(), 10, Optional.empty())
                .items()).hasSize(1));
        assertThat(received()).hasSize(2);
    }

    @Test
    void aMissingQueue_failsTheEvent_andTheRetryPublishesOnceItIsBack() {
        ObjectNode notification = notificationFor(store("queue-down", "run-1"));
        sqs.deleteQueue(b -> b.queueUrl(LoopEnginesResource.queueUrl()));
        Response failed;
        try {
            failed = Events.invoke(notification);
        } finally {
            sqs.createQueue(b -> b.queueName(LoopEnginesResource.QUEUE));
        }

        JsonNode retried = report(Events.invoke(notification));

        assertThat(failed.statusCode()).as(failed.asString()).isGreaterThanOrEqualTo(500);
        assertThat(retried.path("status").asText()).isEqualTo("CLASSIFIED");
        assertThat(scenarios("queue-down")).extracting(Scenario::occurrences).containsExactlyInAnyOrder(2L, 1L);
        assertThat(received()).hasSize(2);
    }

    @Test
    void objectsOfOtherBucketsOrOutsideThePrefix_areIgnored() {
        ObjectNode notification = Events.sample("classify-s3-notification.json");
        ObjectNode record = (ObjectNode) notification.path("Records").get(0);
        ((ObjectNode) record.path("s3").path("object")).put("key", "uploads/elsewhere.xml");

        assertThat(report(Events.invoke(notification)).path("status").asText()).isEqualTo("IGNORED");
    }

    private StoredReport store(String project, String runId) {
        String body = Events.sample("ingest-function-url.json").path("body").asText();
        return wiring.rawReports().put(new ReportMetadata(new RunKey(project, runId, 1), Optional.of("4f2c1d0"),
                Optional.of("main"), Optional.empty(), Optional.of("github-actions")),
                ReportContent.ofBytes(body.getBytes(StandardCharsets.UTF_8), "sample report"));
    }

    /** The sample notification, for another object; keys travel URL-encoded, as S3 sends them. */
    private static ObjectNode notificationFor(StoredReport stored) {
        ObjectNode notification = Events.sample("classify-s3-notification.json");
        ObjectNode object = (ObjectNode) notification.path("Records").get(0).path("s3").path("object");
        object.put("key", URLEncoder.encode(stored.key(), StandardCharsets.UTF_8));
        object.put("size", stored.sizeBytes());
        return notification;
    }

    private static String key(JsonNode notification) {
        return notification.path("Records").get(0).path("s3").path("object").path("key").asText();
    }

    private List<Scenario> scenarios(String project) {
        return wiring.scenarios().mostFrequent(project, 10, Optional.empty()).items();
    }

    private static JsonNode report(Response invocation) {
        assertThat(invocation.statusCode()).as(invocation.asString()).isEqualTo(200);
        return Events.json(invocation).path("reports").get(0);
    }

    private List<Message> received() {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(LoopEnginesResource.queueUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(LoopEnginesResource.queueUrl())
                    .receiptHandle(m.receiptHandle())));
        } while (!batch.isEmpty());
        return all;
    }
}
