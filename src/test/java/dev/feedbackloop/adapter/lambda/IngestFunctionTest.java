package dev.feedbackloop.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.redact.ReportRedactor;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.ingest.RunMetadata;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.OpenedReport;
import dev.feedbackloop.upload.SignedIngestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The ingest function through the Lambda mock event server, storing into s3proxy. */
@QuarkusTest
@TestProfile(FunctionProfiles.Ingest.class)
class IngestFunctionTest {

    private final LoopWiring wiring = LoopEnginesResource.wiring();

    private final S3Client s3 = LoopEnginesResource.s3();

    @Test
    void theSampleEventSignedNow_isAccepted_andTheSameWebhookTwiceIsStoredOnce() {
        ObjectNode event = resigned(Events.sample("ingest-function-url.json"), "web-shop");
        s3.deleteObject(b -> b.bucket(LoopEnginesResource.BUCKET).key(sampleKey(event)));

        JsonNode first = answer(Events.invoke(event), 202);
        JsonNode second = answer(Events.invoke(resigned(event, "web-shop")), 202);

        assertThat(first.path("runId").asText()).isEqualTo("9876543210");
        assertThat(first.path("format").asText()).isEqualTo("junit-xml");
        assertThat(first.path("tests").asInt()).isEqualTo(4);
        assertThat(first.path("duplicate").asBoolean()).isFalse();
        assertThat(second.path("duplicate").asBoolean()).isTrue();
        assertThat(second.path("reportKey").asText()).isEqualTo(sampleKey(event));
        try (OpenedReport stored = wiring.rawReports().open(sampleKey(event))) {
            assertThat(stored.metadata().orElseThrow().branch()).contains("main");
        }
    }

    @Test
    void aGzipBodyDeliveredBase64Encoded_isAccepted() throws Exception {
        byte[] gzip = gzip(body(Events.sample("ingest-function-url.json")).replace("checkout", "checkout-gz"));
        ObjectNode event = SignedIngestEvents.functionUrlPost("/", gzip, Map.of("project", "web-shop", "run", "gz-1"),
                LoopEnginesResource.SECRET.getBytes(StandardCharsets.UTF_8), Instant.now());
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();

        JsonNode answer = answer(Events.invoke(event), 202);

        // the key digests what is stored: the report as the redactor rewrote it
        assertThat(answer.path("reportKey").asText()).endsWith(sha256(ReportRedactor.standard().redact(gzip)) + ".gz");
    }

    @Test
    void theStoredSampleEvent_isRefusedAsAReplay_andAnUnknownProjectLooksLikeABadSignature() {
        JsonNode stale = answer(Events.invoke(Events.sample("ingest-function-url.json")), 401);
        ObjectNode unknown = resigned(Events.sample("ingest-function-url.json"), "nobody");
        ObjectNode forged = resigned(Events.sample("ingest-function-url.json"), "web-shop");
        ((ObjectNode) forged.path("headers")).put("x-feedback-signature", "v2=" + "0".repeat(64));

        assertThat(stale.path("error").asText()).isEqualTo("unauthorized");
        assertThat(stale.path("message").asText()).contains("older than 5 minutes");
        assertThat(answer(Events.invoke(unknown), 401)).isEqualTo(answer(Events.invoke(forged), 401));
    }

    @Test
    void tooLargeUnknownAndMalformedBodies_getClearJsonErrors() {
        assertThat(answer(Events.invoke(signed("<testsuite>" + "x".repeat(70_000) + "</testsuite>")), 413)
                .path("error").asText()).isEqualTo("too_large");
        assertThat(answer(Events.invoke(signed("{\"hello\": \"world\"}")), 415).path("message").asText())
                .contains("top-level keys [hello]");
        assertThat(answer(Events.invoke(signed("<testsuite name=\"s\"><testcase name=\"t\">")), 400)
                .path("message").asText()).contains("line 1, column");
    }

    @Test
    void aLargeReport_goesStraightToS3ThroughThePresignedUrl() throws Exception {
        byte[] report = gzip(body(Events.sample("ingest-function-url.json")).replace("checkout", "checkout-big"));
        byte[] request = Events.JSON.writeValueAsBytes(Map.of("sha256", sha256(report), "bytes", report.length,
                "contentEncoding", "gzip"));
        ObjectNode event = SignedIngestEvents.functionUrlPost("/uploads", request, Map.of("project", "web-shop",
                "run", "big-1"), LoopEnginesResource.SECRET.getBytes(StandardCharsets.UTF_8), Instant.now());

        JsonNode grant = answer(Events.invoke(event), 200);
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(grant.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(report));
        grant.path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> uploaded = HttpClient.newHttpClient().send(put.build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        try (OpenedReport stored = wiring.rawReports().open(grant.path("reportKey").asText())) {
            assertThat(stored.stream().readAllBytes()).isEqualTo(report);
            assertThat(stored.metadata().orElseThrow().run().runId()).isEqualTo("big-1");
        }
    }

    @Test
    void aDecisionThroughTheFunctionUrl_isRecordedOnce_andOnlyWithinTheSigningProject() throws Exception {
        ObjectNode sample = Events.sample("triage-function-url.json");
        String shops = recommendation("web-shop", "bbbb00000000001a");
        String others = recommendation("other-shop", "bbbb00000000002a");
        String body = body(sample).replace("3f9a2c71e4b0d8a6", shops);

        JsonNode first = answer(Events.invoke(signedTo("/triage", body, "web-shop")), 200);
        JsonNode again = answer(Events.invoke(signedTo("/triage", body, "web-shop")), 200);
        JsonNode across = answer(Events.invoke(signedTo("/triage", body(sample).replace("3f9a2c71e4b0d8a6", others),
                "web-shop")), 404);
        JsonNode stale = answer(Events.invoke(sample), 401);
        ObjectNode forged = signedTo("/triage", body, "web-shop");
        ((ObjectNode) forged.path("headers")).put("x-feedback-signature", "v2=" + "0".repeat(64));

        assertThat(first.path("recommendationStatus").asText()).isEqualTo("rejected");
        assertThat(first.path("duplicate").asBoolean()).isFalse();
        assertThat(again.path("duplicate").asBoolean()).isTrue();
        assertThat(wiring.recommendationBook().find("web-shop", shops).orElseThrow().history()).hasSize(1);
        assertThat(across.path("message").asText()).isEqualTo("no recommendation " + others
                + " in project web-shop");
        assertThat(wiring.recommendationBook().find("other-shop", others).orElseThrow().status())
                .isEqualTo(dev.feedbackloop.recommend.RecommendationStatus.DRAFT);
        assertThat(stale.path("message").asText()).contains("older than 5 minutes");
        assertThat(answer(Events.invoke(forged), 401).path("message").asText()).contains("does not match");
        // the stored sample is signed truly, as of its time
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        sample.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        dev.feedbackloop.ingest.RequestSignature.verify(LoopEnginesResource.SECRET.getBytes(StandardCharsets.UTF_8),
                dev.feedbackloop.ingest.RequestSignature.Signed.of("POST", "/triage", 1772366400L,
                        body(sample).getBytes(StandardCharsets.UTF_8), Map.of("project", "web-shop")),
                headers.get("x-feedback-signature"), Instant.ofEpochSecond(1772366400L));
    }

    /** A drafted recommendation of {@code project} for one scenario, kept in the function's store; its id. */
    private String recommendation(String project, String fingerprint) {
        var loop = new dev.feedbackloop.recommend.RecommendationLoop(wiring.recommendationBook(),
                new dev.feedbackloop.recommend.Recommender(), dev.feedbackloop.recommend.FixWatch.defaults());
        var key = new dev.feedbackloop.scenario.ScenarioKey(project,
                new dev.feedbackloop.fingerprint.Fingerprint(fingerprint));
        var category = dev.feedbackloop.rootcause.Category.SELECTOR_ISSUE;
        Instant t0 = Instant.now().minusSeconds(86_400);
        var scenario = new dev.feedbackloop.scenario.Scenario(key, category, category.failureType(),
                category.severity(), true, t0, t0.plusSeconds(3600), 8, 2, 8, "failure of " + fingerprint,
                java.util.Optional.empty(), Map.of(), java.util.Optional.empty(), 1);
        loop.refresh(project, java.util.List.of(new dev.feedbackloop.recommend.ScenarioFacts(scenario,
                java.util.List.of(new dev.feedbackloop.model.TestId(fingerprint.replace('b', 'e'))),
                java.util.Optional.empty())), java.util.List.of(), t0.plusSeconds(7200));
        return loop.list(project, java.util.List.of(dev.feedbackloop.recommend.RecommendationStatus.DRAFT), 100)
                .stream().filter(r -> r.scenario().equals(java.util.Optional.of(key.fingerprint()))).findFirst()
                .orElseThrow().id();
    }

    private static ObjectNode signedTo(String path, String body, String project) {
        return SignedIngestEvents.functionUrlPost(path, body.getBytes(StandardCharsets.UTF_8),
                Map.of("project", project), LoopEnginesResource.SECRET.getBytes(StandardCharsets.UTF_8),
                Instant.now());
    }

    /**
     * The event with a fresh timestamp and signature, as {@code feedback event ingest} would make it: the same body
     * and run metadata, for {@code project}.
     */
    private static ObjectNode resigned(ObjectNode event, String project) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        event.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        Map<String, String> metadata = new java.util.LinkedHashMap<>(RunMetadata.fieldsOf(headers, Map.of()));
        metadata.put("project", project);
        return SignedIngestEvents.functionUrlPost(event.path("rawPath").asText(),
                body(event).getBytes(StandardCharsets.UTF_8), metadata,
                LoopEnginesResource.SECRET.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    private static ObjectNode signed(String body) {
        return SignedIngestEvents.functionUrlPost("/", body.getBytes(StandardCharsets.UTF_8), Map.of("project", "web-shop"),
                LoopEnginesResource.SECRET.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    private static String body(JsonNode event) {
        return event.path("body").asText();
    }

    private static String sampleKey(JsonNode event) {
        return "reports/web-shop/" + RawReportKey.runSegment(new RunKey("web-shop",
                event.path("headers").path("x-feedback-run-id").asText(), 1)) + "/"
                + sha256(ReportRedactor.standard().redact(body(event).getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode answer(Response invocation, int status) {
        assertThat(invocation.statusCode()).as(invocation.asString()).isEqualTo(200);
        JsonNode response = Events.json(invocation);
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(status);
        try {
            return Events.JSON.readTree(response.path("body").asText());
        } catch (Exception e) {
            throw new AssertionError("body is not JSON: " + response, e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
