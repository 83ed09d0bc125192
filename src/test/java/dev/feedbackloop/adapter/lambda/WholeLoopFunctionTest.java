package dev.feedbackloop.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.llm.FakeAnthropicResource;
import dev.feedbackloop.adapter.llm.FakeProviderServer;
import dev.feedbackloop.adapter.llm.ProviderResponses;
import dev.feedbackloop.classify.ClassifyOutcome;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.ingest.RequestSignature;
import dev.feedbackloop.ingest.SourceBundle;
import dev.feedbackloop.regenerate.FixAnalysis;
import dev.feedbackloop.regenerate.FixOutcome;
import dev.feedbackloop.regenerate.RegenerationRequestJson;
import dev.feedbackloop.regenerate.SampleAnswers;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.ShippedSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole loop as on AWS, model included: a report and its failing test's source signed into ingest, the report
 * classified, the regeneration request it queued delivered to the {@code regenerate} function through the Lambda mock
 * event server, which reads the shipped source from S3, asks the model (a local server speaking the Anthropic
 * Messages API) and keeps the guarded fix as a draft.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Regenerate.class)
class WholeLoopFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLANTED = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";
    /** The file the sample answer fixes, before the fix: the button still by its old name. */
    private static final String ORIGINAL = """
            import { test, expect } from '@playwright/test';

            test('checkout', async ({ page }) => {
              await page.goto('/cart');
              await page.getByRole('button', { name: 'Buy now' }).click();
              await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
            });
            """;

    private final LoopWiring wiring = LoopEnginesResource.wiring();

    @Test
    void aFailingTestsReportAndSource_becomeAGuardedDraft_throughIngestClassifyAndTheRegenerateFunction() {
        FakeProviderServer model = FakeAnthropicResource.server();
        int before = model.received().size();
        model.then(FakeProviderServer.Scripted.json(200, ProviderResponses.anthropic(SampleAnswers.fix(), "end_turn",
                2_400, 600, 0)));
        String runId = "whole-loop-" + UUID.randomUUID();
        Map<String, String> run = Map.of("project", "web-shop", "run", runId, "branch", "main");

        JsonNode report = answer(signed("/", report().getBytes(StandardCharsets.UTF_8), run), 202);
        answer(signed("/sources", SourceBundle.write(List.of(ShippedSource.of("tests/checkout.spec.ts",
                "tests/checkout.spec.ts", ORIGINAL + "// " + PLANTED + "\n"))), run), 202);
        ClassifyOutcome classified = wiring.reportClassifier().classify(ReportRef.of(report.path("reportKey")
                .asText()));
        List<Message> queued = queued(runId);
        JsonNode batch = batchOf(queued);
        JsonNode regenerated = Events.json(Events.invoke(batch));

        assertThat(classified.regenerationsPublished()).isEqualTo(1);
        assertThat(regenerated.path("batchItemFailures")).as(regenerated.toString()).isEmpty();
        assertThat(model.received()).hasSize(before + 1);
        String sent = model.last().bodyText();
        assertThat(sent).as("the shipped source reached the model").contains("await page.goto('/cart');")
                .doesNotContain(PLANTED);
        ScenarioKey scenario = RegenerationRequestJson.read(queued.get(0).body()).scenario();
        List<FixAnalysis> analyses = wiring.fixAnalyses().ofScenario(scenario, 5);
        assertThat(analyses).first().satisfies(a -> {
            assertThat(a.recommendation().orElseThrow().outcome()).as(a.recommendation().toString())
                    .isEqualTo(FixOutcome.DRAFT);
            assertThat(a.calls()).singleElement().satisfies(c -> assertThat(c.usage().outputTokens()).isPositive());
            assertThat(a.key().sourceVersion()).as("the work is keyed by the shipped source").isNotEqualTo("none");
        });

        assertThat(wiring.recommendations().proposed("web-shop", 50, java.util.Optional.empty()).items())
                .as("the draft was proposed for review").isNotEmpty();
        JsonNode redelivered = Events.json(Events.invoke(batch));
        assertThat(redelivered.path("batchItemFailures")).isEmpty();
        assertThat(model.received()).as("a redelivery asks nothing again").hasSize(before + 1);
    }

    private static String report() {
        return """
                <testsuite name="checkout.spec.ts" tests="1" failures="1">
                  <testcase classname="checkout.spec.ts" name="checkout" file="tests/checkout.spec.ts">
                    <failure message="TimeoutError: locator.click: Timeout 30000ms exceeded." type="TimeoutError">TimeoutError: locator.click: Timeout 30000ms exceeded.
                waiting for getByRole('button', { name: 'Buy now' })
                    at tests/checkout.spec.ts:5:57</failure>
                  </testcase>
                </testsuite>
                """;
    }

    private IngestRequest signed(String path, byte[] body, Map<String, String> run) {
        Instant now = Instant.now();
        Map<String, String> headers = new LinkedHashMap<>(RequestSignature.signedHeaders(
                LoopEnginesResource.SECRET.getBytes(StandardCharsets.UTF_8), "POST", path, body, run, now));
        return new IngestRequest("POST", path, headers, Map.of(), body, now);
    }

    private JsonNode answer(IngestRequest request, int status) {
        IngestResponse response = wiring.ingest().handle(request);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The messages classify queued for this run (the queue is shared with other tests, so others are left). */
    private static List<Message> queued(String runId) {
        SqsClient sqs = dev.feedbackloop.adapter.local.LocalClients.sqs(
                dev.feedbackloop.testing.TestEngines.sqs().endpoint());
        List<Message> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 20 && mine.isEmpty(); i++) {
            sqs.receiveMessage(b -> b.queueUrl(LoopEnginesResource.queueUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages().stream().filter(m -> m.body().contains(runId)).forEach(mine::add);
        }
        return mine;
    }

    private static JsonNode batchOf(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        messages.forEach(m -> records.addObject().put("messageId", m.messageId()).put("body", m.body())
                .put("eventSource", "aws:sqs"));
        assertThat(records).as("queued for the run").isNotEmpty();
        return event;
    }
}
