package dev.feedbackloop.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.llm.FakeProviderServer.Received;
import dev.feedbackloop.adapter.llm.FakeProviderServer.Scripted;
import dev.feedbackloop.regenerate.FixAnswerSchema;
import dev.feedbackloop.regenerate.FixModelException;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixModelReply;
import dev.feedbackloop.regenerate.SampleAnswers;
import dev.feedbackloop.regenerate.TokenUsage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The Bedrock Converse adapter against a local server that checks SigV4 over the exact request it received. */
class BedrockFixModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessiontoken";
    private static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    private final FakeProviderServer server = new FakeProviderServer();
    private final HttpTransport transport = Callers.transport();
    private final Callers callers = new Callers();
    private final BedrockFixModel model = new BedrockFixModel(server.baseUrl(), "us-east-1",
            StaticCredentialsProvider.create(AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)),
            transport, callers.clock);

    @AfterEach
    void close() {
        transport.close();
        server.close();
    }

    @Test
    void signsTheExactRequestWithSigV4ForBedrock_andSendsTheSchemaAsConverseStructuredOutput() {
        server.then(Scripted.json(200, converse(SampleAnswers.fix(), "end_turn"))
                .withHeader("x-amzn-RequestId", "4a3f5d2e-8c1b-4e0f-9a7d-2b6c1e0f3a5d"));

        FixModelReply reply = callers.in(model).ask("web-shop", Callers.request(MODEL));

        Received sent = server.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.rawPath()).isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse");
        SigV4.Authorization auth = SigV4.parse(sent.header("authorization"));
        assertThat(auth.accessKey()).isEqualTo(ACCESS_KEY);
        assertThat(auth.date()).isEqualTo("20261207");
        assertThat(auth.region()).isEqualTo("us-east-1");
        assertThat(auth.service()).isEqualTo("bedrock");
        assertThat(auth.signedHeaders().split(";")).contains("host", "x-amz-date", "content-type",
                "x-amz-security-token");
        assertThat(sent.header("x-amz-date")).isEqualTo("20261207T101530Z");
        assertThat(sent.header("x-amz-security-token")).isEqualTo(SESSION_TOKEN);
        assertThat(auth.signature()).isEqualTo(SigV4.expectedSignature(sent, SECRET_KEY));

        JsonNode body = sent.json();
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").get(0).path("text").asText())
                .startsWith("<evidence>");
        assertThat(body.path("system").get(0).path("text").asText()).startsWith("You fix failing");
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(4_096);
        JsonNode format = body.path("outputConfig").path("textFormat");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        JsonNode jsonSchema = format.path("structure").path("jsonSchema");
        assertThat(jsonSchema.path("name").asText()).isEqualTo("fix_answer");
        assertThat(jsonSchema.path("schema").isTextual()).as("the schema goes as a JSON string").isTrue();
        assertThat(parse(jsonSchema.path("schema").asText())).isEqualTo(FixAnswerSchema.standard().providerSchema());

        assertThat(reply.answer().fix()).isPresent();
        assertThat(reply.model()).isEqualTo(MODEL);
        assertThat(reply.stopReason()).isEqualTo("end_turn");
        assertThat(reply.usage()).isEqualTo(new TokenUsage(2_095, 503, 0, 0));
        assertThat(reply.requestId()).contains("4a3f5d2e-8c1b-4e0f-9a7d-2b6c1e0f3a5d");
        assertThat(reply.costUsd()).isEqualByComparingTo("0.01383"); // 2 095 x $3 + 503 x $15, per million
    }

    @Test
    void theIndependentCheck_failsForARequestChangedAfterSigning() {
        server.then(Scripted.json(200, converse(SampleAnswers.fix(), "end_turn")));
        callers.in(model).ask("web-shop", Callers.request(MODEL));
        Received sent = server.last();
        byte[] tampered = sent.body().clone();
        tampered[tampered.length - 2] ^= 1;

        Received changed = new Received(sent.method(), sent.rawPath(), sent.rawQuery(), sent.headers(), tampered);

        assertThat(SigV4.expectedSignature(changed, SECRET_KEY)).isNotEqualTo(SigV4.parse(sent.header(
                "authorization")).signature());
    }

    @Test
    void longTermCredentials_signWithoutASessionToken_andAnArnModelIdIsEncodedInThePath() {
        BedrockFixModel withKeys = new BedrockFixModel(server.baseUrl(), "eu-west-1", StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)), transport, callers.clock);
        server.then(Scripted.json(200, converse(SampleAnswers.cannotFix(), "end_turn")));
        String arn = "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-haiku-4-5-v1:0";

        withKeys.ask(Callers.request(arn));

        Received sent = server.last();
        assertThat(sent.rawPath()).isEqualTo("/model/arn%3Aaws%3Abedrock%3Aeu-west-1%3A123456789012%3Ainference-"
                + "profile%2Feu.anthropic.claude-haiku-4-5-v1%3A0/converse");
        assertThat(sent.header("x-amz-security-token")).isNull();
        SigV4.Authorization auth = SigV4.parse(sent.header("authorization"));
        assertThat(auth.region()).isEqualTo("eu-west-1");
        assertThat(auth.signature()).isEqualTo(SigV4.expectedSignature(sent, SECRET_KEY));
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                fault("ThrottlingException, then an answer", List.of(
                        bedrockError(429, "ThrottlingException", "Too many tokens, please wait before trying again."),
                        Scripted.json(200, converse(SampleAnswers.fix(), "end_turn"))),
                        null, 2, List.of(Duration.ofMillis(750))),
                fault("daily token quota: never retried", List.of(bedrockError(429, "ThrottlingException",
                        "Too many tokens per day, please wait before trying again.")),
                        FixModelFault.QUOTA_EXHAUSTED, 1, List.of()),
                fault("ServiceQuotaExceededException", List.of(bedrockError(400, "ServiceQuotaExceededException",
                        "Your request exceeds the service quota for your account.")),
                        FixModelFault.QUOTA_EXHAUSTED, 1, List.of()),
                fault("ServiceUnavailableException three times", List.of(
                        bedrockError(503, "ServiceUnavailableException", "Bedrock is unable to process your request."),
                        bedrockError(503, "ServiceUnavailableException", "Bedrock is unable to process your request."),
                        bedrockError(503, "ServiceUnavailableException", "Bedrock is unable to process your request.")),
                        FixModelFault.OVERLOADED, 3, List.of(Duration.ofMillis(750), Duration.ofMillis(1500))),
                fault("ModelNotReadyException, then an answer", List.of(
                        bedrockError(429, "ModelNotReadyException", "Model is not ready to serve inference requests."),
                        Scripted.json(200, converse(SampleAnswers.fix(), "end_turn"))),
                        null, 2, List.of(Duration.ofMillis(750))),
                fault("InternalServerException, then an answer", List.of(
                        bedrockError(500, "InternalServerException", "The server encountered an internal error."),
                        Scripted.json(200, converse(SampleAnswers.fix(), "end_turn"))),
                        null, 2, List.of(Duration.ofMillis(750))),
                fault("ModelTimeoutException: not retried at once", List.of(bedrockError(408, "ModelTimeoutException",
                        "Model has timed out in processing the request.")), FixModelFault.TIMEOUT, 1, List.of()),
                fault("AccessDeniedException", List.of(bedrockError(403, "AccessDeniedException", "You don't have "
                        + "access to the model with the specified model ID.")), FixModelFault.AUTH_FAILED, 1,
                        List.of()),
                fault("UnrecognizedClientException (401-like 403)", List.of(bedrockError(403,
                        "UnrecognizedClientException", "The security token included in the request is invalid.")),
                        FixModelFault.AUTH_FAILED, 1, List.of()),
                fault("ValidationException", List.of(bedrockError(400, "ValidationException", "The provided model "
                        + "identifier is invalid.")), FixModelFault.BAD_REQUEST, 1, List.of()),
                fault("stop reason guardrail_intervened", List.of(Scripted.json(200, converse(
                        "Sorry, the model cannot answer this question.", "guardrail_intervened"))),
                        FixModelFault.REFUSED, 1, List.of()),
                fault("stop reason content_filtered", List.of(Scripted.json(200, converse("", "content_filtered"))),
                        FixModelFault.REFUSED, 1, List.of()),
                fault("stop reason max_tokens", List.of(Scripted.json(200, converse(SampleAnswers.fix()
                        .substring(0, 500), "max_tokens"))), FixModelFault.TRUNCATED, 1, List.of()),
                fault("stop reason malformed_model_output", List.of(Scripted.json(200, converse("{",
                        "malformed_model_output"))), FixModelFault.MALFORMED_ANSWER, 1, List.of()),
                fault("malformed JSON", List.of(Scripted.json(200, converse("{\"verdict\":", "end_turn"))),
                        FixModelFault.MALFORMED_ANSWER, 1, List.of()),
                fault("schema-violating JSON", List.of(Scripted.json(200, converse(AnthropicFixModelTest.violating(),
                        "end_turn"))), FixModelFault.SCHEMA_VIOLATION, 1, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void faults(String name, List<Scripted> responses, FixModelFault expected, int requests, List<Duration> waits) {
        callers.expect(model, server, responses, MODEL, expected, requests, waits, SECRET_KEY, SESSION_TOKEN);
    }

    @Test
    void anErrorIsNamedByItsTypeHeader() {
        server.then(bedrockError(429, "ThrottlingException", "Too many requests, please wait before trying again.")
                .withHeader("x-amzn-RequestId", "b7e1-throttled"));

        assertThatThrownBy(() -> model.ask(Callers.request(MODEL))).isInstanceOfSatisfying(FixModelException.class,
                e -> {
                    assertThat(e.getMessage()).isEqualTo("bedrock answered 429 ThrottlingException: Too many "
                            + "requests, please wait before trying again.");
                    assertThat(e.requestId()).contains("b7e1-throttled");
                });
    }

    /** A Converse response as documented. */
    static String converse(String text, String stopReason) {
        return ProviderResponses.bedrock(text, stopReason, 2_095, 503, 1_432);
    }

    /** An error as Bedrock sends it: the type in a header, the message in the body. */
    static Scripted bedrockError(int status, String type, String message) {
        return Scripted.json(status, JSON.createObjectNode().put("message", message).toString())
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Arguments fault(String name, List<Scripted> responses, FixModelFault expected, int requests,
                                   List<Duration> waits) {
        return Arguments.of(name, responses, expected, requests, waits);
    }
}
