package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    @Test
    void writesOneClassificationPerInputLineInInputOrder() throws IOException {
        Path input = write("in.jsonl", """
                {"id":"a","message":"Error: strict mode violation: getByRole('button') resolved to 2 elements"}

                {"id":7,"message":"Test timeout of 30000ms exceeded.","framework":"playwright"}
                {"id":"c","message":"expected: <1> but was: <2>","type":"org.opentest4j.AssertionFailedError","stack":"\\tat x.T.t(T.java:1)"}
                """);
        Path output = dir.resolve("out.jsonl");

        int status = FeedbackCli.run("classify", "--input", input.toString(), "--output", output.toString());

        assertThat(status).isZero();
        List<JsonNode> lines = readLines(output);
        assertThat(lines).extracting(n -> n.get("id").asText()).containsExactly("a", "7", "c");
        assertThat(lines).extracting(n -> n.get("category").asText())
                .containsExactly("SELECTOR_ISSUE", "TIMEOUT", "ASSERTION_FAIL");
        JsonNode first = lines.get(0);
        assertThat(first.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(first.get("failureType").asText()).isEqualTo("site_change");
        assertThat(first.get("severity").asInt()).isEqualTo(3);
        assertThat(first.get("autoFixable").asBoolean()).isTrue();
        assertThat(first.get("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(first.get("evidence").get(0).get("rule").asText()).isEqualTo("selector.strict-mode");
        assertThat(first.get("assertionMethod").isNull()).isTrue();
        assertThat(lines.get(2).get("assertionMethod").asText()).isEqualTo("assertEquals");
    }

    @Test
    void secretsInAMessageNeverReachTheOutput() throws IOException {
        Path input = write("in.jsonl", """
                {"id":"s","message":"Error: page.goto: net::ERR_CONNECTION_REFUSED at https://deploy:hunter2pass@api.example.com/v1?token=abc123def"}
                """);
        Path output = dir.resolve("out.jsonl");

        assertThat(FeedbackCli.run("classify", "--input", input.toString(), "--output", output.toString())).isZero();

        String written = Files.readString(output);
        assertThat(written).contains("NAVIGATION_FAIL").contains("REDACTED").doesNotContain("hunter2pass")
                .doesNotContain("abc123def");
    }

    @Test
    void colourCodesInAMessageChangeNothingButTheInput() throws IOException {
        Path input = write("in.jsonl", """
                {"id":"plain","message":"Error: expect(page).toHaveURL(expected) failed\\n\\nExpected pattern: /\\\\/done/\\nReceived string:  \\"https://a.test/cart\\""}
                {"id":"coloured","message":"Error: \\u001b[2mexpect(\\u001b[22m\\u001b[31mpage\\u001b[39m\\u001b[2m).\\u001b[22mtoHaveURL\\u001b[2m(\\u001b[22m\\u001b[32mexpected\\u001b[39m\\u001b[2m)\\u001b[22m failed\\n\\nExpected pattern: \\u001b[32m/\\\\/done/\\u001b[39m\\nReceived string:  \\u001b[31m\\"https://a.test/cart\\"\\u001b[39m"}
                """);
        Path output = dir.resolve("out.jsonl");

        assertThat(FeedbackCli.run("classify", "--input", input.toString(), "--output", output.toString())).isZero();

        List<JsonNode> lines = readLines(output);
        ((com.fasterxml.jackson.databind.node.ObjectNode) lines.get(1)).put("id", "plain");
        assertThat(lines.get(1)).isEqualTo(lines.get(0));
        assertThat(lines.get(0).get("assertionMethod").asText()).isEqualTo("toHaveURL");
    }

    @Test
    void keepsInputOrderAcrossManyChunksAndThreads() throws IOException {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            input.append("{\"id\":\"m").append(i).append("\",\"message\":\"")
                    .append(i % 2 == 0 ? "Test timeout of 30000ms exceeded." : "Error: page.goto: net::ERR_ABORTED")
                    .append(" ").append("padding ".repeat(20)).append("\"}\n");
        }
        Path file = write("many.jsonl", input.toString());
        Path output = dir.resolve("many.out.jsonl");

        assertThat(FeedbackCli.run("classify", "--input", file.toString(), "--output", output.toString(),
                "--threads", "3")).isZero();

        List<JsonNode> lines = readLines(output);
        assertThat(lines).hasSize(6000);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("id").asText()).isEqualTo("m" + i);
            assertThat(lines.get(i).get("category").asText()).isEqualTo(i % 2 == 0 ? "TIMEOUT" : "NAVIGATION_FAIL");
        }
    }

    @Test
    void aBadLineGetsAnErrorObjectTheOthersAreClassifiedAndTheStatusIsTwo() throws IOException {
        Path input = write("bad.jsonl", """
                {"id":"ok","message":"Test timeout of 30000ms exceeded."}
                {"id":"no-message"}
                not json at all
                {"id":"ok2","message":"Error: frame.click: Frame was detached"}
                """);
        Path output = dir.resolve("bad.out.jsonl");

        int status = FeedbackCli.run("classify", "--input", input.toString(), "--output", output.toString());

        assertThat(status).isEqualTo(2);
        List<JsonNode> lines = readLines(output);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1).get("error").asText()).isEqualTo("line 2: missing \"message\" (a string; may be empty)");
        assertThat(lines.get(1).get("id").asText()).isEqualTo("no-message");
        assertThat(lines.get(2).get("line").asInt()).isEqualTo(3);
        assertThat(lines.get(2).get("error").asText()).startsWith("line 3: not valid JSON");
        assertThat(lines.get(3).get("category").asText()).isEqualTo("FRAME_FAIL");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2 line(s)").contains("first: line 2: missing");
    }

    @Test
    void invalidCustomRulesStopBeforeAnyOutputIsWritten() throws IOException {
        Path input = write("in.jsonl", "{\"id\":\"a\",\"message\":\"x\"}\n");
        Path rules = write("rules.json", "[{\"id\": \"r\", \"category\": \"NOPE\", \"phrases\": [\"x\"]}]");
        Path output = dir.resolve("out.jsonl");

        int status = FeedbackCli.run("classify", "--input", input.toString(), "--output", output.toString(),
                "--rules", rules.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown category 'NOPE'");
        assertThat(output).doesNotExist();
        assertThat(Files.list(dir)).noneMatch(p -> p.getFileName().toString().endsWith(".partial"));
    }

    @Test
    void customRulesApply() throws IOException {
        Path input = write("in.jsonl", "{\"id\":\"a\",\"message\":\"payments sandbox returned 503\"}\n");
        Path rules = write("rules.json", "[{\"id\": \"sandbox\", \"category\": \"INFRA\", \"phrases\": [\"payments sandbox\"]}]");
        Path output = dir.resolve("out.jsonl");

        assertThat(FeedbackCli.run("classify", "--input", input.toString(), "--output", output.toString(),
                "--rules", rules.toString())).isZero();

        JsonNode line = readLines(output).get(0);
        assertThat(line.get("category").asText()).isEqualTo("INFRA");
        assertThat(line.get("autoFixable").asBoolean()).isFalse();
        assertThat(line.get("evidence").get(0).get("rule").asText()).isEqualTo("custom:sandbox");
    }

    @Test
    void aMissingInputFileIsAClearError() {
        int status = FeedbackCli.run("classify", "--input", dir.resolve("nope.jsonl").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("input file not found").contains("nope.jsonl");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
