package dev.feedbackloop.adapter.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Successful responses in each provider's documented wire format, with the given answer text, stop reason and token
 * counts: for the adapter tests and the benchmark's local servers.
 */
public final class ProviderResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderResponses() {
    }

    /** An Anthropic Messages API {@code message}; {@code cachedInput} are cache reads. */
    public static String anthropic(String text, String stopReason, long input, long output, long cachedInput) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "msg_01XFDUDYJgAACzvnptvVoYEL");
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", "claude-sonnet-4-5-20250929");
        if (!text.isEmpty()) {
            body.putArray("content").addObject().put("type", "text").put("text", text);
        } else {
            body.putArray("content");
        }
        body.put("stop_reason", stopReason);
        body.putNull("stop_sequence");
        body.putObject("usage").put("input_tokens", input).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", cachedInput).put("output_tokens", output)
                .put("service_tier", "standard");
        return body.toString();
    }

    /** An OpenAI {@code chat.completion}; {@code prompt} includes {@code cachedPrompt}. */
    public static String openai(String content, String finishReason, String refusal, long prompt, long completion,
                                long cachedPrompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
        body.put("object", "chat.completion");
        body.put("created", 1_796_641_530L);
        body.put("model", "gpt-4o-2024-08-06");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.put("content", content);
        message.put("refusal", refusal);
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode usage = body.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cachedPrompt).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0);
        body.put("service_tier", "default");
        body.put("system_fingerprint", "fp_fc9f1d7035");
        return body.toString();
    }

    /** A Bedrock Converse response. */
    public static String bedrock(String text, String stopReason, long input, long output, long latencyMs) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("metrics").put("latencyMs", latencyMs);
        ObjectNode message = body.putObject("output").putObject("message");
        if (text.isEmpty()) {
            message.putArray("content");
        } else {
            message.putArray("content").addObject().put("text", text);
        }
        message.put("role", "assistant");
        body.put("stopReason", stopReason);
        body.putObject("usage").put("inputTokens", input).put("outputTokens", output)
                .put("totalTokens", input + output).put("cacheReadInputTokens", 0).put("cacheWriteInputTokens", 0);
        return body.toString();
    }
}
