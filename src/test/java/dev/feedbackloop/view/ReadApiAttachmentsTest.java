package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationBook;
import dev.feedbackloop.adapter.dynamodb.DynamoRunAttachments;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.StoredAttachment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run read alone lists the screenshots and traces its failing attempts have stored (the references ingest kept once
 * the content arrived), from the table only: the read side never opens the contents' bucket. On DynamoDB Local.
 */
class ReadApiAttachmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReadTokens TOKENS = new ReadTokens("a read secret of at least 32 bytes!!"
            .getBytes(StandardCharsets.UTF_8));
    private static ViewHistory history;
    private static DynamoRunAttachments attachments;
    private static StoredAttachment shot;
    private static StoredAttachment trace;
    private static TestId refund;
    private static StoredAttachment scenarioShot;

    @BeforeAll
    static void store() {
        history = new ViewHistory();
        attachments = new DynamoRunAttachments(history.loop.dynamoDb, history.loop.settings);
        shot = new StoredAttachment(new TestId("00000000000000c3"), "refund", 0,
                "screenshot", "image/png", 4_000, "d".repeat(64));
        trace = new StoredAttachment(new TestId("00000000000000c4"), ViewHistory.HOSTILE, 1, "trace",
                "application/zip", 3 * 1024 * 1024, "e".repeat(64));
        attachments.reference(new RunKey("web", "r2", 1), List.of(trace, shot));
        // the LOCATOR scenario's test "refund" failed in r2, its newest run: a screenshot of it, and one of another
        refund = history.reads().scenario("web", ViewHistory.LOCATOR).orElseThrow().tests().stream()
                .filter(t -> t.testCase().map(c -> c.name().equals("refund")).orElse(false)).findFirst()
                .orElseThrow().link().test();
        scenarioShot = new StoredAttachment(refund, "refund", 0, "screenshot", "image/png", 2_000, "f".repeat(64));
        attachments.reference(new RunKey("web", "r2", 1), List.of(scenarioShot));
        new RecommendationLoop(new DynamoRecommendationBook(history.loop.dynamoDb, history.loop.settings),
                new Recommender(), FixWatch.defaults()).refresh("web", new StoredHistory(history.loop.runs(),
                history.loop.scenarios(), 500).scenarios("web", 20), List.of(), ViewHistory.T0.plusSeconds(3600));
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void aRunListsItsStoredAttachments() throws Exception {
        JsonNode run = get(new ReadApi(history.reads().withAttachments(attachments), TOKENS), "r2");

        assertThat(run.get("attachments").findValuesAsText("sha256")).containsExactlyInAnyOrder("d".repeat(64),
                "e".repeat(64), "f".repeat(64));
        JsonNode a = find(run.get("attachments"), "d".repeat(64));
        assertThat(a.get("testId").asText()).isEqualTo(shot.test().value());
        assertThat(a.get("testName").asText()).isEqualTo("refund");
        assertThat(a.get("attempt").asInt()).isZero();
        assertThat(a.get("contentType").asText()).isEqualTo("image/png");
        assertThat(a.get("bytes").asLong()).isEqualTo(4_000);
        assertThat(a.get("sha256").asText()).isEqualTo("d".repeat(64));
        assertThat(find(run.get("attachments"), "e".repeat(64)).get("testName").asText()).as("as stored; JSON needs no escaping")
                .isEqualTo(ViewHistory.HOSTILE);
    }

    @Test
    void aRunWithoutAttachments_orAServerWithoutTheStore_listsNone() throws Exception {
        assertThat(get(new ReadApi(history.reads().withAttachments(attachments), TOKENS), "r1").has("attachments"))
                .isFalse();
        assertThat(get(new ReadApi(history.reads(), TOKENS), "r2").has("attachments")).isFalse();
    }

    @Test
    void theDashboardListsTheLatestRunsAttachments_escaped() {
        ReadResponse page = new ReadApi(history.reads().withAttachments(attachments), TOKENS).handle(new ReadRequest(
                "GET", "/projects/web/dashboard", "", Optional.of("Bearer " + TOKENS.token("web"))));

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String section = page.body().substring(page.body().indexOf("id=\"attachments\""));
        assertThat(section).startsWith("id=\"attachments\">Screenshots and traces stored (3)</h3>")
                .contains("<tr><td>refund</td><td>first run</td><td>screenshot</td><td>image/png</td><td>3.9 KiB</td>"
                        + "<td><code>dddddddddddd…</code></td></tr>")
                .contains("<td>retry 1</td><td>trace</td><td>application/zip</td><td>3.0 MiB</td>")
                .contains(Html.text(ViewHistory.HOSTILE)).doesNotContain("<script>alert");
        String without = new ReadApi(history.reads(), TOKENS).handle(new ReadRequest("GET",
                "/projects/web/dashboard", "", Optional.of("Bearer " + TOKENS.token("web")))).body();
        assertThat(without).doesNotContain("id=\"attachments\"");
    }

    @Test
    void aScenarioAndItsRecommendation_listTheAttachmentsOfItsTestsInItsNewestRun() throws Exception {
        ReadApi api = new ReadApi(history.allReads().withAttachments(attachments), TOKENS);
        JsonNode scenario = read(api, "/api/v1/projects/web/scenarios/" + ViewHistory.LOCATOR.value());

        assertThat(scenario.get("attachments").findValuesAsText("sha256")).as("only the scenario's tests")
                .containsExactly("f".repeat(64));
        assertThat(scenario.at("/attachments/0/testId").asText()).isEqualTo(refund.value());

        String id = null;
        for (JsonNode r : read(api, "/api/v1/projects/web/recommendations").get("items")) {
            if (r.get("fingerprint").asText().equals(ViewHistory.LOCATOR.value())) {
                id = r.get("id").asText();
            }
        }
        assertThat(id).as("the scenario's recommendation").isNotNull();
        JsonNode recommendation = read(api, "/api/v1/projects/web/recommendations/" + id);
        assertThat(recommendation.get("attachments").findValuesAsText("sha256")).containsExactly("f".repeat(64));
        assertThat(read(new ReadApi(history.allReads(), TOKENS), "/api/v1/projects/web/recommendations/" + id)
                .has("attachments")).isFalse();
    }

    private static JsonNode find(JsonNode list, String sha256) {
        for (JsonNode a : list) {
            if (a.get("sha256").asText().equals(sha256)) {
                return a;
            }
        }
        throw new AssertionError("no attachment " + sha256 + " in " + list);
    }

    private static JsonNode read(ReadApi api, String path) throws Exception {
        ReadResponse response = api.handle(new ReadRequest("GET", path, "",
                Optional.of("Bearer " + TOKENS.token("web"))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode get(ReadApi api, String runId) throws Exception {
        ReadResponse response = api.handle(new ReadRequest("GET", "/api/v1/projects/web/runs/" + runId, "",
                Optional.of("Bearer " + TOKENS.token("web"))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
