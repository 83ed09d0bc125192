package dev.feedbackloop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.http.ReadApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The read API over real HTTP, as {@code feedback serve} runs it. */
class ReadApiServerTest {

    private static final ReadTokens TOKENS = new ReadTokens("another read secret of 32 bytes or more"
            .getBytes(StandardCharsets.UTF_8));

    @Test
    void readsAreAnsweredOverHttpAndRefusedWithoutTheProjectsToken() throws Exception {
        try (ViewHistory history = new ViewHistory();
             ReadApiServer server = ReadApiServer.start(new ReadApi(history.reads(), TOKENS), 0)) {
            HttpClient client = HttpClient.newHttpClient();
            URI scenarios = server.uri().resolve("/api/v1/projects/web/scenarios?limit=1");

            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(scenarios)
                    .header("Authorization", "Bearer " + TOKENS.token("web")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(scenarios).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> otherProject = client.send(HttpRequest.newBuilder(scenarios)
                    .header("Authorization", "Bearer " + TOKENS.token("shop")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(ok.body()).contains(ViewHistory.LOCATOR.value());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"feedback\"");
            assertThat(anonymous.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(otherProject.statusCode()).isEqualTo(403);
            assertThat(otherProject.body()).doesNotContain(ViewHistory.LOCATOR.value());
        }
    }
}
