package dev.feedbackloop.adapter.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.regenerate.FixAnswer;
import dev.feedbackloop.regenerate.FixAnswerSchema.RejectedAnswer;
import dev.feedbackloop.regenerate.FixModel;
import dev.feedbackloop.regenerate.FixModelException;
import dev.feedbackloop.regenerate.FixModelFault;
import dev.feedbackloop.regenerate.FixModelReply;
import dev.feedbackloop.regenerate.FixModelRequest;
import dev.feedbackloop.regenerate.TokenUsage;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the three provider adapters share: one POST through the {@link HttpTransport}, then the same sequence on the
 * response: an error status becomes the provider's fault, a success is read for its text, stop reason and usage, a
 * refusal or a cut-off answer is reported as such (with the tokens it still cost), and the text must pass the
 * request's answer schema. Subclasses say how their provider spells each of these. Nothing here logs; failure
 * messages name the provider, status and the provider's own error, never the request.
 */
abstract class ProviderFixModel implements FixModel {

    /** Longest provider error message carried into a fault's message. */
    private static final int MAX_PROVIDER_MESSAGE = 300;

    static final ObjectMapper JSON = new ObjectMapper();

    private final String provider;
    private final HttpTransport transport;
    final Clock clock;

    ProviderFixModel(String provider, HttpTransport transport, Clock clock) {
        this.provider = provider;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What to send. */
    record Exchange(URI uri, Map<String, String> headers, byte[] body) {
    }

    /** How the model's turn ended. */
    enum Ending {
        /** It answered; the text should be the JSON answer. */
        ANSWERED,
        /** It declined (stop reason, refusal field, content filter). */
        REFUSED,
        /** It was cut off at the token limit or the context window. */
        TRUNCATED,
        /** The provider itself says the output was malformed (Bedrock {@code malformed_model_output}). */
        MALFORMED
    }

    /**
     * A successful response, read.
     *
     * @param text       the model's text (empty when it gave none)
     * @param stopReason the provider's stop reason, verbatim
     * @param ending     what the stop reason and any refusal field mean
     * @param detail     the refusal text or other detail for a message, when there is one
     * @param usage      tokens used
     * @param model      the model that answered
     */
    record Completion(String text, String stopReason, Ending ending, Optional<String> detail, TokenUsage usage,
                      String model) {
    }

    abstract Exchange exchange(FixModelRequest request);

    /** Reads a 2xx response body. */
    abstract Completion completion(JsonNode body, FixModelRequest request);

    /** The fault an error status stands for, per the provider's documented error bodies. */
    abstract FixModelFault fault(HttpTransport.Response response, ProviderError error);

    /** The provider's error type and message from an error body. */
    abstract ProviderError error(HttpTransport.Response response);

    abstract Optional<String> requestId(HttpTransport.Response response);

    /**
     * A provider's error, as its body describes it.
     *
     * @param type    its error type or code ({@code rate_limit_error}, {@code insufficient_quota},
     *                {@code ThrottlingException}); empty when the body named none
     * @param message its message; empty when none
     */
    record ProviderError(String type, String message) {
    }

    @Override
    public final String provider() {
        return provider;
    }

    @Override
    public final FixModelReply ask(FixModelRequest request) {
        Exchange exchange = exchange(request);
        HttpTransport.Response response;
        try {
            response = transport.post(exchange.uri(), exchange.headers(), exchange.body());
        } catch (HttpTransport.TransportException e) {
            throw new FixModelException(e.timedOut() ? FixModelFault.TIMEOUT : FixModelFault.UNREACHABLE, provider,
                    provider + ": " + e.getMessage(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), 1, e);
        }
        if (!response.isSuccess()) {
            throw errorFault(response);
        }
        Completion completion = completion(envelope(response), request);
        FixAnswer answer = answer(completion, request, response);
        return new FixModelReply(answer, provider, completion.model(), completion.stopReason(), completion.usage(),
                response.latency(), BigDecimal.ZERO, response.bodyText(), requestId(response), 1);
    }

    private FixAnswer answer(Completion completion, FixModelRequest request, HttpTransport.Response response) {
        switch (completion.ending()) {
            case REFUSED -> throw answerFault(FixModelFault.REFUSED, provider + " declined to answer (stop reason "
                    + completion.stopReason() + ")" + completion.detail().map(d -> ": " + cap(d)).orElse(""),
                    completion, response);
            case TRUNCATED -> throw answerFault(FixModelFault.TRUNCATED, provider + " cut the answer off at "
                    + completion.usage().outputTokens() + " output tokens (stop reason " + completion.stopReason()
                    + ", limit " + request.maxOutputTokens() + ")", completion, response);
            case MALFORMED -> throw answerFault(FixModelFault.MALFORMED_ANSWER, provider
                    + " reports malformed model output (stop reason " + completion.stopReason() + ")", completion,
                    response);
            default -> {
                try {
                    return request.schema().read(completion.text());
                } catch (RejectedAnswer e) {
                    throw answerFault(e.kind() == RejectedAnswer.Kind.MALFORMED_JSON ? FixModelFault.MALFORMED_ANSWER
                            : FixModelFault.SCHEMA_VIOLATION, provider + ": " + e.getMessage(), completion, response);
                }
            }
        }
    }

    private JsonNode envelope(HttpTransport.Response response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        // a 2xx that is not the provider's JSON (a proxy's page): the provider's side failed, not the model
        throw new FixModelException(FixModelFault.SERVER_ERROR, provider, provider + " answered " + response.status()
                + " with a body that is not a JSON object", OptionalInt.of(response.status()), Optional.empty(),
                requestId(response), Optional.empty(), Optional.of(response.bodyText()), 1, null);
    }

    private FixModelException errorFault(HttpTransport.Response response) {
        ProviderError error = error(response);
        FixModelFault fault = fault(response, error);
        String described = error.type().isEmpty() ? "" : " " + error.type();
        String message = error.message().isEmpty() ? "" : ": " + cap(error.message());
        return new FixModelException(fault, provider, provider + " answered " + response.status() + described
                + message, OptionalInt.of(response.status()), RetryAfter.of(response, clock), requestId(response),
                Optional.empty(), Optional.of(response.bodyText()), 1, null);
    }

    private FixModelException answerFault(FixModelFault fault, String message, Completion completion,
                                          HttpTransport.Response response) {
        return new FixModelException(fault, provider, message, OptionalInt.of(response.status()), Optional.empty(),
                requestId(response), Optional.of(completion.usage()), Optional.of(response.bodyText()), 1, null);
    }

    /** The fault an HTTP status stands for when the body says nothing more precise. */
    static FixModelFault byStatus(int status) {
        return switch (status) {
            case 401, 403 -> FixModelFault.AUTH_FAILED;
            case 402 -> FixModelFault.QUOTA_EXHAUSTED;
            case 408, 504 -> FixModelFault.TIMEOUT;
            case 429 -> FixModelFault.RATE_LIMITED;
            case 503, 529 -> FixModelFault.OVERLOADED;
            default -> status >= 500 ? FixModelFault.SERVER_ERROR : FixModelFault.BAD_REQUEST;
        };
    }

    /** The body of an error response as JSON, or an empty object when it is not JSON. */
    static JsonNode errorBody(HttpTransport.Response response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return body == null ? JSON.createObjectNode() : body;
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    static long count(JsonNode node) {
        return node.isIntegralNumber() ? Math.max(0, node.asLong()) : 0;
    }

    private static String cap(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_PROVIDER_MESSAGE ? oneLine : oneLine.substring(0, MAX_PROVIDER_MESSAGE) + "…";
    }
}
