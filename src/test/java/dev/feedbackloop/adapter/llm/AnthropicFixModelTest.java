package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.llm.FakeProviderServer.Received;
import dev.feedbackloop.adapter.llm.FakeProviderServer.Scripted;
import dev.feedbackloop.regenerate.FixAnswerSchema;
import dev.feedbackloop.regenerate.FixModelException;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixModelReply;
import dev.feedbackloop.regenerate.SampleAnswers;
import dev.feedbackloop.regenerate.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Anthropic adapter against a local server speaking the Messages API, with the caller's rules in front. */
class AnthropicFixModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-ant-api03-test-key";
    private static final String MODEL = "claude-sonnet-4-5";

    private final FakeProviderServer server = new FakeProviderServer();
    private final HttpTransport transport = Callers.transport();
    private final Callers callers = new Callers();
    private final AnthropicFixModel model = new AnthropicFixModel(server.baseUrl(), ApiKeySource.of(KEY), transport,
            callers.clock);

    @AfterEach
    void close() {
        transport.close();
        server.close();
    }

    @Test
    void asksTheMessagesApiWithTheSchemaAsStructuredOutput_andReadsTheAnswerAndUsage() {
        server.then(Scripted.json(200, message(SampleAnswers.fix(), "end_turn"))
                .withHeader("request-id", "req_018EeWyXxfu5pfWkrYcMdjWG"));

        FixModelReply reply = callers.in(model).ask("web-shop", Callers.request(MODEL));

        Received sent = server.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(KEY);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.header("authorization")).isNull();
        JsonNode body = sent.json();
        assertThat(fieldNames(body)).containsExactly("model", "max_tokens", "system", "messages", "output_config");
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(4_096);
        assertThat(body.path("system").asText()).startsWith("You fix failing end-to-end tests.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").asText()).startsWith("<evidence>");
        assertThat(body.path("output_config").path("format").path("type").asText()).isEqualTo("json_schema");
        assertThat(body.path("output_config").path("format").path("schema"))
                .isEqualTo(FixAnswerSchema.standard().providerSchema());

        assertThat(reply.answer().fix()).hasValueSatisfying(f -> assertThat(f.path()).isEqualTo(
                "tests/checkout.spec.ts"));
        assertThat(reply.provider()).isEqualTo("anthropic");
        assertThat(reply.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(reply.stopReason()).isEqualTo("end_turn");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(2_095, 503, 1_024, 0));
        assertThat(reply.requestId()).contains("req_018EeWyXxfu5pfWkrYcMdjWG");
        assertThat(reply.rawResponse()).isEqualTo(message(SampleAnswers.fix(), "end_turn"));
        // 2 095 x $3 + 503 x $15 + 1 024 x $0.30, per million, rounded up to the micro-dollar
        assertThat(reply.costUsd()).isEqualByComparingTo("0.014138");
        assertThat(reply.latency()).isPositive();
        assertThat(reply.attempts()).isEqualTo(1);
    }

    static Stream<Arguments> faults() {
        String rateLimited = error("rate_limit_error", "This request would exceed the rate limit for your "
                + "organization of 30,000 input tokens per minute.");
        String spendCap = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"You have "
                + "reached your specified API usage limits. You will regain access on 2027-01-01 at 00:00 UTC.\","
                + "\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}},\"request_id\":\"req_011\"}";
        return Stream.of(
                fault("429 rate limit, retry-after honoured, then an answer", List.of(
                        Scripted.json(429, rateLimited).withHeader("retry-after", "3"),
                        Scripted.json(200, message(SampleAnswers.fix(), "end_turn"))),
                        null, 2, List.of(Duration.ofSeconds(3))),
                fault("429 monthly spend cap: never retried", List.of(Scripted.json(429, spendCap)),
                        FixModelFault.QUOTA_EXHAUSTED, 1, List.of()),
                fault("400 workspace spend limit: never retried", List.of(Scripted.json(400,
                        error("invalid_request_error", "This request would exceed your workspace's spend limit of "
                                + "$100.00."))), FixModelFault.QUOTA_EXHAUSTED, 1, List.of()),
                fault("400 credit balance too low", List.of(Scripted.json(400, error("invalid_request_error",
                        "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing "
                                + "to upgrade or purchase credits."))), FixModelFault.QUOTA_EXHAUSTED, 1, List.of()),
                fault("402 billing error", List.of(Scripted.json(402, error("billing_error", "Billing error"))),
                        FixModelFault.QUOTA_EXHAUSTED, 1, List.of()),
                fault("529 overloaded three times: bounded backoff", List.of(
                        Scripted.json(529, error("overloaded_error", "Overloaded")),
                        Scripted.json(529, error("overloaded_error", "Overloaded")),
                        Scripted.json(529, error("overloaded_error", "Overloaded"))),
                        FixModelFault.OVERLOADED, 3, List.of(Duration.ofMillis(750), Duration.ofMillis(1500))),
                fault("500 api error, then an answer", List.of(
                        Scripted.json(500, error("api_error", "Internal server error")),
                        Scripted.json(200, message(SampleAnswers.fix(), "end_turn"))),
                        null, 2, List.of(Duration.ofMillis(750))),
                fault("503 three times", List.of(Scripted.json(503, "upstream connect error"),
                        Scripted.json(503, "upstream connect error"), Scripted.json(503, "upstream connect error")),
                        FixModelFault.OVERLOADED, 3, List.of(Duration.ofMillis(750), Duration.ofMillis(1500))),
                fault("401 invalid key", List.of(Scripted.json(401, error("authentication_error",
                        "invalid x-api-key"))), FixModelFault.AUTH_FAILED, 1, List.of()),
                fault("404 unknown model", List.of(Scripted.json(404, error("not_found_error",
                        "model: claude-sonnet-9"))), FixModelFault.BAD_REQUEST, 1, List.of()),
                fault("stop reason refusal", List.of(Scripted.json(200, message("", "refusal"))),
                        FixModelFault.REFUSED, 1, List.of()),
                fault("stop reason max_tokens", List.of(Scripted.json(200,
                        message(SampleAnswers.fix().substring(0, 900), "max_tokens"))),
                        FixModelFault.TRUNCATED, 1, List.of()),
                fault("malformed JSON", List.of(Scripted.json(200, message("{\"verdict\": \"fix\", \"rootCause\"",
                        "end_turn"))), FixModelFault.MALFORMED_ANSWER, 1, List.of()),
                fault("schema-violating JSON", List.of(Scripted.json(200, message(violating(), "end_turn"))),
                        FixModelFault.SCHEMA_VIOLATION, 1, List.of()),
                fault("a 200 that is not JSON", List.of(Scripted.json(200, "<html>gateway</html>")),
                        FixModelFault.SERVER_ERROR, 3, List.of(Duration.ofMillis(750), Duration.ofMillis(1500)))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void faults(String name, List<Scripted> responses, FixModelFault expected, int requests, List<Duration> waits) {
        callers.expect(model, server, responses, MODEL, expected, requests, waits, KEY);
    }

    @Test
    void anAnswerSlowerThanTheTimeout_isATimeout_notRetriedAtOnce() {
        try (HttpTransport shortTimeout = Callers.shortTimeoutTransport()) {
            AnthropicFixModel impatient = new AnthropicFixModel(server.baseUrl(), ApiKeySource.of(KEY), shortTimeout,
                    callers.clock);
            server.then(Scripted.json(200, message(SampleAnswers.fix(), "end_turn")));
            impatient.ask(Callers.request(MODEL)); // warm: the first request of a client loads its classes
            server.then(Scripted.json(200, message(SampleAnswers.fix(), "end_turn")).held());

            assertThatThrownBy(() -> callers.withShortTimeout(impatient).ask("web-shop", Callers.request(MODEL)))
                    .isInstanceOfSatisfying(FixModelException.class, e -> {
                        assertThat(e.fault()).isEqualTo(FixModelFault.TIMEOUT);
                        assertThat(e.isTransient()).isTrue();
                        assertThat(e.getMessage()).isEqualTo("anthropic: no answer from 127.0.0.1 within 500 ms");
                    });
            server.release();
            assertThat(server.received()).hasSize(2);
            assertThat(callers.sleeps).isEmpty();
        }
    }

    @Test
    void aRefusalOrTruncation_reportsTheTokensItStillCost() {
        server.then(Scripted.json(200, message("", "refusal")));

        assertThatThrownBy(() -> model.ask(Callers.request(MODEL))).isInstanceOfSatisfying(FixModelException.class,
                e -> {
                    assertThat(e.fault()).as(e.getMessage()).isEqualTo(FixModelFault.REFUSED);
                    assertThat(e.usage()).contains(new TokenUsage(2_095, 503, 1_024, 0));
                    assertThat(e.rawResponse()).hasValueSatisfying(r -> assertThat(r).contains("\"refusal\""));
                    assertThat(e.httpStatus()).hasValue(200);
                });
    }

    @Test
    void aRateLimitCarriesTheRetryAfterAndTheRequestId() {
        server.then(Scripted.json(429, error("rate_limit_error", "Number of requests has exceeded your per-minute "
                + "rate limit")).withHeader("retry-after", "17").withHeader("request-id", "req_0429"));

        assertThatThrownBy(() -> model.ask(Callers.request(MODEL))).isInstanceOfSatisfying(FixModelException.class,
                e -> {
                    assertThat(e.fault()).isEqualTo(FixModelFault.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
                    assertThat(e.requestId()).contains("req_0429");
                    assertThat(e.getMessage()).isEqualTo("anthropic answered 429 rate_limit_error: Number of "
                            + "requests has exceeded your per-minute rate limit");
                });
    }

    @Test
    void noKey_failsWithoutACall() {
        AnthropicFixModel keyless = new AnthropicFixModel(server.baseUrl(), ApiKeySource.none(), transport,
                callers.clock);

        assertThatThrownBy(() -> keyless.ask(Callers.request(MODEL))).isInstanceOfSatisfying(FixModelException.class,
                e -> assertThat(e.fault()).isEqualTo(FixModelFault.AUTH_FAILED));
        assertThat(server.received()).isEmpty();
    }

    /** A Messages API response, as documented, with the given text and stop reason. */
    static String message(String text, String stopReason) {
        return ProviderResponses.anthropic(text, stopReason, 2_095, 503, 1_024);
    }

    static String error(String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_011CSHoEeqs5C35K2UUqR7Fy");
        return body.toString();
    }

    static String violating() {
        ObjectNode answer = SampleAnswers.fixTree();
        ((ObjectNode) answer.path("rootCause").path("primary")).put("confidence", 1.7);
        return answer.toString();
    }

    private static Arguments fault(String name, List<Scripted> responses, FixModelFault expected, int requests,
                                   List<Duration> waits) {
        return Arguments.of(name, responses, expected, requests, waits);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
