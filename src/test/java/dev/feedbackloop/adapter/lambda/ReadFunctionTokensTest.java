package dev.feedbackloop.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.view.ReadTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The read function with the deployment's read secret ({@code feedback.read.token-secret-id}): a project's read
 * token reads that project only; while the secret is unreadable or too short, tokens are refused (signed reads are
 * {@link ReadFunctionTest}'s). The secret comes through {@link ApiKeySource}, as {@code SecretsManagerApiKey} gives
 * it (tested against a local Secrets Manager in {@code SecretsManagerApiKeyTest}).
 */
class ReadFunctionTokensTest {

    private static final String READ_SECRET = "r".repeat(16) + "ead-secret-of-the-deployment-0123";

    private final AtomicReference<Object> secret = new AtomicReference<>(READ_SECRET);
    private final ApiKeySource source = () -> {
        Object value = secret.get();
        if (value instanceof RuntimeException e) {
            throw e;
        }
        return Optional.of((String) value);
    };
    private final ReadFunction function = new ReadFunction(LoopEnginesResource.wiring(), Clock.systemUTC(),
            Optional.of(source));
    private final ReadTokens tokens = new ReadTokens(READ_SECRET.getBytes(StandardCharsets.UTF_8));

    @Test
    void aProjectsTokenReadsThatProjectOnly() {
        APIGatewayV2HTTPResponse own = read("web-shop", tokens.token("web-shop"));
        APIGatewayV2HTTPResponse other = read("web-shop", tokens.token("other-shop"));
        APIGatewayV2HTTPResponse forged = read("web-shop", new ReadTokens(("x".repeat(40))
                .getBytes(StandardCharsets.UTF_8)).token("web-shop"));

        assertThat(own.getStatusCode()).as(own.getBody()).isEqualTo(200);
        assertThat(other.getStatusCode()).as(other.getBody()).isEqualTo(403);
        assertThat(other.getBody()).contains("does not grant reads of project web-shop");
        // a token of another secret is indistinguishable from another project's
        assertThat(forged.getStatusCode()).as(forged.getBody()).isEqualTo(403);
    }

    @Test
    void anUnreadableOrTooShortSecret_refusesTokens_untilItIsReadable() {
        secret.set(new IllegalStateException("cannot read secret read-tokens: AccessDenied"));
        APIGatewayV2HTTPResponse unreadable = read("web-shop", tokens.token("web-shop"));
        secret.set("too-short");
        APIGatewayV2HTTPResponse tooShort = read("web-shop", new ReadTokens("too-short-but-padded-to-32-bytes!!"
                .getBytes(StandardCharsets.UTF_8)).token("web-shop"));
        secret.set(READ_SECRET);
        APIGatewayV2HTTPResponse readable = read("web-shop", tokens.token("web-shop"));

        assertThat(unreadable.getStatusCode()).as(unreadable.getBody()).isIn(401, 403);
        assertThat(tooShort.getStatusCode()).as(tooShort.getBody()).isIn(401, 403);
        assertThat(readable.getStatusCode()).as(readable.getBody()).isEqualTo(200);
    }

    private APIGatewayV2HTTPResponse read(String project, String token) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/api/v1/projects/" + project + "/quarantine");
        event.setRawQueryString("");
        event.setHeaders(Map.of("authorization", "Bearer " + token));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("GET");
        context.setHttp(http);
        event.setRequestContext(context);
        return function.read(event);
    }
}
