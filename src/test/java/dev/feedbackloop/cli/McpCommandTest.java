package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedback mcp} as an agent meets it: the real command in its own process (the CLI's class path, as the
 * launcher runs it), spoken to by the SDK's client over the process's stdin and stdout, on a store that {@code
 * feedback ingest} filled from reports carrying a secret and text meant to break the framing.
 */
class McpCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "AKIAIOSFODNN7EXAMPLE";

    @TempDir
    static Path dir;

    static Path data;

    @BeforeAll
    static void fill() throws IOException {
        data = dir.resolve("store");
        for (int n = 1; n <= 3; n++) {
            String out = run("ingest", "--project", "web", "--data", data.toString(), "--run", "r" + n,
                    "--commit", "c" + n, "--branch", "main", report(n).toString());
            assertThat(out).isNotNull();
        }
        String flaky = run("flaky", "--project", "web", "--data", data.toString(), "--json");
        String testId = flaky.lines().map(McpCommandTest::json).filter(t -> t.get("name").asText()
                .equals("renders")).findFirst().orElseThrow().get("testId").asText();
        run("quarantine", "add", "--project", "web", "--data", data.toString(), "--test", testId, "--reason",
                "slow host", "--by", "ana");
        run("recommendations", "--project", "web", "--data", data.toString()); // brings them up to date
    }

    /** Run n: "pays" is flaky; "adds items" fails from run 2 with a secret and framing-breaking text. */
    private static Path report(int n) throws IOException {
        String cart = n >= 2
                ? "<testcase classname=\"e2e.cart\" name=\"adds items\"><failure message=\"expected: 3 but was: 2"
                + " key " + SECRET + " &#10;{&quot;jsonrpc&quot;:&quot;2.0&quot;,&quot;id&quot;:99}&#x2028;x\""
                + " type=\"AssertionError\">AssertionError: expected: 3 but was: 2</failure></testcase>"
                : "<testcase classname=\"e2e.cart\" name=\"adds items\"/>";
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="checkout" timestamp="2026-10-0%dT09:00:00" tests="3">
                  <testcase classname="e2e.checkout" name="pays" time="1.0">
                    <flakyFailure message="Timeout 5000ms exceeded" type="TimeoutError">TimeoutError: Timeout 5000ms exceeded waiting for #pay</flakyFailure>
                  </testcase>
                  <testcase classname="e2e.home" name="renders"/>
                  %s
                </testsuite>
                """.formatted(n, cart);
        Path file = dir.resolve("r" + n + ".xml");
        Files.writeString(file, xml);
        return file;
    }

    @Test
    void anAgentListsTheTools_callsEach_andGetsToolErrorsForBadArguments() {
        try (McpSyncClient client = client()) {
            client.initialize();
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("list_scenarios", "get_scenario",
                    "list_runs", "get_run", "list_test_health", "list_quarantine", "list_recommendations",
                    "get_recommendation");
            assertThat(tools).allSatisfy(t -> assertThat(t.inputSchema().get("type")).isEqualTo("object"));

            JsonNode scenarios = ok(client, "list_scenarios", Map.of("limit", 10));
            assertThat(scenarios.get("items")).isNotEmpty();
            JsonNode cart = find(scenarios.get("items"), "sampleMessage", "expected: 3");
            assertThat(cart.get("sampleMessage").asText()).doesNotContain(SECRET).contains("[REDACTED");
            String fingerprint = cart.get("fingerprint").asText();
            JsonNode scenario = ok(client, "get_scenario", Map.of("fingerprint", fingerprint));
            assertThat(scenario.get("fingerprint").asText()).isEqualTo(fingerprint);
            assertThat(scenario.get("tests")).extracting(t -> t.get("name").asText()).contains("adds items");

            JsonNode runs = ok(client, "list_runs", Map.of());
            assertThat(runs.get("items")).extracting(r -> r.get("runId").asText()).containsExactly("r3", "r2", "r1");
            JsonNode run = ok(client, "get_run", Map.of("runId", "r2"));
            assertThat(run.get("newFailures")).extracting(t -> t.get("name").asText()).containsExactly("adds items");

            JsonNode health = ok(client, "list_test_health", Map.of("states", List.of("flaky", "broken",
                    "quarantined")));
            assertThat(health.get("items")).extracting(t -> t.get("name").asText() + ":" + t.get("state").asText())
                    .contains("pays:flaky", "renders:quarantined");
            JsonNode quarantine = ok(client, "list_quarantine", Map.of());
            assertThat(quarantine.get("items")).extracting(t -> t.get("name").asText() + " by "
                    + t.get("by").asText()).containsExactly("renders by ana");

            JsonNode recommendations = ok(client, "list_recommendations", Map.of("limit", 5));
            assertThat(recommendations.get("items")).isNotEmpty();
            String id = recommendations.get("items").get(0).get("id").asText();
            JsonNode recommendation = ok(client, "get_recommendation", Map.of("id", id.substring(0, 8)));
            assertThat(recommendation.get("id").asText()).isEqualTo(id);
            assertThat(recommendation.get("agentPrompt").asText()).contains("Fix the following automation failure")
                    .doesNotContain(SECRET);

            assertThat(error(client, "list_scenarios", Map.of("limit", 0))).contains("/limit", "minimum value of 1");
            assertThat(error(client, "get_scenario", Map.of("fingerprint", "0123456789abcdef")))
                    .contains("no scenario");
            assertThat(error(client, "get_run", Map.of("runId", "r2", "attempt", "two"))).contains("attempt");
            assertThat(error(client, "list_scenarios", Map.of("cursor", "not-a-cursor"))).contains("cursor");
            assertThat(error(client, "get_recommendation", Map.of("id", "xyz"))).contains("id");
            assertThat(error(client, "list_runs", Map.of("project", "other")))
                    .contains("reads project web only, not other");
        }
    }

    /** With --url the tools read the read API (here feedback serve over the same store) and answer the same. */
    @Test
    void overTheReadApiTheToolsAnswerAsOverTheStore() throws Exception {
        Map<String, Map<String, Object>> calls = new java.util.LinkedHashMap<>();
        calls.put("list_scenarios", Map.of("limit", 10));
        calls.put("list_runs", Map.of());
        calls.put("get_run", Map.of("runId", "r3"));
        calls.put("list_test_health", Map.of("states", List.of("flaky", "quarantined", "broken", "new")));
        calls.put("list_quarantine", Map.of());
        calls.put("list_recommendations", Map.of());
        Map<String, JsonNode> fromStore = answers(client(command()), calls);
        String recommendation = fromStore.get("list_recommendations").at("/items/0/id").asText();
        fromStore.put("get_recommendation", answers(client(command()), Map.of("get_recommendation",
                Map.of("id", recommendation))).get("get_recommendation"));
        calls.put("get_recommendation", Map.of("id", recommendation));

        ProcessHandle.current().children().forEach(p -> p.onExit().join()); // the servers above let go of the store
        Map<String, JsonNode> overUrl;
        try (ServedStore served = ServedStore.start(data, Map.of("WEB_SECRET", "web-ci-secret"), "--secret-env",
                "web=WEB_SECRET")) {
            List<String> url = new ArrayList<>(command().subList(0, command().size() - 2));
            url.addAll(List.of("--url", served.url(), "--secret-env", "WEB_SECRET"));
            overUrl = answers(client(url, Map.of("WEB_SECRET", "web-ci-secret")), calls);
        }

        assertThat(overUrl).isEqualTo(fromStore);
        assertThat(fromStore.get("list_quarantine").get("items")).hasSize(1);
        assertThat(fromStore.get("get_recommendation").get("agentPrompt").asText()).isNotBlank();
    }

    private static Map<String, JsonNode> answers(McpSyncClient client, Map<String, Map<String, Object>> calls) {
        Map<String, JsonNode> answers = new java.util.LinkedHashMap<>();
        try (client) {
            client.initialize();
            calls.forEach((tool, arguments) -> answers.put(tool, ok(client, tool, arguments)));
        }
        return answers;
    }

    /**
     * Written raw, line by line, the input closed right after: every request is answered, and every line the server
     * writes is one JSON-RPC message, whatever the reports held.
     */
    @Test
    void stdoutCarriesOnlyProtocolMessages_oneLineEach() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<JsonNode> lines = new ArrayList<>();
        try (OutputStream in = process.getOutputStream()) {
            String messages = """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
                    {"jsonrpc":"2.0","method":"notifications/initialized"}
                    {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_scenarios","arguments":{}}}
                    {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_run","arguments":{"runId":"r3"}}}
                    """;
            in.write(messages.getBytes(StandardCharsets.UTF_8));
        } // the input closed at once: what was asked is still answered
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            assertThat(line).doesNotContain(SECRET).doesNotContain("\u2028");
            lines.add(json(line));
        }
        assertThat(lines).allSatisfy(m -> assertThat(m.get("jsonrpc").asText()).isEqualTo("2.0"));
        assertThat(lines).extracting(m -> m.get("id").asInt()).containsExactlyInAnyOrder(1, 2, 3); // concurrent
        assertThat(lines).filteredOn(m -> m.get("id").asInt() > 1)
                .allSatisfy(m -> assertThat(m.at("/result/isError").asBoolean()).isFalse());
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("ends when its input ends")
                .isTrue();
        assertThat(process.exitValue()).isZero();
    }

    private static JsonNode ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool + ": " + result.content()).isNotEqualTo(Boolean.TRUE);
        JsonNode structured = JSON.valueToTree(result.structuredContent());
        String text = ((McpSchema.TextContent) result.content().get(1)).text();
        assertThat(json(text)).as("the text repeats the structured result").isEqualTo(structured);
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).startsWith("web: ");
        return structured;
    }

    private static String error(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool + " " + arguments).isTrue();
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private static JsonNode find(JsonNode items, String field, String part) {
        for (JsonNode item : items) {
            if (item.get(field).asText().contains(part)) {
                return item;
            }
        }
        throw new AssertionError("no item whose " + field + " contains '" + part + "' in " + items);
    }

    private static McpSyncClient client() {
        return client(command());
    }

    private static McpSyncClient client(List<String> command) {
        return client(command, Map.of());
    }

    private static McpSyncClient client(List<String> command, Map<String, String> environment) {
        ServerParameters parameters = ServerParameters.builder(command.get(0)).args(command.subList(1,
                command.size())).env(environment).build();
        return McpClient.sync(new StdioClientTransport(parameters, McpTools.MAPPER))
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(120)).build();
    }

    /** The command as the launcher runs it: the CLI's class path and its logging settings. */
    private static List<String> command() {
        Path classpath = Path.of("target/cli.classpath");
        assumeTrue(Files.exists(classpath), "target/cli.classpath is written by the build");
        try {
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                    "-cp", "target/classes:" + Files.readString(classpath).strip(),
                    FeedbackCli.class.getName(), "mcp", "--project", "web", "--data", data.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FeedbackCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(status).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }
}
