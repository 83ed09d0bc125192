package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.llm.FakeProviderServer.Received;
import dev.feedbackloop.adapter.llm.FakeProviderServer.Scripted;
import dev.feedbackloop.adapter.llm.OpenAiFixModel.Dialect;
import dev.feedbackloop.regenerate.FixAnswerSchema;
import dev.feedbackloop.regenerate.FixModelException;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixModelReply;
import dev.feedbackloop.regenerate.SampleAnswers;
import dev.feedbackloop.regenerate.TokenUsage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Chat Completions adapter against a local server speaking OpenAI's wire format (and Azure's, and Ollama's). */
class OpenAiFixModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-proj-test-key-0000";
    private static final String MODEL = "gpt-4o";

    private final FakeProviderServer server = new FakeProviderServer();
    private final HttpTransport transport = Callers.transport();
    private final Callers callers = new Callers();

    @AfterEach
    void close() {
        transport.close();
        server.close();
    }

    @Test
    void openAi_sendsTheSchemaAsAStrictResponseFormat_withABearerKey_andReadsTheAnswerAndUsage() {
        server.then(Scripted.json(200, completion(SampleAnswers.fix(), "stop", null))
                .withHeader("x-request-id", "req_7c8b2d6f0a"));

        FixModelReply reply = callers.in(model(Dialect.OPENAI, ApiKeySource.of(KEY))).ask("web-shop",
                Callers.request(MODEL));

        Received sent = server.last();
        assertThat(sent.rawPath()).isEqualTo("/v1/chat/completions");
        assertThat(sent.rawQuery()).isNull();
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        JsonNode body = sent.json();
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asText()).startsWith("You fix failing");
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(1).path("content").asText()).startsWith("<evidence>");
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(4_096);
        assertThat(body.has("max_tokens")).isFalse();
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("fix_answer");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema")).isEqualTo(FixAnswerSchema.standard().providerSchema());

        assertThat(reply.answer().fix()).isPresent();
        assertThat(reply.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(reply.stopReason()).isEqualTo("stop");
        // prompt_tokens 2 117 include 1 024 cached ones
        assertThat(reply.usage()).isEqualTo(new TokenUsage(1_093, 612, 1_024, 0));
        assertThat(reply.requestId()).contains("req_7c8b2d6f0a");
        // 1 093 x $2.50 + 612 x $10 + 1 024 x $1.25, per million, rounded up to the micro-dollar
        assertThat(reply.costUsd()).isEqualByComparingTo("0.010133");
    }

    @Test
    void azure_namesTheDeploymentInThePath_theVersionInTheQuery_andTheKeyInApiKey() {
        server.then(Scripted.json(200, completion(SampleAnswers.cannotFix(), "stop", null))
                .withHeader("apim-request-id", "5f1a9c2e-azure"));
        OpenAiFixModel azure = new OpenAiFixModel(URI.create(server.baseUrl() + "/"), Dialect.AZURE,
                Optional.of("2024-10-21"), ApiKeySource.of(KEY), transport, callers.clock);

        FixModelReply reply = callers.in(azure).ask("web-shop", Callers.request("fix-tests-gpt4o"));

        Received sent = server.last();
        assertThat(sent.rawPath()).isEqualTo("/openai/deployments/fix-tests-gpt4o/chat/completions");
        assertThat(sent.rawQuery()).isEqualTo("api-version=2024-10-21");
        assertThat(sent.header("api-key")).isEqualTo(KEY);
        assertThat(sent.header("authorization")).isNull();
        assertThat(sent.json().has("model")).isFalse();
        assertThat(sent.json().path("max_completion_tokens").asInt()).isEqualTo(4_096);
        assertThat(reply.answer().cannotFix()).isPresent();
        assertThat(reply.requestId()).contains("5f1a9c2e-azure");
    }

    @Test
    void aCompatibleServerWithoutKey_getsNoAuthorization_andMaxTokens() {
        server.then(Scripted.json(200, completion(SampleAnswers.fix(), "stop", null)));

        callers.in(model(Dialect.COMPATIBLE, ApiKeySource.none())).ask("web-shop", Callers.request("llama3.1:8b"));

        Received sent = server.last();
        assertThat(sent.header("authorization")).isNull();
        assertThat(sent.json().path("max_tokens").asInt()).isEqualTo(4_096);
        assertThat(sent.json().has("max_completion_tokens")).isFalse();
        assertThat(sent.json().path("model").asText()).isEqualTo("llama3.1:8b");
    }

    @Test
    void theDialectFollowsTheBaseUrl() {
        assertThat(OpenAiFixModel.dialectOf(OpenAiFixModel.DEFAULT_BASE_URL, false)).isEqualTo(Dialect.OPENAI);
        assertThat(OpenAiFixModel.dialectOf(URI.create("http://localhost:11434/v1"), false))
                .isEqualTo(Dialect.COMPATIBLE);
        assertThat(OpenAiFixModel.dialectOf(URI.create("https://shop.openai.azure.com"), true))
                .isEqualTo(Dialect.AZURE);
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("429 rate limit with retry-after, then an answer", List.of(
                        Scripted.json(429, error("Rate limit reached for gpt-4o in organization org-x on tokens per "
                                + "min (TPM): Limit 30000, Used 29000, Requested 2000. Please try again in 2s.",
                                "tokens", "rate_limit_exceeded")).withHeader("retry-after", "2"),
                        Scripted.json(200, completion(SampleAnswers.fix(), "stop", null))),
                        null, 2, List.of(Duration.ofSeconds(2))),
                fault("429 retry-after-ms (Azure) wins over retry-after", List.of(
                        Scripted.json(429, error("Requests to the ChatCompletions_Create Operation have exceeded "
                                + "call rate limit.", null, "429")).withHeader("retry-after-ms", "1250")
                                .withHeader("retry-after", "2"),
                        Scripted.json(200, completion(SampleAnswers.fix(), "stop", null))),
                        null, 2, List.of(Duration.ofMillis(1250))),
                fault("429 insufficient_quota: never retried", List.of(Scripted.json(429, error("You exceeded your "
                        + "current quota, please check your plan and billing details.", "insufficient_quota",
                        "insufficient_quota"))), FixModelFault.QUOTA_EXHAUSTED, 1, List.of()),
                fault("429 project spend limit: never retried", List.of(Scripted.json(429, error("Your project has "
                        + "reached its spend limit.", "insufficient_quota", "project_spend_limit_exceeded"))),
                        FixModelFault.QUOTA_EXHAUSTED, 1, List.of()),
                fault("500 server error three times", List.of(
                        Scripted.json(500, error("The server had an error while processing your request.",
                                "server_error", null)),
                        Scripted.json(500, error("The server had an error while processing your request.",
                                "server_error", null)),
                        Scripted.json(500, error("The server had an error while processing your request.",
                                "server_error", null))),
                        FixModelFault.SERVER_ERROR, 3, List.of(Duration.ofMillis(750), Duration.ofMillis(1500))),
                fault("503 overloaded, then an answer", List.of(
                        Scripted.json(503, error("The engine is currently overloaded, please try again later",
                                "server_error", null)),
                        Scripted.json(200, completion(SampleAnswers.fix(), "stop", null))),
                        null, 2, List.of(Duration.ofMillis(750))),
                fault("401 invalid key", List.of(Scripted.json(401, error("Incorrect API key provided: "
                        + "sk-proj-************0000. You can find your API key at "
                        + "https://platform.openai.com/account/api-keys.", "invalid_request_error",
                        "invalid_api_key"))), FixModelFault.AUTH_FAILED, 1, List.of()),
                fault("400 invalid schema", List.of(Scripted.json(400, error("Invalid schema for response_format "
                        + "'fix_answer'.", "invalid_request_error", null))), FixModelFault.BAD_REQUEST, 1, List.of()),
                fault("a refusal field", List.of(Scripted.json(200, completion(null, "stop",
                        "I'm sorry, I can't help with that."))), FixModelFault.REFUSED, 1, List.of()),
                fault("finish_reason content_filter", List.of(Scripted.json(200, completion("", "content_filter",
                        null))), FixModelFault.REFUSED, 1, List.of()),
                fault("finish_reason length", List.of(Scripted.json(200, completion(SampleAnswers.fix()
                        .substring(0, 700), "length", null))), FixModelFault.TRUNCATED, 1, List.of()),
                fault("malformed JSON", List.of(Scripted.json(200, completion("Here is the fix: {", "stop", null))),
                        FixModelFault.MALFORMED_ANSWER, 1, List.of()),
                fault("schema-violating JSON", List.of(Scripted.json(200, completion(
                        AnthropicFixModelTest.violating(), "stop", null))), FixModelFault.SCHEMA_VIOLATION, 1,
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void faults(String name, List<Scripted> responses, FixModelFault expected, int requests, List<Duration> waits) {
        callers.expect(model(Dialect.OPENAI, ApiKeySource.of(KEY)), server, responses, MODEL, expected, requests, waits,
                KEY);
    }

    @Test
    void azureContentFilterError_isARefusal() {
        server.then(Scripted.json(400, "{\"error\":{\"message\":\"The response was filtered due to the prompt "
                + "triggering Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\","
                + "\"code\":\"content_filter\",\"status\":400}}"));
        OpenAiFixModel azure = new OpenAiFixModel(server.baseUrl(), Dialect.AZURE, Optional.of("2024-10-21"),
                ApiKeySource.of(KEY), transport, callers.clock);

        assertThatThrownBy(() -> azure.ask(Callers.request("fix-tests"))).isInstanceOfSatisfying(
                FixModelException.class, e -> assertThat(e.fault()).isEqualTo(FixModelFault.REFUSED));
    }

    @Test
    void aRefusal_carriesTheModelsWordsAndTheTokensItCost() {
        server.then(Scripted.json(200, completion(null, "stop", "I'm sorry, I can't help with that.")));

        assertThatThrownBy(() -> model(Dialect.OPENAI, ApiKeySource.of(KEY)).ask(Callers.request(MODEL)))
                .isInstanceOfSatisfying(FixModelException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("openai declined to answer (stop reason stop): I'm sorry, "
                            + "I can't help with that.");
                    assertThat(e.usage()).contains(new TokenUsage(1_093, 612, 1_024, 0));
                });
    }

    @Test
    void anOllamaStyleStringError_isRead() {
        server.then(Scripted.json(404, "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}"));

        assertThatThrownBy(() -> model(Dialect.COMPATIBLE, ApiKeySource.none()).ask(Callers.request("llama9")))
                .isInstanceOfSatisfying(FixModelException.class, e -> {
                    assertThat(e.fault()).isEqualTo(FixModelFault.BAD_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("openai answered 404: model \"llama9\" not found, try "
                            + "pulling it first");
                });
    }

    private OpenAiFixModel model(Dialect dialect, ApiKeySource key) {
        return new OpenAiFixModel(URI.create(server.baseUrl() + "/v1"), dialect, Optional.empty(), key, transport,
                callers.clock);
    }

    /** A chat.completion object as documented; {@code content} or {@code refusal} may be null. */
    static String completion(String content, String finishReason, String refusal) {
        return ProviderResponses.openai(content, finishReason, refusal, 2_117, 612, 1_024);
    }

    static String error(String message, String type, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message);
        error.put("type", type);
        error.putNull("param");
        error.put("code", code);
        return body.toString();
    }

    private static Arguments fault(String name, List<Scripted> responses, FixModelFault expected, int requests,
                                   List<Duration> waits) {
        return Arguments.of(name, responses, expected, requests, waits);
    }
}
