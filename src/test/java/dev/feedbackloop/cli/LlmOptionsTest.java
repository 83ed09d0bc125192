package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.adapter.llm.LlmProvider;
import dev.feedbackloop.adapter.llm.LlmSettings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LlmOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        LlmOptions llm;
    }

    @Test
    void flagsOverTheEnvironment_whichKeepsTheRest() {
        LlmSettings settings = parse(Map.of("FEEDBACK_LLM_PROVIDER", "anthropic", "FEEDBACK_LLM_REQUEST_TIMEOUT",
                "PT90S"), "--llm", "openai", "--llm-model", "llama3.1:8b", "--llm-base-url",
                "http://localhost:11434/v1");

        assertThat(settings.provider()).isEqualTo(LlmProvider.OPENAI);
        assertThat(settings.model()).contains("llama3.1:8b");
        assertThat(settings.baseUrl()).contains(URI.create("http://localhost:11434/v1"));
        assertThat(settings.requestTimeout()).hasSeconds(90);
    }

    @Test
    void noFlagsAndNoEnvironment_isNoModel() {
        assertThat(parse(Map.of()).provider()).isEqualTo(LlmProvider.NONE);
    }

    @Test
    void aModelFlag_completesAProviderFromTheEnvironment() {
        assertThat(parse(Map.of("FEEDBACK_LLM_PROVIDER", "bedrock"), "--llm-model", "amazon.nova-pro-v1:0")
                .model()).contains("amazon.nova-pro-v1:0");
    }

    @Test
    void aWrongProviderFlag_isNamed() {
        assertThatThrownBy(() -> parse(Map.of(), "--llm", "gemini"))
                .hasMessage("--llm must be anthropic, openai, bedrock or none, was 'gemini'");
        assertThatThrownBy(() -> parse(Map.of(), "--llm", "anthropic"))
                .hasMessageContaining("feedback.llm.model is required");
    }

    private static LlmSettings parse(Map<String, String> environment, String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.llm.settings(environment);
    }
}
