package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.local.LocalStore;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.view.ProjectReads;
import dev.feedbackloop.view.ReadApi;
import dev.feedbackloop.view.ReadRequest;
import dev.feedbackloop.view.ReadResponse;
import dev.feedbackloop.view.ReadTokens;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The tools {@code feedback mcp} offers a coding agent: read-only views of one project's data, fixed when the server
 * starts. Every tool goes through the read API's own routes: in this process ({@link ReadApi}, authorised with a
 * token minted for this process alone) over the embedded store, or over HTTP ({@code feedback mcp --url}) to a
 * deployed stack or {@code feedback serve}; so they validate, page and answer exactly as the API does, and health,
 * quarantine and recommendation tools give the items the matching commands print with {@code --json}. Each result
 * is structured JSON plus the same JSON as text; anything refused is a tool error whose text says what and why.
 */
final class McpTools {

    /** Non-ASCII escaped: nothing a report smuggled in (line or paragraph separators, bidi marks) reaches a reader. */
    static final ObjectMapper JSON = new ObjectMapper(new JsonFactoryBuilder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build());
    static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(JSON);

    private static final int HEALTH_PAGE = 500;
    private static final Set<String> HEALTH_STATES = Set.of("new", "healthy", "flaky", "broken", "fixed",
            "quarantined");

    private final String project;
    private final Routes routes;

    /** The read API's routes under one project: {@code route} ({@code scenarios}, {@code runs/r1}) and a query. */
    @FunctionalInterface
    interface Routes {
        ReadResponse get(String route, String query);
    }

    /** Tools over the embedded store, through the read API's handler in this process. */
    McpTools(String project, LocalStore local, Clock clock) {
        this(project, inProcess(project, local, clock));
    }

    /** Tools over {@code routes}: the handler in this process, or a read API server ({@code --url}). */
    McpTools(String project, Routes routes) {
        this.project = project;
        this.routes = routes;
    }

    private static Routes inProcess(String project, LocalStore local, Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret); // the token never leaves this process
        ReadTokens tokens = new ReadTokens(secret);
        ReadApi api = new ReadApi(new ProjectReads(local.runs(), local.scenarios(), Optional.of(local.metrics()),
                Optional.of(local.recommendations()), clock)
                .withHealth(local.health(), HealthSettings.defaults())
                .withRecommendations(local.recommendationBook()).withFigures(local.figures()), tokens);
        String authorization = "Bearer " + tokens.token(project);
        return (route, query) -> api.handle(new ReadRequest("GET", "/api/v1/projects/" + segment(project) + "/"
                + route, query, Optional.of(authorization)));
    }

    /** Every tool, in the order a client lists them. */
    List<SyncToolSpecification> all() {
        return List.of(
                tool("list_scenarios", "Lists the project's failure scenarios (deduplicated failures), most"
                                + " occurrences first, each with category, cause, sample message, a few tests and runs."
                                + " Page with 'cursor' (the previous result's 'next').",
                        schema(PAGE_PROPERTIES, List.of()), a -> read("scenarios", a, List.of()),
                        r -> r.path("items").size() + " scenario(s)" + more(r)),
                tool("get_scenario", "One scenario by fingerprint, with its cause, notes, up to 100 tests and 20"
                                + " runs (commit, branch, build URL).",
                        schema("\"fingerprint\": {\"type\": \"string\", \"minLength\": 1, \"description\":"
                                + " \"The scenario's fingerprint, as list_scenarios gives it.\"}",
                                List.of("fingerprint")),
                        a -> read("scenarios/" + segment(text(a, "fingerprint").orElseThrow()), a, List.of()),
                        r -> "scenario " + r.path("fingerprint").asText() + ": " + r.path("category").asText()
                                + ", " + r.path("occurrences").asLong() + " occurrence(s)"),
                tool("list_runs", "Lists the project's CI runs, newest first, with their counts of passed, failed,"
                                + " errored, skipped and flaky tests. Page with 'cursor'.",
                        schema(PAGE_PROPERTIES, List.of()), a -> read("runs", a, List.of()),
                        r -> r.path("items").size() + " run(s)" + more(r)),
                tool("get_run", "One run (its latest attempt unless 'attempt' is given) and what it changed since"
                                + " the run before it: new failures, still failing, fixed, not run, flaky.",
                        schema("\"runId\": {\"type\": \"string\", \"minLength\": 1},"
                                + " \"attempt\": {\"type\": \"integer\", \"minimum\": 1}", List.of("runId")),
                        a -> read("runs/" + segment(text(a, "runId").orElseThrow()), a, List.of("attempt")),
                        r -> "run " + r.path("run").path("runId").asText() + ": "
                                + r.path("newFailures").size() + " new failure(s), "
                                + r.path("stillFailing").size() + " still failing, " + r.path("fixed").size()
                                + " fixed, " + r.path("flaky").size() + " flaky"),
                tool("list_test_health", "Tests' health (flaky, broken, quarantined, ...) with score, since when,"
                                + " why and the evidence (runs, commits). By default the tests in trouble: broken,"
                                + " flaky and quarantined.",
                        schema("\"states\": {\"type\": \"array\", \"items\": {\"type\": \"string\", \"enum\":"
                                + " [\"new\", \"healthy\", \"flaky\", \"broken\", \"fixed\", \"quarantined\"]}},"
                                + " \"limit\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 1000}", List.of()),
                        this::health, r -> r.path("items").size() + " test(s)"),
                tool("list_quarantine", "The tests quarantined now, with who quarantined them, why and until when.",
                        schema("", List.of()), a -> quarantine(), r -> r.path("items").size() + " quarantined"),
                tool("list_recommendations", "The project's recommendations, highest priority first: kind, status,"
                                + " priority, effort, impact, title, direction, tests. Read-only: `feedback"
                                + " recommendations` brings them up to date.",
                        schema("\"status\": {\"type\": \"string\", \"enum\": " + statusEnum() + "},"
                                + " \"limit\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 1000}", List.of()),
                        this::recommendations, r -> r.path("items").size() + " recommendation(s)"),
                tool("get_recommendation", "One recommendation with its coding-agent prompt (what to change, how to"
                                + " check it) and its proposed diff, if one was drafted.",
                        schema("\"id\": {\"type\": \"string\", \"pattern\": \"^[0-9a-f]{6,64}$\", \"description\":"
                                + " \"The id, or its first 6 or more hex digits.\"}", List.of("id")),
                        this::recommendation, r -> "recommendation " + r.path("id").asText() + " ("
                                + r.path("status").asText() + ")"));
    }

    private static final String PAGE_PROPERTIES = "\"limit\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\":"
            + " 1000, \"description\": \"Items per page (default 50).\"}, \"cursor\": {\"type\": \"string\","
            + " \"description\": \"The 'next' value of the previous page, unchanged.\"}";

    /** A schema of an object with {@code properties} (plus the optional fixed project) and no others. */
    private static String schema(String properties, List<String> required) {
        String project = "\"project\": {\"type\": \"string\", \"description\": \"Optional: the project this server"
                + " serves (it serves one only).\"}";
        return "{\"type\": \"object\", \"properties\": {" + (properties.isEmpty() ? project : properties + ", "
                + project) + "}, \"required\": [" + String.join(", ", required.stream().map(r -> '"' + r + '"')
                .toList()) + "], \"additionalProperties\": false}";
    }

    private SyncToolSpecification tool(String name, String description, String inputSchema,
                                       Function<Map<String, Object>, JsonNode> call,
                                       Function<JsonNode, String> headline) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(MAPPER, inputSchema).build();
        return new SyncToolSpecification(tool, (exchange, request) -> answer(name, request.arguments(), call,
                headline));
    }

    /** Any failure becomes a tool error the agent can read: a thrown exception would end as a protocol error. */
    private CallToolResult answer(String name, Map<String, Object> arguments,
                                  Function<Map<String, Object>, JsonNode> call, Function<JsonNode, String> headline) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        try {
            text(args, "project").filter(p -> !p.equals(project)).ifPresent(p -> {
                throw new IllegalArgumentException("this server reads project " + project + " only, not " + p
                        + "; start another `feedback mcp --project " + p + "` for it");
            });
            JsonNode result = call.apply(args);
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = JSON.convertValue(result, Map.class);
            return CallToolResult.builder().structuredContent(structured)
                    .addTextContent(project + ": " + headline.apply(result))
                    .addTextContent(JSON.writeValueAsString(result)).build();
        } catch (ToolError | IllegalArgumentException e) {
            return error(name + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) { // a store failure: say what broke, not a stack trace
            return error(name + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().isError(true).addTextContent(Redactor.standard().redact(message)).build();
    }

    /** A route of the read API under this project; a problem body becomes a tool error with its detail. */
    private JsonNode read(String route, Map<String, Object> args, List<String> extra) {
        StringBuilder query = new StringBuilder();
        number(args, "limit").ifPresent(n -> query.append("&limit=").append(n));
        text(args, "cursor").ifPresent(c -> query.append("&cursor=").append(URLEncoder.encode(c,
                StandardCharsets.UTF_8)));
        for (String name : extra) {
            number(args, name).ifPresent(n -> query.append('&').append(name).append('=').append(n));
        }
        return call(route, query.isEmpty() ? "" : query.substring(1));
    }

    /** A route's JSON answer; a problem becomes a tool error with its detail. */
    private JsonNode call(String route, String query) {
        ReadResponse response = routes.get(route, query);
        JsonNode body = tree(response.body());
        if (response.status() != 200) {
            throw new ToolError(body.path("detail").asText(body.path("title").asText("error "
                    + response.status())));
        }
        return body;
    }

    private JsonNode health(Map<String, Object> args) {
        Set<String> states = strings(args, "states").map(Set::copyOf).orElse(Set.of("broken", "flaky",
                "quarantined"));
        states.stream().filter(s -> !HEALTH_STATES.contains(s)).findFirst().ifPresent(s -> {
            throw new ToolError("states: '" + s + "' is not one of " + HEALTH_STATES);
        });
        int limit = number(args, "limit").orElse(100);
        range("limit", limit);
        ObjectNode result = JSON.createObjectNode();
        ArrayNode items = result.putArray("items");
        String cursor = null;
        do {
            JsonNode page = call("tests", "limit=" + HEALTH_PAGE + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.path("items").forEach(t -> {
                if (states.contains(t.path("state").asText()) && items.size() < limit) {
                    items.add(t);
                }
            });
            cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (cursor != null && items.size() < limit);
        return result;
    }

    private JsonNode quarantine() {
        ObjectNode result = JSON.createObjectNode();
        result.set("items", call("quarantine", "format=json").path("items"));
        return result;
    }

    private JsonNode recommendations(Map<String, Object> args) {
        int limit = number(args, "limit").orElse(50);
        range("limit", limit);
        String status = text(args, "status").map(s -> "&status=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
                .orElse("");
        ObjectNode result = JSON.createObjectNode();
        result.set("items", call("recommendations", "limit=" + limit + status).path("items"));
        return result;
    }

    private JsonNode recommendation(Map<String, Object> args) {
        String id = text(args, "id").orElseThrow(() -> new ToolError("id is required"));
        return call("recommendations/" + segment(id), "");
    }

    private static String statusEnum() {
        return "[" + String.join(", ", Arrays.stream(RecommendationStatus.values())
                .map(s -> '"' + s.wireName() + '"').toList()) + "]";
    }

    private static String more(JsonNode page) {
        return page.path("next").isTextual() ? "; more with cursor " + page.path("next").asText() : "";
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void range(String name, int value) {
        if (value < 1 || value > 1000) {
            throw new ToolError(name + " must be within 1..1000, was " + value);
        }
    }

    private static Optional<String> text(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new ToolError(name + " must be a string, was " + describe(value));
        }
        return Optional.of(s);
    }

    private static Optional<Integer> number(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return Optional.of(n.intValue());
        }
        throw new ToolError(name + " must be a whole number, was " + describe(value));
    }

    private static Optional<List<String>> strings(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return Optional.of(list.stream().map(String.class::cast).map(s -> s.toLowerCase(Locale.ROOT)).toList());
        }
        throw new ToolError(name + " must be an array of strings, was " + describe(value));
    }

    private static String describe(Object value) {
        String shown = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return shown.length() <= 80 ? shown : shown.substring(0, 80) + "...";
    }

    /** A refused argument: its message names the argument and the value. */
    static final class ToolError extends RuntimeException {
        ToolError(String message) {
            super(message);
        }
    }
}
