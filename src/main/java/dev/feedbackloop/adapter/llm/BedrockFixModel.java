package dev.feedbackloop.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.regenerate.FixAnswerSchema;
import dev.feedbackloop.regenerate.FixModelException;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixModelRequest;
import dev.feedbackloop.regenerate.TokenUsage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Amazon Bedrock Converse ({@code POST /model/{modelId}/converse} on {@code bedrock-runtime.<region>.amazonaws.com}),
 * signed with Signature Version 4 by the AWS SDK's own signer ({@link AwsV4HttpSigner}, service {@code bedrock}):
 * the SDK's Bedrock runtime client is absent at the SDK version the project uses, its signer is not. Credentials come
 * from the provider given (the SDK's default chain: on Lambda, the function's role; no API key). The answer is
 * constrained by Converse's structured output ({@code outputConfig.textFormat} of type {@code json_schema}, the
 * schema as a JSON string) and read from {@code output.message.content[].text}. Usage: {@code inputTokens},
 * {@code outputTokens}, {@code cacheReadInputTokens}, {@code cacheWriteInputTokens}.
 *
 * <p>Stop reasons {@code max_tokens} and {@code model_context_window_exceeded} end truncated,
 * {@code guardrail_intervened} and {@code content_filtered} refused, {@code malformed_model_output} malformed. Errors
 * are named by the {@code x-amzn-ErrorType} header (else the body's {@code __type} or {@code code}):
 * {@code ThrottlingException} is a rate limit unless its message says a daily token quota ran out ("Too many tokens
 * per day"), and {@code ServiceQuotaExceededException} is quota exhaustion; {@code ModelNotReadyException} and
 * {@code ServiceUnavailableException} are overloads; {@code ModelTimeoutException} a timeout;
 * {@code AccessDeniedException} and signature or token errors are authentication failures.
 */
public final class BedrockFixModel extends ProviderFixModel {

    static final String SIGNING_NAME = "bedrock";

    private final URI baseUrl;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param baseUrl the runtime endpoint; {@link #defaultBaseUrl(String)} for the region's
     * @param region  the signing region, e.g. {@code us-east-1}
     */
    public BedrockFixModel(URI baseUrl, String region, AwsCredentialsProvider credentials, HttpTransport transport,
                           Clock clock) {
        super("bedrock", transport, clock);
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("Bedrock needs a region (feedback.llm.aws-region, feedback.aws.region"
                    + " or AWS_REGION)");
        }
        this.region = region;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** {@code https://bedrock-runtime.<region>.amazonaws.com}. */
    public static URI defaultBaseUrl(String region) {
        return URI.create("https://bedrock-runtime." + region + ".amazonaws.com");
    }

    @Override
    Exchange exchange(FixModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("messages").addObject().put("role", "user").putArray("content").addObject()
                .put("text", request.userContent());
        body.putArray("system").addObject().put("text", request.system());
        body.putObject("inferenceConfig").put("maxTokens", request.maxOutputTokens());
        ObjectNode jsonSchema = body.putObject("outputConfig").putObject("textFormat").put("type", "json_schema")
                .putObject("structure").putObject("jsonSchema");
        jsonSchema.put("schema", request.schema().providerSchema().toString());
        jsonSchema.put("name", FixAnswerSchema.NAME);
        jsonSchema.put("description", request.schema().document().path("description").asText());
        byte[] bytes = bytes(body);
        URI uri = Endpoints.append(baseUrl, "/model/" + URLEncoder.encode(request.model(), StandardCharsets.UTF_8)
                + "/converse");
        return new Exchange(uri, signedHeaders(uri, bytes), bytes);
    }

    private Map<String, String> signedHeaders(URI uri, byte[] body) {
        AwsCredentials identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new FixModelException(FixModelFault.AUTH_FAILED, provider(), provider()
                    + ": no AWS credentials to sign with: " + e.getMessage(), OptionalInt.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), 1, e);
        }
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("content-type", "application/json")
                .putHeader("accept", "application/json")
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            headers.put(header.getKey(), String.join(",", header.getValue()));
        }
        return headers;
    }

    @Override
    Completion completion(JsonNode body, FixModelRequest request) {
        StringBuilder text = new StringBuilder();
        body.path("output").path("message").path("content").forEach(block -> {
            if (block.path("text").isTextual()) {
                text.append(block.path("text").asText());
            }
        });
        String stopReason = body.path("stopReason").asText("");
        Ending ending = switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> Ending.TRUNCATED;
            case "guardrail_intervened", "content_filtered" -> Ending.REFUSED;
            case "malformed_model_output" -> Ending.MALFORMED;
            default -> Ending.ANSWERED;
        };
        JsonNode usage = body.path("usage");
        return new Completion(text.toString(), stopReason, ending, Optional.empty(), new TokenUsage(
                count(usage.path("inputTokens")), count(usage.path("outputTokens")),
                count(usage.path("cacheReadInputTokens")), count(usage.path("cacheWriteInputTokens"))),
                request.model());
    }

    @Override
    ProviderError error(HttpTransport.Response response) {
        JsonNode body = errorBody(response);
        String type = response.header("x-amzn-ErrorType")
                .or(() -> Optional.of(body.path("__type").asText(body.path("code").asText(""))))
                .map(BedrockFixModel::shortName).orElse("");
        String message = body.path("message").asText(body.path("Message").asText(""));
        return new ProviderError(type, message);
    }

    /** {@code ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/} or {@code ns#Name}. */
    private static String shortName(String type) {
        String name = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
        return name.contains("#") ? name.substring(name.lastIndexOf('#') + 1) : name;
    }

    @Override
    FixModelFault fault(HttpTransport.Response response, ProviderError error) {
        String message = error.message().toLowerCase(Locale.ROOT);
        return switch (error.type()) {
            case "ThrottlingException" -> message.contains("per day") ? FixModelFault.QUOTA_EXHAUSTED
                    : FixModelFault.RATE_LIMITED;
            case "ServiceQuotaExceededException" -> FixModelFault.QUOTA_EXHAUSTED;
            case "ModelNotReadyException", "ServiceUnavailableException" -> FixModelFault.OVERLOADED;
            case "InternalServerException", "ModelErrorException" -> FixModelFault.SERVER_ERROR;
            case "ModelTimeoutException" -> FixModelFault.TIMEOUT;
            case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
                 "ExpiredTokenException", "IncompleteSignatureException", "MissingAuthenticationTokenException" ->
                    FixModelFault.AUTH_FAILED;
            case "ValidationException", "ResourceNotFoundException" -> FixModelFault.BAD_REQUEST;
            default -> byStatus(response.status());
        };
    }

    @Override
    Optional<String> requestId(HttpTransport.Response response) {
        return response.header("x-amzn-RequestId");
    }
}
