package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.lambda.LoopEnginesResource;
import dev.feedbackloop.adapter.llm.FakeProviderServer.Scripted;
import dev.feedbackloop.regenerate.FixModelReply;
import dev.feedbackloop.regenerate.SampleAnswers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model side as the regenerate function gets it: built by the CDI producer from {@code feedback.llm.*}, its HTTP
 * client the Quarkus REST client running inside the application (the command line runs the same client outside it),
 * calling a local server speaking the Messages API.
 */
@QuarkusTest
@TestProfile(LlmInQuarkusTest.AnthropicProfile.class)
class LlmInQuarkusTest {

    @Inject
    LlmWiring llm;

    @Test
    void theProducedCaller_asksTheConfiguredProvider_withTheConfiguredKey() {
        FixModelReply reply = llm.caller().orElseThrow().ask("web-shop", Callers.request("claude-sonnet-4-5"));

        assertThat(reply.provider()).isEqualTo("anthropic");
        assertThat(reply.answer().fix()).isPresent();
        assertThat(reply.costUsd()).isPositive();
        FakeProviderServer.Received sent = FakeAnthropic.server.last();
        assertThat(sent.rawPath()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-from-config");
    }

    public static final class AnthropicProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "regenerate");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LoopEnginesResource.class),
                    new TestResourceEntry(FakeAnthropic.class));
        }
    }

    /** A local Messages API with one answer scripted, and the configuration that points the application at it. */
    public static final class FakeAnthropic implements QuarkusTestResourceLifecycleManager {
        static FakeProviderServer server;

        @Override
        public Map<String, String> start() {
            server = new FakeProviderServer();
            server.then(Scripted.json(200, AnthropicFixModelTest.message(SampleAnswers.fix(), "end_turn")));
            return Map.of("feedback.llm.provider", "anthropic", "feedback.llm.model", "claude-sonnet-4-5",
                    "feedback.llm.base-url", server.baseUrl().toString(), "feedback.llm.api-key",
                    "sk-ant-from-config");
        }

        @Override
        public void stop() {
            server.close();
        }
    }
}
