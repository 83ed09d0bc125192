package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGINAL = """
            import { test, expect } from '@playwright/test';

            test('shows the basket total', async ({ page }) => {
              await page.goto('/basket');
              await expect(page.getByTestId('total')).toHaveText('€12.00');
            });
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void printsOneVerdictLinePerInputLineInOrder() throws IOException {
        Path input = write(line("sleep", ORIGINAL.replace("await page.goto('/basket');",
                        "await page.goto('/basket');\n  await page.waitForTimeout(3000);")),
                line("selector", ORIGINAL.replace("getByTestId('total')", "getByRole('status')")));

        assertThat(run("guard", "--input", input.toString())).isZero();

        List<JsonNode> verdicts = out.toString().lines().map(GuardCommandTest::parse).toList();
        assertThat(verdicts).extracting(v -> v.get("id").asText()).containsExactly("sleep", "selector");
        JsonNode sleep = verdicts.get(0);
        assertThat(sleep.get("verdict").asText()).isEqualTo("reject");
        JsonNode finding = sleep.get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("fixed-sleep");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("line").asInt()).isEqualTo(5);
        assertThat(finding.get("message").asText()).contains("waitForTimeout(3000)");
        assertThat(verdicts.get(1).get("verdict").asText()).isEqualTo("accept");
    }

    @Test
    void aBadLineGetsAnErrorNamingItsLineAndTheOthersStillGetVerdicts() throws IOException {
        ObjectNode missing = line("no-test", ORIGINAL);
        missing.remove("test");
        ObjectNode unknown = line("odd", ORIGINAL);
        unknown.put("framework", "nightwatch");
        Path input = write(missing, unknown, line("fine", ORIGINAL));

        assertThat(run("guard", "--input", input.toString())).isEqualTo(2);

        List<JsonNode> lines = out.toString().lines().map(GuardCommandTest::parse).toList();
        assertThat(lines.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("error").asText()).isEqualTo("missing \"test\"");
        assertThat(lines.get(1).get("error").asText()).startsWith("unknown \"framework\" 'nightwatch'");
        assertThat(lines.get(2).get("verdict").asText()).isEqualTo("accept");
        assertThat(err.toString()).contains("2 line(s)").contains("first: line 1: missing \"test\"");
    }

    @Test
    void evaluateScoresLabelledFixesAndListsTheMisses() throws IOException {
        ObjectNode caught = line("caught", ORIGINAL.replace("toHaveText('€12.00')", "toBeVisible()"));
        caught.put("expected", "reject").putArray("rules").add("assertion-weakened");
        ObjectNode missed = line("missed", ORIGINAL.replace("'/basket'", "'/basket?v=2'"));
        missed.put("expected", "reject").put("hard", true).putArray("rules");
        ObjectNode kept = line("kept", ORIGINAL.replace("getByTestId('total')", "getByRole('status')"));
        kept.put("expected", "accept");
        Path input = write(caught, missed, kept);

        assertThat(run("guard", "--input", input.toString(), "--evaluate")).isZero();

        assertThat(out.toString())
                .containsPattern("bad fixes rejected\\s+1/2\\s+0.500")
                .containsPattern("not marked hard\\s+1/1\\s+1.000")
                .containsPattern("good fixes rejected\\s+0/1\\s+0.000")
                .containsPattern("required rules fired\\s+1/1")
                .contains("missed     bad fix accepted (needed a rejection)  (hard)");
    }

    @Test
    void evaluateStopsAtAnUnlabelledLine() throws IOException {
        Path input = write(line("plain", ORIGINAL));

        assertThat(run("guard", "--input", input.toString(), "--evaluate")).isEqualTo(2);

        assertThat(err.toString()).contains("line 1 ('plain'): missing \"expected\"");
    }

    private int run(String... args) {
        return FeedbackCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static ObjectNode line(String id, String proposed) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id).put("framework", "playwright-ts").put("file", "tests/basket.spec.ts")
                .put("test", "shows the basket total").put("category", "SELECTOR_ISSUE").put("failure", "")
                .put("original", ORIGINAL).put("proposed", proposed);
        return n;
    }

    private Path write(JsonNode... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (JsonNode n : lines) {
            text.append(JSON.writeValueAsString(n)).append('\n');
        }
        return Files.writeString(dir.resolve("fixes.jsonl"), text.toString(), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
