package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.lambda.FunctionProfiles;
import dev.feedbackloop.regenerate.FixModelReply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The model side as the regenerate function gets it: built by the CDI producer from {@code feedback.llm.*}, its HTTP
 * client the Quarkus REST client running inside the application (the command line runs the same client outside it),
 * calling a local server speaking the Messages API ({@link FakeAnthropicResource}). It runs in the regenerate
 * function's test profile: one start of the application serves both.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Regenerate.class)
class LlmInQuarkusTest {

    @Inject
    LlmWiring llm;

    @Test
    void theProducedCaller_asksTheConfiguredProvider_withTheConfiguredKey() {
        FixModelReply reply = llm.caller().orElseThrow().ask("web-shop", Callers.request("claude-sonnet-4-5"));

        assertThat(reply.provider()).isEqualTo("anthropic");
        assertThat(reply.answer().fix()).isPresent();
        assertThat(reply.costUsd()).isPositive();
        FakeProviderServer.Received sent = FakeAnthropicResource.server().last();
        assertThat(sent.rawPath()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(FakeAnthropicResource.API_KEY);
    }
}
