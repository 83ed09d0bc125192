package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.ingest.RequestSignature;
import dev.feedbackloop.ingest.SignedRequests;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.ScenarioFacts;
import dev.feedbackloop.recommend.Triage;
import dev.feedbackloop.recommend.TriageDecision;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.triage.TriageApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * People's decisions through the API ({@link TriageApi}) over DynamoDB Local: recorded once however often they are
 * delivered, only within the signing project, the reason redacted, and every refusal a clear 4xx.
 */
class TriageApiTest {

    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("triage-api");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Map<String, String> SECRETS = Map.of("shop", "shop-secret", "web", "web-secret");

    private final DynamoRecommendationBook book = new DynamoRecommendationBook(fixture.client, fixture.settings);
    private final RecommendationLoop loop = new RecommendationLoop(book, new Recommender(), FixWatch.defaults());
    private final TriageApi api = new TriageApi(new SignedRequests(ProjectSecrets.inline(SECRETS)), loop,
            Redactor.standard());

    @Test
    void aDecisionDeliveredTwiceIsRecordedOnce_andTheMarkOfImplementationToo() throws Exception {
        Recommendation r = recommendation("shop", "aaaa00000000001a");
        String body = "{\"recommendation\":\"" + r.id() + "\",\"decision\":\"accept\",\"by\":\"ana\"}";

        JsonNode first = answer(api.handle(signed("shop", "/triage", body, NOW)), 200);
        // a client retrying signs anew: another timestamp, the same decision
        JsonNode again = answer(api.handle(signed("shop", "/triage/", body, NOW.plusSeconds(30))), 200);

        assertThat(first.path("status").asText()).isEqualTo("recorded");
        assertThat(first.path("recommendationStatus").asText()).isEqualTo("accepted");
        assertThat(first.path("decision").asText()).isEqualTo("accept");
        assertThat(first.path("duplicate").asBoolean()).isFalse();
        assertThat(again.path("duplicate").asBoolean()).isTrue();
        Recommendation accepted = book.find("shop", r.id()).orElseThrow();
        assertThat(accepted.history()).extracting(c -> c.to()).containsExactly(RecommendationStatus.ACCEPTED);
        assertThat(book.triage("shop", 100)).filteredOn(t -> t.recommendationId().equals(r.id())).hasSize(1);

        String mark = "{\"recommendation\":\"" + r.id().substring(0, 8) + "\",\"commit\":\"abc1234\",\"by\":\"ana\"}";
        JsonNode implemented = answer(api.handle(signed("shop", "/implemented", mark, NOW.plusSeconds(60))), 200);
        JsonNode markedAgain = answer(api.handle(signed("shop", "/implemented", mark, NOW.plusSeconds(90))), 200);

        assertThat(implemented.path("recommendationStatus").asText()).isEqualTo("implemented");
        assertThat(implemented.path("commit").asText()).isEqualTo("abc1234");
        assertThat(implemented.path("recommendation").asText()).isEqualTo(r.id());
        assertThat(markedAgain.path("duplicate").asBoolean()).isTrue();
        assertThat(book.find("shop", r.id()).orElseThrow().history()).hasSize(2);
        // the decision redelivered after the fix was marked is still the one decision, not a conflict
        assertThat(answer(api.handle(signed("shop", "/triage", body, NOW.plusSeconds(120))), 200)
                .path("duplicate").asBoolean()).isTrue();
    }

    @Test
    void aDecisionLostBetweenItsTwoWrites_isCompletedByTheRedelivery() {
        Recommendation r = recommendation("shop", "aaaa00000000002a");
        // the status moved, then the process died before the decision's record was written
        Triage.Decided decided = Triage.decide(r, TriageDecision.WONT_FIX, "legacy page", "bo", NOW);
        book.update(decided.recommendation(), r.version());

        JsonNode answer = answer(api.handle(signed("shop", "/triage", "{\"recommendation\":\"" + r.id()
                + "\",\"decision\":\"wont-fix\",\"reason\":\"legacy page\",\"by\":\"bo\"}", NOW.plusSeconds(5))), 200);

        assertThat(answer.path("duplicate").asBoolean()).isTrue();
        assertThat(book.triage("shop", 100)).filteredOn(t -> t.recommendationId().equals(r.id()))
                .extracting(Triage::decision, Triage::at).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TriageDecision.WONT_FIX, NOW));
    }

    @Test
    void theReasonAndTheNameAreRedactedBeforeTheyAreStored() {
        Recommendation r = recommendation("shop", "aaaa00000000003a");

        answer(api.handle(signed("shop", "/triage", "{\"recommendation\":\"" + r.id() + "\",\"decision\":\"reject\","
                + "\"reason\":\"reproduce with /login?user=bob&password=hunter2\",\"by\":\"ana ghp_abcdefghijklmnopqrstuvwxyz0123456789\"}",
                NOW)), 200);

        Recommendation rejected = book.find("shop", r.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(RecommendationStatus.REJECTED);
        String stored = rejected.history().toString() + book.triage("shop", 100);
        assertThat(stored).contains("password=[REDACTED:password]").doesNotContain("hunter2")
                .doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
    }

    @Test
    void oneProjectsSecretNeverDecidesAnothersRecommendation_norLearnsThatItExists() {
        Recommendation shops = recommendation("shop", "aaaa00000000004a");
        String body = "{\"recommendation\":\"" + shops.id() + "\",\"decision\":\"accept\",\"by\":\"mallory\"}";
        String none = "{\"recommendation\":\"" + "0".repeat(64) + "\",\"decision\":\"accept\",\"by\":\"mallory\"}";

        JsonNode viaWeb = answer(api.handle(signed("web", "/triage", body, NOW)), 404);
        JsonNode noSuch = answer(api.handle(signed("web", "/triage", none, NOW)), 404);
        // web signs but claims to be shop: the signature is checked with shop's secret
        IngestRequest claimed = signedWith("web-secret", "shop", "/triage", body, NOW);
        JsonNode forged = answer(api.handle(claimed), 401);
        JsonNode unknown = answer(api.handle(signedWith("x", "nobody", "/triage", body, NOW)), 401);

        assertThat(viaWeb.path("error").asText()).isEqualTo("not_found");
        assertThat(viaWeb.path("message").asText()).isEqualTo("no recommendation " + shops.id() + " in project web");
        assertThat(noSuch.path("message").asText()).isEqualTo("no recommendation " + "0".repeat(64)
                + " in project web");
        assertThat(forged.path("message").asText()).contains("signature does not match");
        assertThat(unknown).isEqualTo(forged);
        assertThat(book.find("shop", shops.id()).orElseThrow().status()).isEqualTo(RecommendationStatus.DRAFT);
    }

    @Test
    void everyRefusalSaysWhatWasWrong() {
        Recommendation r = recommendation("shop", "aaaa00000000005a");
        String id = r.id();

        assertThat(message(api.handle(signed("shop", "/triage", "not json", NOW)), 400)).contains("not JSON");
        assertThat(message(api.handle(signed("shop", "/triage", "[1]", NOW)), 400))
                .isEqualTo("body must be a JSON object");
        assertThat(message(api.handle(signed("shop", "/triage", "{\"recommendation\":\"" + id + "\",\"by\":\"a\"}",
                NOW)), 400)).isEqualTo("$.decision is required");
        assertThat(message(api.handle(signed("shop", "/triage", "{\"recommendation\":\"" + id
                + "\",\"decision\":\"maybe\",\"by\":\"a\"}", NOW)), 400))
                .contains("unknown decision 'maybe'; expected accept, reject, wont-fix or product-bug");
        assertThat(message(api.handle(signed("shop", "/triage", "{\"recommendation\":\"" + id
                + "\",\"decision\":\"reject\",\"by\":\"a\"}", NOW)), 400))
                .startsWith("$.reason is required for a reject decision");
        assertThat(message(api.handle(signed("shop", "/triage", "{\"recommendation\":\"" + id
                + "\",\"decision\":\"accept\",\"by\":\"a\",\"priority\":1}", NOW)), 400))
                .startsWith("unknown field(s) [priority]");
        assertThat(message(api.handle(signed("shop", "/triage", "{\"recommendation\":42,\"decision\":\"accept\","
                + "\"by\":\"a\"}", NOW)), 400)).isEqualTo("$.recommendation must be a string, was number");
        assertThat(message(api.handle(signed("shop", "/triage", "{\"recommendation\":\"../x\",\"decision\":"
                + "\"accept\",\"by\":\"a\"}", NOW)), 400)).startsWith("$.recommendation must be a recommendation id");
        assertThat(message(api.handle(signed("shop", "/triage", "{\"recommendation\":\"" + id
                + "\",\"decision\":\"accept\"}", NOW)), 400)).isEqualTo("$.by is required");
        assertThat(message(api.handle(signed("shop", "/implemented", "{\"recommendation\":\"" + id
                + "\",\"by\":\"a\"}", NOW)), 409)).contains(id).contains("draft");
        assertThat(message(api.handle(signed("shop", "/implemented", "{\"recommendation\":\"" + id
                + "\",\"commit\":\"main\",\"by\":\"a\"}", NOW)), 400))
                .isEqualTo("$.commit must be a commit id, 7-64 hex digits, was 'main'");
        assertThat(message(api.handle(signed("shop", "/triage", "{\"x\":\"" + "y".repeat(20_000) + "\"}", NOW)),
                413)).contains("more than the 16384");
        assertThat(message(api.handle(new IngestRequest("GET", "/triage", Map.of(), Map.of(), new byte[0], NOW)),
                405)).isEqualTo("GET is not allowed on /triage; use POST");
        IngestRequest old = signed("shop", "/triage", "{}", NOW.minus(Duration.ofMinutes(6)));
        assertThat(message(api.handle(new IngestRequest("POST", "/triage", old.headers(), Map.of(), old.body(), NOW)),
                401))
                .contains("older than 5 minutes");
        assertThat(book.find("shop", id).orElseThrow().status()).isEqualTo(RecommendationStatus.DRAFT);
    }

    @Test
    void theRoutesAreTheDecisionsOnesOnly() {
        assertThat(TriageApi.handles("/triage")).isTrue();
        assertThat(TriageApi.handles("/triage/")).isTrue();
        assertThat(TriageApi.handles("/implemented")).isTrue();
        assertThat(TriageApi.handles("/")).isFalse();
        assertThat(TriageApi.handles("/sources")).isFalse();
        assertThat(TriageApi.handles("/triage/x")).isFalse();
    }

    /** A drafted immediate fix for one scenario of {@code project}. */
    private Recommendation recommendation(String project, String fingerprint) {
        ScenarioKey key = new ScenarioKey(project, new Fingerprint(fingerprint));
        Instant t0 = NOW.minus(Duration.ofDays(2));
        Scenario scenario = new Scenario(key, Category.SELECTOR_ISSUE, Category.SELECTOR_ISSUE.failureType(),
                Category.SELECTOR_ISSUE.severity(), true, t0, t0.plus(Duration.ofHours(8)), 8, 2, 8,
                "failure of " + fingerprint, Optional.empty(), Map.of(), Optional.empty(), 1);
        ScenarioFacts facts = new ScenarioFacts(scenario, List.of(new TestId(fingerprint.replace('a', 'e'))), Optional.empty());
        loop.refresh(project, List.of(facts), List.of(), t0.plus(Duration.ofHours(9)));
        return loop.list(project, List.of(RecommendationStatus.DRAFT), 100).stream()
                .filter(r -> r.scenario().equals(Optional.of(key.fingerprint()))).findFirst().orElseThrow();
    }

    private static IngestRequest signed(String project, String path, String body, Instant at) {
        return signedWith(SECRETS.get(project), project, path, body, at);
    }

    private static IngestRequest signedWith(String secret, String project, String path, String body, Instant at) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = RequestSignature.signedHeaders(secret.getBytes(StandardCharsets.UTF_8), "POST",
                path, bytes, Map.of("project", project), at);
        return new IngestRequest("POST", path, headers, Map.of(), bytes, at);
    }

    private static JsonNode answer(IngestResponse response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String message(IngestResponse response, int status) {
        return answer(response, status).path("message").asText();
    }
}
