package dev.feedbackloop.adapter.llm;

import java.util.Locale;

/** Which provider answers ({@code feedback.llm.provider}). */
public enum LlmProvider {
    /** No model: regeneration writes the category's playbook instead (the default). */
    NONE,
    /** The Anthropic Messages API. */
    ANTHROPIC,
    /** OpenAI Chat Completions, or any compatible server by base URL (Azure OpenAI, Ollama, vLLM, LiteLLM). */
    OPENAI,
    /** Amazon Bedrock Converse, signed with the function's role. */
    BEDROCK;

    /**
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static LlmProvider parse(String value) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (LlmProvider provider : values()) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("feedback.llm.provider must be anthropic, openai, bedrock or none, was '"
                + value + "'");
    }

    /** As written in configuration. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
