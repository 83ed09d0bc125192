package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Did the fix work, through the commands on the embedded store: a failing test's recommendation is accepted, a later
 * upload on main has the test at a changed source (hashed at ingest from --source-root), so the fix is implemented by
 * the loop; ten clean runs verify it; reproduction, validation and regression results are filled in along the way.
 */
class FixWatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Path report(String name, boolean fails) throws IOException {
        String failure = fails ? "<failure message=\"checkout.spec.ts:42:13 pays\" type=\"FAILURE\"><![CDATA["
                + "TimeoutError: locator.click: Timeout 30000ms exceeded.\nCall log:\n"
                + "  - waiting for locator('#pay-now')\n\n    at tests/checkout.spec.ts:42:13]]></failure>" : "";
        Path file = dir.resolve(name);
        Files.writeString(file, "<?xml version=\"1.0\"?>\n<testsuites><testsuite name=\"checkout.spec.ts\" tests=\"1\">"
                + "<testcase name=\"Checkout pays\" classname=\"checkout.spec.ts\" file=\"tests/checkout.spec.ts\""
                + " time=\"1.0\">" + failure + "</testcase></testsuite></testsuites>\n");
        return file;
    }

    private Run upload(String data, Path sources, int run, String commit, Path report) {
        return run("analyze", "--project", "web", "--data", data, "--source-root", sources.toString(), "--run",
                String.valueOf(run), "--commit", commit, "--branch", "main", report.toString());
    }

    @Test
    void acceptedThenChangedSourceThenCleanRunsIsVerifiedWithItsTestsCounted() throws IOException {
        String data = dir.resolve("store").toString();
        Path sources = dir.resolve("src");
        Path spec = sources.resolve("tests/checkout.spec.ts");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, "test('pays', async ({ page }) => { await page.locator('#pay-now').click(); });\n");
        Path failing = report("failing.xml", true);
        Path passing = report("passing.xml", false);

        assertThat(upload(data, sources, 1, "aaaaaaa1", failing).status()).isZero();
        JsonNode fix = list(data).get(0);
        String id = fix.get("id").asText();
        assertThat(upload(data, sources, 2, "aaaaaaa2", failing).status()).as("recurs at the same source").isZero();
        assertThat(run("triage", "--project", "web", "--data", data, "--recommendation", id, "--decision",
                "accept", "--by", "ana").status()).isZero();

        Files.writeString(spec, "test('pays', async ({ page }) => {"
                + " await page.getByRole('button', { name: 'Pay now' }).click(); });\n");
        assertThat(upload(data, sources, 3, "bbbbbbb3", passing).status()).isZero();
        JsonNode implemented = find(list(data), id);
        assertThat(implemented.get("status").asText()).isEqualTo("implemented");
        assertThat(implemented.get("commit").asText()).isEqualTo("bbbbbbb3");

        for (int run = 4; run <= 12; run++) {
            assertThat(upload(data, sources, run, "bbbbbbb" + run % 10, passing).status()).isZero();
        }
        JsonNode verified = find(list(data), id);
        assertThat(verified.get("status").asText()).isEqualTo("verified");
        assertThat(verified.get("effectiveness").asDouble()).isEqualTo(1.0);
        JsonNode reproduction = role(verified, "reproduction");
        assertThat(reproduction.get("runs").asInt()).as("the two failing runs at the failing source").isEqualTo(2);
        assertThat(reproduction.get("successes").asInt()).isZero();
        assertThat(reproduction.get("commit").asText()).isEqualTo("aaaaaaa1");
        JsonNode validation = role(verified, "validation");
        assertThat(validation.get("runs").asInt()).as("runs 3 to 12 at the fixed source").isEqualTo(10);
        assertThat(validation.get("successes").asInt()).isEqualTo(10);
        assertThat(validation.get("lastResult").asText()).isEqualTo("passed");
        assertThat(validation.get("sourceHash").asText()).isNotEqualTo(reproduction.get("sourceHash").asText());
        assertThat(role(verified, "regression").get("runs").asInt()).as("joined the regression set").isZero();

        assertThat(upload(data, sources, 13, "bbbbbbb3", passing).status()).isZero();
        JsonNode later = find(list(data), id);
        assertThat(role(later, "regression").get("runs").asInt()).isEqualTo(1);
        assertThat(role(later, "validation").get("runs").asInt()).isEqualTo(11);

        String shown = run("recommendation", "show", id, "--project", "web", "--data", data).out();
        assertThat(shown).contains("## Tests", "reproduction", "0/2 runs passed", "validation", "11/11 runs passed",
                "regression", "1/1 runs passed",
                "accepted -> implemented by feedback-loop", "implemented -> verified by feedback-loop");
    }

    private static JsonNode role(JsonNode recommendation, String role) {
        return StreamSupport.stream(recommendation.get("tests").spliterator(), false)
                .filter(t -> t.get("role").asText().equals(role)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " test in " + recommendation));
    }

    private static JsonNode find(List<JsonNode> listed, String id) {
        return listed.stream().filter(r -> r.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no recommendation " + id + " in " + listed));
    }

    private static List<JsonNode> list(String data) {
        Run listed = run("recommendations", "--project", "web", "--data", data, "--json");
        assertThat(listed.status()).as(listed.err()).isZero();
        return listed.out().lines().map(FixWatchCommandTest::json).toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FeedbackCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }
}
