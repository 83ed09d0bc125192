package dev.feedbackloop.adapter.sqs;

import static dev.feedbackloop.testing.Samples.fingerprint;
import static dev.feedbackloop.testing.Samples.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.dynamodb.RequestCounter;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.RegenerationRequest;
import dev.feedbackloop.testing.TestEngines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Regeneration requests on a real SQS endpoint (ElasticMQ, in-process). */
class SqsRegenerationQueueTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final RequestCounter COUNTER = new RequestCounter();
    private static SqsClient sqs;

    @BeforeAll
    static void connect() {
        sqs = LocalClients.sqs(TestEngines.sqs().endpoint(), List.of(COUNTER));
    }

    @AfterAll
    static void close() {
        sqs.close();
    }

    @Test
    void oneMessagePerScenario_inBatchesOfTen_eachCarryingItsDeduplicationKey() throws Exception {
        String url = sqs.createQueue(b -> b.queueName(TestEngines.uniqueName("regenerate"))).queueUrl();
        List<RegenerationRequest> requests = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            requests.add(request(i, "r1"));
        }
        requests.add(request(0, "r1")); // the same scenario twice: still one message
        COUNTER.reset();

        int published = new SqsRegenerationQueue(sqs, url).publish(requests);

        assertThat(published).isEqualTo(23);
        assertThat(COUNTER.calls("SendMessageBatch")).isEqualTo(3);
        List<Message> messages = receiveAll(url);
        assertThat(messages).hasSize(23);
        Message first = messages.stream().filter(m -> m.messageAttributes().get("fingerprint").stringValue()
                .equals(fingerprint(0).value())).findFirst().orElseThrow();
        JsonNode body = new ObjectMapper().readTree(first.body());
        assertThat(body.get("dedupKey").asText()).isEqualTo(request(0, "r1").deduplicationKey())
                .isEqualTo(first.messageAttributes().get("dedupKey").stringValue());
        assertThat(body.get("category").asText()).isEqualTo("SELECTOR_ISSUE");
        assertThat(body.get("triggeredBy").get("runId").asText()).isEqualTo("r1");
        assertThat(body.get("tests")).hasSize(2);
    }

    @Test
    void onAFifoQueue_aRepublishedRequestIsDeliveredOnce() {
        String url = sqs.createQueue(b -> b.queueName(TestEngines.uniqueName("regenerate") + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        SqsRegenerationQueue queue = new SqsRegenerationQueue(sqs, url);

        queue.publish(List.of(request(1, "r1"), request(2, "r1")));
        queue.publish(List.of(request(1, "r1"))); // a redelivered ingest publishes again
        queue.publish(List.of(request(1, "r2"))); // a new run may ask again

        assertThat(receiveAll(url)).extracting(m -> m.messageAttributes().get("dedupKey").stringValue())
                .containsExactlyInAnyOrder(request(1, "r1").deduplicationKey(), request(2, "r1").deduplicationKey(),
                        request(1, "r2").deduplicationKey());
    }

    private static RegenerationRequest request(int scenario, String runId) {
        return new RegenerationRequest(new ScenarioKey("web", fingerprint(scenario)), Category.SELECTOR_ISSUE,
                new RunKey("web", runId, 1), List.of(ids("web", 0, 2)), T0);
    }

    private static List<Message> receiveAll(String url) {
        List<Message> all = new ArrayList<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All").waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                empty++;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        }
        return all;
    }
}
