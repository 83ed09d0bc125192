package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedback ingest --manifest}: a whole history in one process, checked whole before anything is stored. The
 * loading tests start the real embedded engines (seconds).
 */
class HistoryManifestIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @Test
    void aBadLine3StoresNothing_andNamesTheLineAndTheField() throws IOException {
        report("runs/r1.xml", true);
        report("runs/r2.xml", false);
        Path manifest = manifest(
                line("runs/r1.xml", "r1", "2026-10-01T09:00:00Z"),
                line("runs/r2.xml", "r2", "2026-10-02T09:00:00Z"),
                line("runs/r3.xml", "r3", "2026-10-03T09:00:00Z"));
        Path data = dir.resolve("store");

        Run run = run("ingest", "--project", "web", "--data", data.toString(), "--manifest", manifest.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("1 bad line, nothing stored").contains("line 3: file: ")
                .contains("r3.xml does not exist");
        assertThat(Files.exists(data)).as("no engine started, no store created").isFalse();
    }

    @Test
    void everyBadLineIsNamed_withItsField() throws IOException {
        report("runs/r1.xml", true);
        Path manifest = manifest(
                line("runs/r1.xml", "r1", "yesterday"),
                "{\"file\": \"runs/r1.xml\", \"run\": \"r2\", \"attempt\": 0}",
                "{\"file\": \"runs/r1.xml\", \"run\": ",
                "{\"file\": \"runs/r1.xml\", \"run\": \"r4\", \"comit\": \"abc\"}",
                "",
                "{\"file\": \"runs/r1.xml\", \"attempt\": 1}",
                line("runs/r1.xml", "r7", "2026-10-01T09:00:00Z"),
                line("runs/r1.xml", "r7", "2026-10-01T09:00:00Z"));

        Run run = run("ingest", "--project", "web", "--data", dir.resolve("store").toString(),
                "--manifest", manifest.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("6 bad lines, nothing stored")
                .contains("line 1: time: 'yesterday' is not an ISO-8601 instant")
                .contains("line 2: attempt: must be a whole number within 1..99999, was 0")
                .contains("line 3: not JSON")
                .contains("line 4: comit: unknown field")
                .contains("line 6: run: missing")
                .contains("line 8: file: ").contains("listed twice for the same run and attempt")
                .doesNotContain("line 5", "line 7");
        assertThat(Files.exists(dir.resolve("store"))).isFalse();
    }

    @Test
    void reportsOrAManifest_notBoth() throws IOException {
        report("runs/r1.xml", true);
        Path manifest = manifest(line("runs/r1.xml", "r1", "2026-10-01T09:00:00Z"));

        Run run = run("ingest", "--project", "web", "--data", dir.resolve("store").toString(),
                "--manifest", manifest.toString(), dir.resolve("runs/r1.xml").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("give either report FILEs or --manifest FILE.jsonl");
    }

    @Test
    void aGoodManifestLoadsEachRunWithItsCommitBranchAndTime_andLoadingItTwiceAddsNothing() throws IOException {
        report("runs/r1.xml", true);
        report("runs/r2.xml", false);
        report("runs/r2-retry.xml", true);
        Path manifest = manifest(
                "{\"file\": \"runs/r1.xml\", \"run\": \"r1\", \"commit\": \"c0a1\", \"branch\": \"main\","
                        + " \"time\": \"2026-10-01T09:00:00Z\"}",
                "{\"file\": \"runs/r2.xml\", \"run\": \"r2\", \"attempt\": 1, \"commit\": \"c0a2\","
                        + " \"branch\": \"feature/x\", \"time\": \"2026-10-02T09:00:00Z\"}",
                "{\"file\": \"runs/r2-retry.xml\", \"run\": \"r2\", \"attempt\": 2, \"commit\": \"c0a2\","
                        + " \"branch\": \"feature/x\", \"time\": \"2026-10-02T09:30:00Z\"}");
        Path data = dir.resolve("store");
        String[] ingest = {"ingest", "--project", "web", "--data", data.toString(), "--manifest", manifest.toString()};

        Run first = run(ingest);
        Run again = run(ingest);

        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("1/3 line 1 ").contains("run r1 (attempt 1), 2 tests, 0 failing")
                .contains("run r2 (attempt 1), 2 tests, 1 failing").contains("run r2 (attempt 2), 2 tests, 0 failing")
                .contains("loaded 3 reports (3 new, 0 already stored, 0 refused) into 3 runs: 6 new test results,"
                        + " 1 failing, ");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("(a duplicate: counted once)")
                .contains("loaded 3 reports (0 new, 3 already stored, 0 refused) into 3 runs: 0 new test results");
        assertRun(data, "r1", 1, "c0a1", "main", "2026-10-01T09:00:00Z", 0);
        assertRun(data, "r2", 1, "c0a2", "feature/x", "2026-10-02T09:00:00Z", 1);
        assertRun(data, "r2", 2, "c0a2", "feature/x", "2026-10-02T09:30:00Z", 0);
        Run scenarios = run("scenarios", "--project", "web", "--data", data.toString(), "--json");
        JsonNode scenario = json(scenarios.out().lines().findFirst().orElseThrow());
        assertThat(scenario.get("occurrences").asInt()).as("the one failure, not doubled by the second load")
                .isEqualTo(1);
    }

    private void assertRun(Path data, String id, int attempt, String commit, String branch, String time,
                           int failed) {
        Run shown = run("run", "--project", "web", "--data", data.toString(), "--run", id, "--attempt",
                Integer.toString(attempt), "--json");
        assertThat(shown.status()).as(shown.err()).isZero();
        JsonNode run = json(shown.out()).get("run");
        assertThat(run.get("commit").asText()).isEqualTo(commit);
        assertThat(run.get("branch").asText()).isEqualTo(branch);
        assertThat(run.get("runTime").asText()).isEqualTo(time);
        assertThat(run.get("counts").get("tests").asInt()).isEqualTo(2);
        assertThat(run.get("counts").get("failed").asInt()).isEqualTo(failed);
    }

    /** A small JUnit report without a timestamp (so the manifest's time is the run's), one test failing or not. */
    private void report(String name, boolean passes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        String second = passes ? "<testcase classname=\"CartTest\" name=\"removesAnItem\" time=\"0.2\"/>"
                : "<testcase classname=\"CartTest\" name=\"removesAnItem\" time=\"0.2\"><failure"
                        + " message=\"expected 0 items but was 1\" type=\"AssertionError\">java.lang.AssertionError:"
                        + " expected 0 items but was 1\n\tat shop.CartTest.removesAnItem(CartTest.java:31)"
                        + "</failure></testcase>";
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"CartTest\" tests=\"2\""
                + " failures=\"" + (passes ? 0 : 1) + "\">\n<testcase classname=\"CartTest\" name=\"addsAnItem\""
                + " time=\"0.1\"/>\n" + second + "\n</testsuite>\n");
    }

    private Path manifest(String... lines) throws IOException {
        return Files.writeString(dir.resolve("manifest.jsonl"), String.join("\n", lines) + "\n");
    }

    private static String line(String file, String run, String time) {
        return "{\"file\": \"" + file + "\", \"run\": \"" + run + "\", \"time\": \"" + time + "\"}";
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FeedbackCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }
}
