package dev.feedbackloop.regenerate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.RegenerationRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A regeneration request as a queue message body, both ways, so that publisher and consumer cannot drift apart:
 * {@code {"dedupKey","project","fingerprint","category","triggeredBy":{"runId","attempt"},"tests":[...],
 * "requestedAt"}}. Jackson's tree model, no reflection (native-image friendly).
 */
public final class RegenerationRequestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegenerationRequestJson() {
    }

    /** The message body of {@code request}. */
    public static String write(RegenerationRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("dedupKey", request.deduplicationKey());
        body.put("project", request.scenario().project());
        body.put("fingerprint", request.scenario().fingerprint().value());
        body.put("category", request.category().name());
        ObjectNode run = body.putObject("triggeredBy");
        run.put("runId", request.triggeredBy().runId());
        run.put("attempt", request.triggeredBy().attempt());
        ArrayNode tests = body.putArray("tests");
        request.tests().forEach(t -> tests.add(t.value()));
        body.put("requestedAt", request.requestedAt().toString());
        return body.toString();
    }

    /**
     * Reads a message body.
     *
     * @throws MalformedRequestException naming the field that is missing or invalid, or when {@code dedupKey} is not
     *                                   the key of the request it came with
     */
    public static RegenerationRequest read(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new MalformedRequestException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRequestException("expected a JSON object");
        }
        RegenerationRequest request;
        try {
            ScenarioKey scenario = new ScenarioKey(text(node, "project"), new Fingerprint(text(node, "fingerprint")));
            Category category = Category.valueOf(text(node, "category"));
            JsonNode run = node.path("triggeredBy");
            RunKey triggeredBy = new RunKey(scenario.project(), text(run, "runId", "$.triggeredBy.runId"),
                    attempt(run));
            request = new RegenerationRequest(scenario, category, triggeredBy, tests(node),
                    Instant.parse(text(node, "requestedAt")));
        } catch (DateTimeParseException e) {
            throw new MalformedRequestException("$.requestedAt is not an ISO-8601 instant: " + e.getParsedString());
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException(e.getMessage());
        }
        String dedupKey = text(node, "dedupKey");
        if (!dedupKey.equals(request.deduplicationKey())) {
            throw new MalformedRequestException("$.dedupKey " + dedupKey + " is not the key of this request ("
                    + request.deduplicationKey() + ")");
        }
        return request;
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, "$." + field);
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedRequestException(path + " must be a non-empty string");
        }
        return value.asText();
    }

    private static int attempt(JsonNode run) {
        JsonNode attempt = run.path("attempt");
        if (!attempt.canConvertToInt() || !attempt.isIntegralNumber()) {
            throw new MalformedRequestException("$.triggeredBy.attempt must be a whole number");
        }
        return attempt.asInt();
    }

    private static List<TestId> tests(JsonNode node) {
        JsonNode tests = node.path("tests");
        if (!tests.isArray()) {
            throw new MalformedRequestException("$.tests must be an array of test ids");
        }
        List<TestId> ids = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            try {
                ids.add(new TestId(tests.get(i).asText()));
            } catch (IllegalArgumentException e) {
                throw new MalformedRequestException("$.tests[" + i + "]: " + e.getMessage());
            }
        }
        return ids;
    }

    /** A message body is not a valid regeneration request; the message names what and where. */
    public static final class MalformedRequestException extends RuntimeException {
        public MalformedRequestException(String message) {
            super(message);
        }
    }
}
