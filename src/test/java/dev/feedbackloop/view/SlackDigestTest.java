package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.adapter.http.SlackWebhook;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The digest's Block Kit payload from a stored history, posted to a local server speaking Slack's webhook answers. */
class SlackDigestTest {

    private static ViewHistory history;
    private static String payload;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private HttpServer slack;

    @BeforeAll
    static void store() {
        history = new ViewHistory();
        payload = SlackDigest.payload(history.reads().dashboard("web", 10, 10));
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @AfterEach
    void stop() {
        if (slack != null) {
            slack.stop(0);
        }
    }

    @Test
    void theDigestIsBlockKitWithTheLatestRunNewFailuresScenariosAndFlakyTests() throws Exception {
        JsonNode message = new ObjectMapper().readTree(payload);

        assertThat(message.get("text").asText()).isEqualTo("Feedback Loop digest for web");
        assertThat(message.get("blocks").findValuesAsText("type")).startsWith("header", "plain_text", "section");
        String all = message.get("blocks").toString();
        assertThat(all).contains("Latest run `r2`: 3 tests, 0 passed, 2 failed, 1 flaky.")
                .contains("*New failures (2)*").contains("`refund` SELECTOR_ISSUE").contains("*Top scenarios*")
                .contains("flaky in 1 of 2 runs");
        for (JsonNode block : message.get("blocks")) {
            assertThat(block.at("/text/text").asText().length()).isLessThanOrEqualTo(3000);
        }
    }

    @Test
    void reportTextCannotMentionOrLink() {
        assertThat(SlackDigest.slack("<!channel> <https://evil|click> & `x` \u202E"))
                .isEqualTo("&lt;!channel&gt; &lt;https://evil|click&gt; &amp; 'x' \\u202E");
    }

    @Test
    void aFailedPostIsRetriedUntilSlackTakesIt() throws Exception {
        URI hook = serve();
        failuresLeft.set(2);
        List<Long> waits = new ArrayList<>();

        int tries = new SlackWebhook(4, 100, waits::add).post(hook, payload);

        assertThat(tries).isEqualTo(3);
        assertThat(waits).containsExactly(100L, 200L);
        assertThat(received).hasSize(3).allSatisfy(body -> assertThat(body).isEqualTo(payload));
    }

    @Test
    void aRateLimitIsWaitedOutAsSlackAsks() throws Exception {
        URI hook = serve();
        failuresLeft.set(1);
        failureStatus = 429;
        List<Long> waits = new ArrayList<>();

        new SlackWebhook(3, 100, waits::add).post(hook, payload);

        assertThat(waits).containsExactly(2000L);
    }

    @Test
    void aRefusedPayloadIsNotRetriedAndTheErrorSaysWhy() throws Exception {
        URI hook = serve();
        failuresLeft.set(5);
        failureStatus = 400;

        assertThatThrownBy(() -> new SlackWebhook(4, 1, w -> { }).post(hook, payload))
                .isInstanceOf(SlackWebhook.WebhookException.class)
                .hasMessage("Slack answered 400 invalid_blocks (not retried)");
        assertThat(received).hasSize(1);
    }

    @Test
    void everyTryFailingEndsWithTheLastFailure() throws Exception {
        URI hook = serve();
        failuresLeft.set(10);

        assertThatThrownBy(() -> new SlackWebhook(3, 1, w -> { }).post(hook, payload))
                .hasMessage("Slack answered 500 invalid_blocks (after 3 tries)");
    }

    /** A local webhook that answers as Slack does: "ok", or an error code as plain text. */
    private URI serve() throws Exception {
        slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/services/T0/B0/secret", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean fail = failuresLeft.getAndDecrement() > 0;
            byte[] body = (fail ? "invalid_blocks" : "ok").getBytes(StandardCharsets.UTF_8);
            if (fail && failureStatus == 429) {
                exchange.getResponseHeaders().set("Retry-After", "2");
            }
            exchange.sendResponseHeaders(fail ? failureStatus : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slack.start();
        return URI.create("http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T0/B0/secret");
    }
}
