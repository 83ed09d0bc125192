package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.dynamodb.DynamoRunAttachments;
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

    @BeforeAll
    static void store() {
        history = new ViewHistory();
        attachments = new DynamoRunAttachments(history.loop.dynamoDb, history.loop.settings);
        shot = new StoredAttachment(new TestId("00000000000000c3"), "refund", 0,
                "screenshot", "image/png", 4_000, "d".repeat(64));
        trace = new StoredAttachment(new TestId("00000000000000c4"), ViewHistory.HOSTILE, 1, "trace",
                "application/zip", 3 * 1024 * 1024, "e".repeat(64));
        attachments.reference(new RunKey("web", "r2", 1), List.of(trace, shot));
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void aRunListsItsStoredAttachments() throws Exception {
        JsonNode run = get(new ReadApi(history.reads().withAttachments(attachments), TOKENS), "r2");

        assertThat(run.get("attachments").findValuesAsText("name")).containsExactly("screenshot", "trace");
        JsonNode a = run.get("attachments").get(0);
        assertThat(a.get("testId").asText()).isEqualTo(shot.test().value());
        assertThat(a.get("testName").asText()).isEqualTo("refund");
        assertThat(a.get("attempt").asInt()).isZero();
        assertThat(a.get("contentType").asText()).isEqualTo("image/png");
        assertThat(a.get("bytes").asLong()).isEqualTo(4_000);
        assertThat(a.get("sha256").asText()).isEqualTo("d".repeat(64));
        assertThat(run.get("attachments").get(1).get("testName").asText()).as("as stored; JSON needs no escaping")
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
        assertThat(section).startsWith("id=\"attachments\">Screenshots and traces stored (2)</h3>")
                .contains("<tr><td>refund</td><td>first run</td><td>screenshot</td><td>image/png</td><td>3.9 KiB</td>"
                        + "<td><code>dddddddddddd…</code></td></tr>")
                .contains("<td>retry 1</td><td>trace</td><td>application/zip</td><td>3.0 MiB</td>")
                .contains(Html.text(ViewHistory.HOSTILE)).doesNotContain("<script>alert");
        String without = new ReadApi(history.reads(), TOKENS).handle(new ReadRequest("GET",
                "/projects/web/dashboard", "", Optional.of("Bearer " + TOKENS.token("web")))).body();
        assertThat(without).doesNotContain("id=\"attachments\"");
    }

    private static JsonNode get(ReadApi api, String runId) throws Exception {
        ReadResponse response = api.handle(new ReadRequest("GET", "/api/v1/projects/web/runs/" + runId, "",
                Optional.of("Bearer " + TOKENS.token("web"))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
