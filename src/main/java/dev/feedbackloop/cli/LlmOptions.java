package dev.feedbackloop.cli;

import dev.feedbackloop.adapter.llm.LlmProvider;
import dev.feedbackloop.adapter.llm.LlmSettings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The model flags of the commands that regenerate tests ({@code ingest}, {@code analyze}): over the
 * {@code FEEDBACK_LLM_*} environment, which holds the rest of the configuration and the key
 * ({@code FEEDBACK_LLM_API_KEY}). A picocli mixin; docs/llm.md describes every setting.
 */
public final class LlmOptions {

    @Option(names = "--llm", paramLabel = "PROVIDER",
            description = "Model provider: anthropic, openai, bedrock or none (default: FEEDBACK_LLM_PROVIDER, else "
                    + "none).")
    String provider;

    @Option(names = "--llm-model", paramLabel = "MODEL",
            description = "Model id, e.g. claude-sonnet-4-5, gpt-4.1, a Bedrock model id (default: "
                    + "FEEDBACK_LLM_MODEL).")
    String model;

    @Option(names = "--llm-base-url", paramLabel = "URL",
            description = "The provider's URL when not its default, e.g. http://localhost:11434/v1 for Ollama "
                    + "(default: FEEDBACK_LLM_BASE_URL).")
    String baseUrl;

    /**
     * The settings: the environment's, with these flags over them.
     *
     * @throws IllegalArgumentException naming the flag or variable whose value is wrong
     */
    public LlmSettings settings(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>(environment);
        if (provider != null) {
            try {
                merged.put("FEEDBACK_LLM_PROVIDER", LlmProvider.parse(provider).id());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--llm must be anthropic, openai, bedrock or none, was '"
                        + provider + "'");
            }
        }
        if (model != null) {
            merged.put("FEEDBACK_LLM_MODEL", model);
        }
        if (baseUrl != null) {
            merged.put("FEEDBACK_LLM_BASE_URL", baseUrl);
        }
        return LlmSettings.fromEnvironment(merged);
    }
}
