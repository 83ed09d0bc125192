package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recommendations}, {@code triage}, {@code recommendation show|implemented} on a kept store (seconds each). */
class RecommendationCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    @Test
    void recommendationsAreListedTriagedShownAndImplemented() throws IOException {
        String data = dir.resolve("store").toString();
        assertThat(run("ingest", "--project", "web", "--data", data, "--run", "1",
                "events/reports/run-1-junit.xml").status()).isZero();

        List<JsonNode> listed = run("recommendations", "--project", "web", "--data", data, "--json").out().lines()
                .map(RecommendationCommandsTest::json).toList();
        assertThat(listed).isNotEmpty();
        assertThat(listed).allSatisfy(r -> assertThat(r.fieldNames()).toIterable().contains("id", "fingerprint",
                "kind", "status", "priority", "effort", "impact", "testIds", "effectiveness"));
        assertThat(listed).extracting(r -> r.get("priority").asInt()).isSortedAccordingTo((a, b) -> b - a);
        String id = listed.get(0).get("id").asText();
        String direction = listed.get(0).get("direction").asText();

        Run rejected = run("triage", "--project", "web", "--data", data, "--recommendation", id.substring(0, 8),
                "--decision", "reject", "--reason", "not this way", "--by", "ana");
        assertThat(rejected.out()).contains(id + " rejected (reject: not this way)");
        Run refused = run("recommendation", "implemented", id, "--project", "web", "--data", data);
        assertThat(refused.status()).isNotZero();
        assertThat(refused.err()).contains("is rejected and cannot become implemented");

        List<JsonNode> after = run("recommendations", "--project", "web", "--data", data, "--json", "--status",
                "draft").out().lines().map(RecommendationCommandsTest::json).toList();
        String fingerprint = listed.get(0).get("fingerprint").asText();
        assertThat(after).filteredOn(r -> r.get("fingerprint").asText().equals(fingerprint))
                .noneMatch(r -> r.get("direction").asText().equals(direction));

        Run shown = run("recommendation", "show", id, "--project", "web", "--data", data);
        assertThat(shown.out()).contains("## 🐛 Automated Failure Report", "Fix the following automation failure",
                "## Diff", "history: draft -> rejected by ana");
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
