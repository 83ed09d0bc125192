package dev.feedbackloop.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixModelRequest;
import dev.feedbackloop.regenerate.TokenUsage;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}, headers {@code x-api-key} and
 * {@code anthropic-version: 2023-06-01}), the answer constrained by structured outputs
 * ({@code output_config.format} of type {@code json_schema}, generally available, no beta header) and returned as
 * the text of the first content blocks. Usage: {@code input_tokens} (uncached), {@code output_tokens},
 * {@code cache_read_input_tokens}, {@code cache_creation_input_tokens}. Stop reasons {@code refusal} and
 * {@code max_tokens} / {@code model_context_window_exceeded} end as refused and truncated.
 *
 * <p>Errors ({@code {"type":"error","error":{"type","message"},"request_id"}}): a {@code rate_limit_error} is a rate
 * limit unless it is the usage tier's monthly spend cap, which Anthropic sends as a 429 without {@code retry-after}
 * and with {@code error.details.error_code} {@code enforced_spend_limit_reached}; a spend limit a person set comes as
 * a 400 naming it, a low credit balance as a 400 saying so, a billing problem as a 402 {@code billing_error}: all
 * quota exhaustion, never retried. {@code overloaded_error} (529) is an overload.
 */
public final class AnthropicFixModel extends ProviderFixModel {

    /** The API's default base URL; the path {@code /v1/messages} is appended. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
    static final String API_VERSION = "2023-06-01";

    private final URI endpoint;
    private final ApiKeySource apiKey;

    public AnthropicFixModel(URI baseUrl, ApiKeySource apiKey, HttpTransport transport, Clock clock) {
        super("anthropic", transport, clock);
        this.endpoint = Endpoints.append(baseUrl, "/v1/messages");
        this.apiKey = apiKey;
    }

    @Override
    Exchange exchange(FixModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        body.put("max_tokens", request.maxOutputTokens());
        body.put("system", request.system());
        body.putArray("messages").addObject().put("role", "user").put("content", request.userContent());
        body.putObject("output_config").putObject("format").put("type", "json_schema")
                .set("schema", request.schema().providerSchema());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("anthropic-version", API_VERSION);
        headers.put("x-api-key", Endpoints.requireKey(apiKey, provider()));
        return new Exchange(endpoint, headers, bytes(body));
    }

    @Override
    Completion completion(JsonNode body, FixModelRequest request) {
        StringBuilder text = new StringBuilder();
        body.path("content").forEach(block -> {
            if (block.path("type").asText().equals("text")) {
                text.append(block.path("text").asText());
            }
        });
        String stopReason = body.path("stop_reason").asText("");
        Ending ending = switch (stopReason) {
            case "refusal" -> Ending.REFUSED;
            case "max_tokens", "model_context_window_exceeded" -> Ending.TRUNCATED;
            default -> Ending.ANSWERED;
        };
        JsonNode usage = body.path("usage");
        return new Completion(text.toString(), stopReason, ending, Optional.empty(), new TokenUsage(
                count(usage.path("input_tokens")), count(usage.path("output_tokens")),
                count(usage.path("cache_read_input_tokens")), count(usage.path("cache_creation_input_tokens"))),
                body.path("model").asText(request.model()));
    }

    @Override
    ProviderError error(HttpTransport.Response response) {
        JsonNode error = errorBody(response).path("error");
        return new ProviderError(error.path("type").asText(""), error.path("message").asText(""));
    }

    @Override
    FixModelFault fault(HttpTransport.Response response, ProviderError error) {
        String message = error.message().toLowerCase(Locale.ROOT);
        boolean spendLimit = message.contains("spend limit") || message.contains("credit balance");
        return switch (error.type()) {
            case "rate_limit_error" -> isSpendCap(response, message) ? FixModelFault.QUOTA_EXHAUSTED
                    : FixModelFault.RATE_LIMITED;
            case "billing_error" -> FixModelFault.QUOTA_EXHAUSTED;
            case "invalid_request_error" -> spendLimit ? FixModelFault.QUOTA_EXHAUSTED : FixModelFault.BAD_REQUEST;
            case "authentication_error", "permission_error" -> FixModelFault.AUTH_FAILED;
            case "overloaded_error" -> FixModelFault.OVERLOADED;
            case "api_error" -> FixModelFault.SERVER_ERROR;
            case "timeout_error" -> FixModelFault.TIMEOUT;
            default -> byStatus(response.status());
        };
    }

    private static boolean isSpendCap(HttpTransport.Response response, String message) {
        JsonNode details = errorBody(response).path("error").path("details");
        return details.path("error_code").asText("").equals("enforced_spend_limit_reached")
                || (response.header("retry-after").isEmpty() && message.contains("spend"));
    }

    @Override
    Optional<String> requestId(HttpTransport.Response response) {
        return response.header("request-id");
    }
}
