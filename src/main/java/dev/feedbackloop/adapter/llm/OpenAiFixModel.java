package dev.feedbackloop.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.regenerate.FixAnswerSchema;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixModelRequest;
import dev.feedbackloop.regenerate.TokenUsage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI-compatible Chat Completions ({@code POST <base>/chat/completions}), the answer constrained by
 * {@code response_format: {type: json_schema, json_schema: {name, strict: true, schema}}}. One adapter for three
 * dialects:
 * <ul>
 *   <li>{@link Dialect#OPENAI}: {@code https://api.openai.com/v1}, {@code Authorization: Bearer}, the output limit as
 *       {@code max_completion_tokens} ({@code max_tokens} is deprecated there and refused by reasoning models);</li>
 *   <li>{@link Dialect#AZURE}: {@code <resource endpoint>/openai/deployments/<deployment>/chat/completions
 *       ?api-version=<version>}, the key in an {@code api-key} header, the deployment named by the model setting;</li>
 *   <li>{@link Dialect#COMPATIBLE}: any other base URL (Ollama {@code http://localhost:11434/v1}, vLLM, LiteLLM):
 *       {@code Authorization: Bearer} only when a key is configured, and {@code max_tokens}, the field those servers
 *       document.</li>
 * </ul>
 * A refusal comes as {@code message.refusal}; {@code finish_reason} {@code length} is a cut-off answer and
 * {@code content_filter} a filtered one (refused). Usage: {@code prompt_tokens} includes
 * {@code prompt_tokens_details.cached_tokens}, which are reported apart. A 429 whose {@code error.code} or
 * {@code error.type} names exhausted money ({@code insufficient_quota}, {@code credit_balance_exhausted}, an
 * organization or project spend or usage limit) is quota exhaustion, never retried; other 429s are rate limits.
 */
public final class OpenAiFixModel extends ProviderFixModel {

    /** OpenAI's base URL; {@code /chat/completions} is appended. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    /** Error codes and types of a 429 that mean money or quota ran out (OpenAI help: "rate limits and 429 errors"). */
    static final Set<String> QUOTA_CODES = Set.of("insufficient_quota", "credit_balance_exhausted",
            "organization_usage_limit_exceeded", "organization_spend_limit_exceeded", "project_spend_limit_exceeded",
            "billing_hard_limit_reached");

    /** How a server speaks Chat Completions. */
    public enum Dialect {
        /** api.openai.com. */
        OPENAI,
        /** Azure OpenAI: deployment path, {@code api-version} query, {@code api-key} header. */
        AZURE,
        /** Ollama, vLLM, LiteLLM and other compatible servers. */
        COMPATIBLE
    }

    private final URI baseUrl;
    private final Dialect dialect;
    private final Optional<String> azureApiVersion;
    private final ApiKeySource apiKey;

    /**
     * @param azureApiVersion the {@code api-version} for {@link Dialect#AZURE}; ignored otherwise
     */
    public OpenAiFixModel(URI baseUrl, Dialect dialect, Optional<String> azureApiVersion, ApiKeySource apiKey,
                          HttpTransport transport, Clock clock) {
        super("openai", transport, clock);
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        if (dialect == Dialect.AZURE && azureApiVersion.filter(v -> !v.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("Azure OpenAI needs an api-version (feedback.llm.azure-api-version)");
        }
        this.azureApiVersion = azureApiVersion;
        this.apiKey = apiKey;
    }

    /** The dialect a base URL implies: OpenAI's own host, else a compatible server (Azure is chosen explicitly). */
    public static Dialect dialectOf(URI baseUrl, boolean azure) {
        if (azure) {
            return Dialect.AZURE;
        }
        return "api.openai.com".equalsIgnoreCase(baseUrl.getHost()) ? Dialect.OPENAI : Dialect.COMPATIBLE;
    }

    @Override
    Exchange exchange(FixModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        if (dialect != Dialect.AZURE) {
            body.put("model", request.model());
        }
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        messages.addObject().put("role", "user").put("content", request.userContent());
        body.put(dialect == Dialect.COMPATIBLE ? "max_tokens" : "max_completion_tokens", request.maxOutputTokens());
        ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", FixAnswerSchema.NAME);
        schema.put("strict", true);
        schema.set("schema", request.schema().providerSchema());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        switch (dialect) {
            case AZURE -> headers.put("api-key", Endpoints.requireKey(apiKey, provider()));
            case OPENAI -> headers.put("authorization", "Bearer " + Endpoints.requireKey(apiKey, provider()));
            default -> Endpoints.optionalKey(apiKey, provider()).ifPresent(k -> headers.put("authorization",
                    "Bearer " + k));
        }
        return new Exchange(endpoint(request.model()), headers, bytes(body));
    }

    private URI endpoint(String model) {
        if (dialect == Dialect.AZURE) {
            return Endpoints.append(baseUrl, "/openai/deployments/" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                    + "/chat/completions?api-version=" + URLEncoder.encode(azureApiVersion.orElseThrow(),
                    StandardCharsets.UTF_8));
        }
        return Endpoints.append(baseUrl, "/chat/completions");
    }

    @Override
    Completion completion(JsonNode body, FixModelRequest request) {
        JsonNode choice = body.path("choices").path(0);
        JsonNode message = choice.path("message");
        String finishReason = choice.path("finish_reason").asText("");
        Optional<String> refusal = message.path("refusal").isTextual()
                ? Optional.of(message.path("refusal").asText()) : Optional.empty();
        Ending ending;
        if (refusal.isPresent() || finishReason.equals("content_filter")) {
            ending = Ending.REFUSED;
        } else if (finishReason.equals("length")) {
            ending = Ending.TRUNCATED;
        } else {
            ending = Ending.ANSWERED;
        }
        JsonNode usage = body.path("usage");
        long cached = count(usage.path("prompt_tokens_details").path("cached_tokens"));
        long prompt = count(usage.path("prompt_tokens"));
        return new Completion(message.path("content").asText(""), finishReason, ending, refusal,
                new TokenUsage(Math.max(0, prompt - cached), count(usage.path("completion_tokens")), cached, 0),
                body.path("model").asText(request.model()));
    }

    @Override
    ProviderError error(HttpTransport.Response response) {
        JsonNode error = errorBody(response).path("error");
        if (error.isTextual()) { // some compatible servers: {"error": "model not found"}
            return new ProviderError("", error.asText());
        }
        String code = error.path("code").isTextual() ? error.path("code").asText() : "";
        return new ProviderError(code.isEmpty() ? error.path("type").asText("") : code,
                error.path("message").asText(""));
    }

    @Override
    FixModelFault fault(HttpTransport.Response response, ProviderError error) {
        JsonNode body = errorBody(response).path("error");
        String code = error.type().toLowerCase(Locale.ROOT);
        String type = body.path("type").asText("").toLowerCase(Locale.ROOT);
        if (QUOTA_CODES.contains(code) || QUOTA_CODES.contains(type)) {
            return FixModelFault.QUOTA_EXHAUSTED;
        }
        if (code.equals("content_filter")) { // Azure: the prompt was filtered
            return FixModelFault.REFUSED;
        }
        return byStatus(response.status());
    }

    @Override
    Optional<String> requestId(HttpTransport.Response response) {
        return response.header("x-request-id").or(() -> response.header("apim-request-id"));
    }
}
