package dev.feedbackloop.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.store.PendingRecommendation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The regenerate function through the Lambda mock event server: an SQS batch in, a partial batch response out. */
@QuarkusTest
@TestProfile(FunctionProfiles.Regenerate.class)
class RegenerateFunctionTest {

    private final LoopWiring wiring = LoopEnginesResource.wiring();

    @Test
    void theSampleBatch_recordsTheValidRequestOnce_andReportsTheMalformedMessage() {
        ObjectNode batch = Events.sample("regenerate-sqs.json");
        String malformed = batch.path("Records").get(1).path("messageId").asText();

        JsonNode first = json(Events.invoke(batch));
        JsonNode redelivered = json(Events.invoke(batch));

        assertThat(first.path("batchItemFailures")).hasSize(1);
        assertThat(first.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo(malformed);
        assertThat(redelivered).isEqualTo(first);
        List<PendingRecommendation> pending = wiring.recommendations().pending("web-shop", 10, Optional.empty())
                .items().stream().filter(p -> p.request().scenario().fingerprint().value()
                        .equals("8f3a2c1d9e0b7a65")).toList();
        assertThat(pending).singleElement().satisfies(p -> {
            assertThat(p.recommendationId()).isEqualTo(
                    "c25bab724cf309a47c5e62c782c9845bde68e87970549b737a6140ccb7db77eb");
            assertThat(p.request().tests()).hasSize(2);
        });
    }

    private static JsonNode json(Response invocation) {
        assertThat(invocation.statusCode()).as(invocation.asString()).isEqualTo(200);
        return Events.json(invocation);
    }
}
