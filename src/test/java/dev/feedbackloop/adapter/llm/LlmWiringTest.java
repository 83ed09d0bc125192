package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.adapter.llm.FakeProviderServer.Scripted;
import dev.feedbackloop.regenerate.FixModelReply;
import dev.feedbackloop.regenerate.SampleAnswers;
import dev.feedbackloop.store.SpendLedger;
import dev.feedbackloop.testing.MutableClock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The model side built from settings, as the Lambda producer and the command line build it. */
class LlmWiringTest {

    private final MutableClock clock = new MutableClock(Callers.NOW);
    private final SpendLedger ledger = SpendLedger.inMemory();

    @Test
    void providerNone_buildsNothing() {
        try (LlmWiring wiring = LlmWiring.create(LlmSettings.none(), collaborators(ApiKeySource.none()))) {
            assertThat(wiring.caller()).isEmpty();
        }
    }

    @Test
    void eachProvider_isWiredToItsAdapter_andChargesTheProjectsBudget() {
        try (FakeProviderServer server = new FakeProviderServer()) {
            server.then(Scripted.json(200, AnthropicFixModelTest.message(SampleAnswers.fix(), "end_turn")))
                    .then(Scripted.json(200, OpenAiFixModelTest.completion(SampleAnswers.fix(), "stop", null)))
                    .then(Scripted.json(200, BedrockFixModelTest.converse(SampleAnswers.fix(), "end_turn")));
            for (String provider : new String[] {"anthropic", "openai", "bedrock"}) {
                LlmSettings settings = LlmSettings.fromEnvironment(Map.of("FEEDBACK_LLM_PROVIDER", provider,
                        "FEEDBACK_LLM_MODEL", provider.equals("openai") ? "gpt-4o" : "claude-sonnet-4-5",
                        "FEEDBACK_LLM_BASE_URL", server.baseUrl() + (provider.equals("openai") ? "/v1" : ""),
                        "FEEDBACK_LLM_AWS_REGION", "us-west-2"));
                try (LlmWiring wiring = LlmWiring.create(settings, collaborators(ApiKeySource.of("k")))) {
                    FixModelReply reply = wiring.caller().orElseThrow().ask("web-shop",
                            Callers.request(settings.model().orElseThrow()));

                    assertThat(reply.provider()).isEqualTo(provider);
                }
            }
            assertThat(server.received()).extracting(FakeProviderServer.Received::rawPath).containsExactly(
                    "/v1/messages", "/v1/chat/completions", "/model/claude-sonnet-4-5/converse");
            assertThat(SigV4.parse(server.received().get(2).header("authorization")).region())
                    .isEqualTo("us-west-2");
            assertThat(ledger.spent("web-shop", LocalDate.of(2026, 12, 7))).isPositive();
        }
    }

    @Test
    void anUnpricedModelUnderABudget_isRefusedAtStartUp_withTheWayOut() {
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of("FEEDBACK_LLM_PROVIDER", "openai",
                "FEEDBACK_LLM_MODEL", "qwen2.5-coder:32b", "FEEDBACK_LLM_BASE_URL", "http://localhost:11434/v1"));

        assertThatThrownBy(() -> LlmWiring.create(settings, collaborators(ApiKeySource.none())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qwen2.5-coder:32b has no built-in price")
                .hasMessageContaining("feedback.llm.price.input-usd-per-mtok")
                .hasMessageContaining("feedback.llm.daily-budget-usd=none");
    }

    @Test
    void azureWithoutItsEndpoint_isRefusedAtStartUp() {
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of("FEEDBACK_LLM_PROVIDER", "openai",
                "FEEDBACK_LLM_MODEL", "gpt-4o", "FEEDBACK_LLM_AZURE_API_VERSION", "2024-10-21"));

        assertThatThrownBy(() -> LlmWiring.create(settings, collaborators(ApiKeySource.of("k"))))
                .hasMessageContaining("feedback.llm.base-url");
    }

    private LlmWiring.Collaborators collaborators(ApiKeySource key) {
        return new LlmWiring.Collaborators(key, ledger, Optional.empty(), Optional.of(StaticCredentialsProvider
                .create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"))), clock);
    }
}
