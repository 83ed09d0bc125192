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

    @BeforeAll
    static void store() {
        history = new ViewHistory();
        attachments = new DynamoRunAttachments(history.loop.dynamoDb, history.loop.settings);
        shot = new StoredAttachment(new TestId("00000000000000c3"), "refund", 0,
                "screenshot", "image/png", 4_000, "d".repeat(64));
        attachments.reference(new RunKey("web", "r2", 1), List.of(shot));
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void aRunListsItsStoredAttachments() throws Exception {
        JsonNode run = get(new ReadApi(history.reads().withAttachments(attachments), TOKENS), "r2");

        assertThat(run.get("attachments")).singleElement().satisfies(a -> {
            assertThat(a.get("testId").asText()).isEqualTo(shot.test().value());
            assertThat(a.get("testName").asText()).isEqualTo("refund");
            assertThat(a.get("attempt").asInt()).isZero();
            assertThat(a.get("name").asText()).isEqualTo("screenshot");
            assertThat(a.get("contentType").asText()).isEqualTo("image/png");
            assertThat(a.get("bytes").asLong()).isEqualTo(4_000);
            assertThat(a.get("sha256").asText()).isEqualTo("d".repeat(64));
        });
    }

    @Test
    void aRunWithoutAttachments_orAServerWithoutTheStore_listsNone() throws Exception {
        assertThat(get(new ReadApi(history.reads().withAttachments(attachments), TOKENS), "r1").has("attachments"))
                .isFalse();
        assertThat(get(new ReadApi(history.reads(), TOKENS), "r2").has("attachments")).isFalse();
    }

    private static JsonNode get(ReadApi api, String runId) throws Exception {
        ReadResponse response = api.handle(new ReadRequest("GET", "/api/v1/projects/web/runs/" + runId, "",
                Optional.of("Bearer " + TOKENS.token("web"))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
