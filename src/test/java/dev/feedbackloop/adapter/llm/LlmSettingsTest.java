package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlmSettingsTest {

    @Test
    void theDefaults_callNoModel() {
        LlmSettings settings = LlmSettings.none();

        assertThat(settings.provider()).isEqualTo(LlmProvider.NONE);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxOutputTokens()).isEqualTo(8_192);
        assertThat(settings.dailyBudgetUsd()).contains(new BigDecimal("5.00"));
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.deadlineMargin()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theEnvironmentVariables_areTheLambdaOnes() {
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of(
                "FEEDBACK_LLM_PROVIDER", "OpenAI",
                "FEEDBACK_LLM_MODEL", "llama3.1:8b",
                "FEEDBACK_LLM_BASE_URL", "http://localhost:11434/v1",
                "FEEDBACK_LLM_REQUEST_TIMEOUT", "PT2M",
                "FEEDBACK_LLM_MAX_OUTPUT_TOKENS", "16000",
                "FEEDBACK_LLM_DAILY_BUDGET_USD", "none",
                "FEEDBACK_LLM_PRICE_INPUT_USD_PER_MTOK", "0",
                "FEEDBACK_LLM_PRICE_OUTPUT_USD_PER_MTOK", "0",
                "FEEDBACK_LLM_API_KEY", "not-read-here"));

        assertThat(settings.provider()).isEqualTo(LlmProvider.OPENAI);
        assertThat(settings.model()).contains("llama3.1:8b");
        assertThat(settings.baseUrl()).contains(URI.create("http://localhost:11434/v1"));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.maxOutputTokens()).isEqualTo(16_000);
        assertThat(settings.dailyBudgetUsd()).isEmpty();
        assertThat(settings.price()).hasValueSatisfying(p -> assertThat(p.outputPerMTok()).isZero());
        assertThat(settings.toString()).doesNotContain("not-read-here");
    }

    @Test
    void whichFailuresAreSent_isConfigured_withTheIssuesDefaults() {
        assertThat(LlmSettings.none().policy()).isEqualTo(dev.feedbackloop.regenerate.ModelCallPolicy.DEFAULT);

        LlmSettings settings = LlmSettings.fromEnvironment(Map.of("FEEDBACK_LLM_ASK_MIN_OCCURRENCES", "3",
                "FEEDBACK_LLM_ASK_NEW_ON_DEFAULT_BRANCH", "false", "FEEDBACK_LLM_ASK_FLAKY", "true",
                "FEEDBACK_LLM_DEFAULT_BRANCH", "trunk"));

        assertThat(settings.policy()).isEqualTo(new dev.feedbackloop.regenerate.ModelCallPolicy(3, false, true,
                Optional.of("trunk")));
    }

    @Test
    void flagsOverTheEnvironment() {
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of("FEEDBACK_LLM_PROVIDER", "openai",
                "FEEDBACK_LLM_MODEL", "gpt-4.1")).with(Optional.of(LlmProvider.ANTHROPIC),
                Optional.of("claude-sonnet-4-5"), Optional.empty());

        assertThat(settings.provider()).isEqualTo(LlmProvider.ANTHROPIC);
        assertThat(settings.model()).contains("claude-sonnet-4-5");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "FEEDBACK_LLM_PROVIDER | gemini | feedback.llm.provider must be anthropic, openai, bedrock or none, "
                    + "was 'gemini'",
            "FEEDBACK_LLM_PROVIDER | anthropic | feedback.llm.model is required with feedback.llm.provider=anthropic",
            "FEEDBACK_LLM_REQUEST_TIMEOUT | 60 | feedback.llm.request-timeout must be an ISO-8601 duration",
            "FEEDBACK_LLM_MAX_OUTPUT_TOKENS | lots | feedback.llm.max-output-tokens must be a whole number",
            "FEEDBACK_LLM_MAX_OUTPUT_TOKENS | 0 | feedback.llm.max-output-tokens must be within 1..128000, was 0",
            "FEEDBACK_LLM_DAILY_BUDGET_USD | -1 | feedback.llm.daily-budget-usd cannot be negative",
            "FEEDBACK_LLM_DAILY_BUDGET_USD | $5 | feedback.llm.daily-budget-usd must be a decimal number, was '$5'",
            "FEEDBACK_LLM_BASE_URL | localhost:11434 | feedback.llm.base-url must be an http(s) URL",
            "FEEDBACK_LLM_PRICE_INPUT_USD_PER_MTOK | 1 | feedback.llm.price.input-usd-per-mtok and "
                    + "feedback.llm.price.output-usd-per-mtok are set together",
            "FEEDBACK_LLM_MAX_ATTEMPTS | 50 | feedback.llm.max-attempts must be within 1..10, was 50",
            "FEEDBACK_LLM_ASK_MIN_OCCURRENCES | 0 | feedback.llm.ask-min-occurrences must be at least 1, was 0",
            "FEEDBACK_LLM_ASK_FLAKY | yes | feedback.llm.ask-flaky must be true or false, was 'yes'",
    })
    void aWrongValue_isNamed(String variable, String value, String message) {
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
