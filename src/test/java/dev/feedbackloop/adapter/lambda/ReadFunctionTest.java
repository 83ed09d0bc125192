package dev.feedbackloop.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthUpdate;
import dev.feedbackloop.health.Quarantine;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.view.ReadAccess;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read function through the Lambda mock event server, over a report classified into DynamoDB Local and one of
 * its tests quarantined: signed reads of the project's own data are answered, every other read is refused.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Read.class)
class ReadFunctionTest {

    private static final String SAMPLE = "read-function-url.json";
    private static final byte[] SECRET = LoopEnginesResource.SECRET.getBytes(StandardCharsets.UTF_8);
    private static String quarantined;

    @BeforeAll
    static void history() {
        LoopWiring wiring = LoopEnginesResource.wiring();
        String body = Events.sample("ingest-function-url.json").path("body").asText();
        var stored = wiring.rawReports().put(new ReportMetadata(new RunKey("web-shop", "read-1", 1),
                Optional.empty(), Optional.of("main"), Optional.empty(), Optional.empty()),
                ReportContent.ofBytes(body.getBytes(StandardCharsets.UTF_8), "sample"));
        wiring.reportClassifier().classify(ReportRef.of(stored.key()));
        StoredHealth test = wiring.health().tests("web-shop", 100, Optional.empty()).items().stream()
                .filter(h -> h.label().isPresent()).findFirst().orElseThrow();
        Instant now = Instant.now();
        HealthUpdate update = new HealthJudge(HealthSettings.defaults()).quarantine(test.health(),
                new Quarantine(Quarantine.Source.PERSON, "ana", "flaky on CI", now, now.plus(Duration.ofDays(14))));
        assertThat(wiring.health().write("web-shop", List.of(new HealthWrite(update.health(), test.version(),
                test.label(), update.changes())))).isEmpty();
        quarantined = test.label().orElseThrow().name();
    }

    @Test
    void theSampleEventSignedNow_readsTheQuarantineListAsPytestArguments() {
        Response answer = Events.invoke(signedNow(Events.sample(SAMPLE)));

        JsonNode response = Events.json(answer);
        assertThat(response.path("statusCode").asInt()).as(answer.asString()).isEqualTo(200);
        assertThat(response.at("/headers/Content-Type").asText()).startsWith("text/plain");
        assertThat(response.path("body").asText()).contains("--deselect ").contains(quarantined);
    }

    @Test
    void signedReadsOfScenariosAndTestsAnswerJsonPages() throws Exception {
        JsonNode scenarios = body(get("/api/v1/projects/web-shop/scenarios", "limit=10"), 200);
        assertThat(scenarios.path("items").size()).isGreaterThanOrEqualTo(2);
        String fingerprint = scenarios.at("/items/0/fingerprint").asText();
        assertThat(body(get("/api/v1/projects/web-shop/scenarios/" + fingerprint, ""), 200)
                .path("recommendations").isArray()).isTrue();
        JsonNode tests = body(get("/api/v1/projects/web-shop/tests", ""), 200);
        assertThat(tests.path("items").findValuesAsText("state")).contains("quarantined");
        assertThat(body(get("/api/v1/projects/web-shop/runs/read-1", ""), 200).at("/run/runId").asText())
                .isEqualTo("read-1");
    }

    @Test
    void theStoredSampleIsAReplay_andNoOtherReadGetsThrough() throws Exception {
        assertThat(body(Events.invoke(Events.sample(SAMPLE)), 401).path("detail").asText())
                .contains("older than 5 minutes");
        ObjectNode unsigned = Events.sample(SAMPLE);
        ((ObjectNode) unsigned.path("headers")).remove(List.of("x-feedback-signature", "x-feedback-timestamp"));
        assertThat(body(Events.invoke(unsigned), 401).path("detail").asText()).contains("sign the request");
        JsonNode otherProject = body(get("/api/v1/projects/other-shop/quarantine", "", SECRET), 401);
        assertThat(otherProject.toString()).doesNotContain(quarantined);
        ObjectNode tampered = signedNow(Events.sample(SAMPLE));
        tampered.put("rawQueryString", "format=json");
        assertThat(body(Events.invoke(tampered), 401).path("detail").asText()).contains("does not match");
        ObjectNode posted = signedNow(Events.sample(SAMPLE));
        ((ObjectNode) posted.path("requestContext").path("http")).put("method", "POST");
        assertThat(Events.json(Events.invoke(posted)).path("statusCode").asInt()).isEqualTo(405);
    }

    private static ObjectNode signedNow(ObjectNode event) {
        String target = event.path("rawPath").asText() + "?" + event.path("rawQueryString").asText();
        ObjectNode headers = (ObjectNode) event.path("headers");
        ReadAccess.signedHeaders(SECRET, "GET", target, Instant.now())
                .forEach((name, value) -> headers.put(name.toLowerCase(), value));
        return event;
    }

    private static Response get(String path, String query) {
        return get(path, query, SECRET);
    }

    private static Response get(String path, String query, byte[] secret) {
        ObjectNode event = Events.sample(SAMPLE);
        event.put("rawPath", path).put("rawQueryString", query);
        event.remove("queryStringParameters");
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
        String target = query.isEmpty() ? path : path + "?" + query;
        ObjectNode headers = (ObjectNode) event.path("headers");
        ReadAccess.signedHeaders(secret, "GET", target, Instant.now())
                .forEach((name, value) -> headers.put(name.toLowerCase(), value));
        return Events.invoke(event);
    }

    private static JsonNode body(Response invocation, int status) throws Exception {
        assertThat(invocation.statusCode()).as(invocation.asString()).isEqualTo(200);
        JsonNode response = Events.json(invocation);
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(status);
        return Events.JSON.readTree(response.path("body").asText());
    }
}
