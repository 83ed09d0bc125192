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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands that run the whole loop on the embedded engines: {@code analyze} (the README's main command),
 * {@code ingest} into a kept store, and {@code scenarios} reading it back. Each starts real engines (seconds).
 */
class LocalLoopCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @Test
    void analyzeRunsTheDemoReportsThroughTheWholeLoop() {
        Run run = run("analyze");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("events/reports/run-1-junit.xml", "events/reports/run-2-ctrf.json",
                        "events/reports/run-3-junit.xml")
                .contains("202 accepted: junit-xml, 8 tests", "202 accepted: ctrf-json, 7 tests")
                .contains("requests recorded as pending recommendations")
                .contains("Scenarios of shop-web, most frequent first");
        List<String> scenarios = scenarioRows(run.out());
        assertThat(scenarios.get(0)).as("the same locator failure across three runs and two formats is one scenario")
                .matches("\\s+6\\s+2\\s+3\\s+SELECTOR_ISSUE\\s+yes.*");
        assertThat(scenarios).anyMatch(row -> row.matches("\\s+1\\s+1\\s+1\\s+BOT_BLOCK\\s+no.*"))
                .anyMatch(row -> row.matches("\\s+1\\s+1\\s+1\\s+INFRA\\s+no.*"));
        assertThat(run.out()).contains("never evaded; not fixable by changing the test")
                .contains("project shop-web (the demo)")
                .endsWith("The store was temporary and is gone. To keep one, add --data DIR; then list it with: "
                        + "feedback scenarios --project shop-web --data DIR\n");
        assertThat(run.out()).as("offline by default: the playbook, marked as such, for each auto-fixable scenario")
                .contains("Fixes: the playbook (no model", "Recommendations (drafts for a person to review")
                .containsPattern("[0-9a-f]{16} SELECTOR_ISSUE: PLAYBOOK \\(not generated\\)")
                .contains("Not generated: no model is configured")
                .doesNotContain("BOT_BLOCK: PLAYBOOK", "INFRA: PLAYBOOK");
    }

    @Test
    void analyzeOfYourReportsWithoutAProject_filesThemUnderTheDirectorysName_notTheDemos() throws IOException {
        String expected = AnalyzeCommand.projectKeyOf(Path.of("").toAbsolutePath().getFileName());
        Path data = dir.resolve("kept");
        Path reports = Files.createDirectories(dir.resolve("build/test-results"));
        Files.copy(Path.of("events/reports/run-1-junit.xml"), reports.resolve("TEST-one.xml"));

        Run run = run("analyze", "--data", data.toString(), dir.resolve("build").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("project " + expected + " (named after the current directory; choose one with"
                + " --project)").contains("TEST-one.xml").doesNotContain("shop-web")
                .contains("stored under " + data + "; list the scenarios with: feedback scenarios --project "
                        + expected + " --data " + data);
    }

    @Test
    void aBadFlagFailsBeforeAnyEngineStarts() {
        Run run = run("ingest", "--project", "web", "--data", dir.resolve("store").toString(), "--attempt", "0",
                "events/reports/run-1-junit.xml");

        assertThat(run.status()).isNotZero();
        assertThat(run.err()).containsIgnoringCase("attempt");
        assertThat(Files.exists(dir.resolve("store"))).as("no store was created").isFalse();
    }

    @Test
    void ingestTakesTheModelFlags_andAWrongOneFailsBeforeAnyEngineStarts() {
        Run run = run("ingest", "--project", "web", "--data", dir.resolve("store").toString(), "--llm", "gemini",
                "--source-root", ".", "events/reports/run-1-junit.xml");

        assertThat(run.status()).isNotZero();
        assertThat(run.err()).contains("--llm must be anthropic, openai, bedrock or none, was 'gemini'");
        assertThat(Files.exists(dir.resolve("store"))).as("no store was created").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "analyze"})
    void aMisspeltAttachmentKindFailsBeforeAnyEngineStarts(String command) {
        Run run = run(command, "--project", "web", "--data", dir.resolve("store").toString(),
                "--attachments=screenshot", "events/reports/run-1-junit.xml");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--attachments takes screenshots, traces or screenshots,traces, was"
                + " 'screenshot'");
        assertThat(run.out()).as("no engine started").isEmpty();
        assertThat(Files.exists(dir.resolve("store"))).as("no store was created").isFalse();
    }

    @Test
    void ingestKeepsTheStoreAndCountsAReportSentTwiceOnce() throws IOException {
        Path data = dir.resolve("store");
        Path report = Path.of("events/reports/run-1-junit.xml");

        Run first = run("ingest", "--project", "web", "--data", data.toString(), "--run", "42", report.toString());
        Run again = run("ingest", "--project", "web", "--data", data.toString(), "--run", "42", report.toString());
        Run listed = run("scenarios", "--project", "web", "--data", data.toString(), "--json");

        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("run 42 (attempt 1)").contains("3 scenarios (3 new)");
        assertThat(again.out()).contains("a duplicate: counted once");
        List<JsonNode> scenarios = listed.out().lines().map(LocalLoopCommandsTest::json).toList();
        assertThat(scenarios).extracting(s -> s.get("category").asText())
                .containsExactly("SELECTOR_ISSUE", "URL_MISMATCH", "API_ASSERTION_FAIL");
        assertThat(scenarios.get(0).get("occurrences").asInt()).as("not doubled by the second ingest").isEqualTo(2);
        assertThat(scenarios.get(0).get("testsAffected").asInt()).isEqualTo(2);
        assertThat(Files.list(data).toList()).as("engines keep their data under --data").isNotEmpty();
    }

    @Test
    void ingestFilesTheSameReportUnderAnotherRunAsANewRun_atTheGivenTime() throws IOException {
        Path data = dir.resolve("reruns");
        Path report = Path.of("events/reports/run-1-junit.xml");

        Run nightly1 = run("ingest", "--project", "web", "--data", data.toString(), "--run", "nightly-1",
                report.toString());
        Run nightly2 = run("ingest", "--project", "web", "--data", data.toString(), "--run", "nightly-2",
                "--time", "2026-10-03T09:12:00Z", report.toString());
        Run listed = run("scenarios", "--project", "web", "--data", data.toString(), "--json");

        assertThat(nightly2.status()).as(nightly2.err()).isZero();
        assertThat(nightly1.out()).contains("run nightly-1 (attempt 1)");
        assertThat(nightly2.out()).contains("run nightly-2 (attempt 1)").doesNotContain("duplicate");
        JsonNode selector = json(listed.out().lines().findFirst().orElseThrow());
        assertThat(selector.get("occurrences").asInt()).as("2 tests in each of 2 runs").isEqualTo(4);
        assertThat(selector.get("runsAffected").asInt()).isEqualTo(2);
    }

    @Test
    void aBadTimeIsRefusedNamingTheFlag_beforeAnyEngineStarts() {
        Run run = run("ingest", "--project", "web", "--data", dir.resolve("store").toString(), "--time",
                "yesterday", "events/reports/run-1-junit.xml");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--time': 'yesterday' is not an ISO-8601 instant");
        assertThat(Files.exists(dir.resolve("store"))).isFalse();
    }

    @Test
    void aMalformedReportIsRefusedWithTheReasonAndStatus2() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.xml"), "<testsuite name=\"S\"><testcase name=\"t\">");

        Run run = run("analyze", "--project", "web", broken.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).contains("ingest      400 malformed_report").contains("line 1");
    }

    @Test
    void scenariosWithoutAStoreSaysHowToMakeOne() {
        Run run = run("scenarios", "--project", "web", "--data", dir.resolve("none").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("no store at").contains("feedback ingest --project web");
    }

    private static List<String> scenarioRows(String out) {
        return out.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+\\d+\\s+[A-Z_]+\\s+(yes|no)\\s.*")).toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void aProjectsRulesAreSetShownAndAppliedByIngest_andEachChangeIsAVersion() throws IOException {
        Path data = dir.resolve("store");
        Path rules = Files.writeString(dir.resolve("rules.json"), "[{\"id\": \"url-is-infra\", \"category\":"
                + " \"INFRA\", \"weight\": 0.9, \"phrases\": [\"tohaveurl\"]}]");

        Run ingest = run("ingest", "--project", "web", "--data", data.toString(), "--rules", rules.toString(),
                "--run", "1", "events/reports/run-1-junit.xml");
        Run again = run("rules", "set", "--project", "web", "--data", data.toString(), rules.toString());
        Run shown = run("rules", "show", "--project", "web", "--data", data.toString());
        Run listed = run("scenarios", "--project", "web", "--data", data.toString(), "--json");

        assertThat(ingest.status()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("rules of project web: version 1 (1 rule from " + rules + ")");
        assertThat(again.out()).contains("version 1").contains("unchanged");
        assertThat(shown.out()).isEqualTo(Files.readString(rules) + "\n");
        assertThat(shown.err()).contains("rules of project web: version 1");
        assertThat(listed.out().lines().map(LocalLoopCommandsTest::json).map(s -> s.get("category").asText()))
                .contains("INFRA").doesNotContain("URL_MISMATCH");
    }

    @Test
    void aBadRuleFileIsRefusedNamingTheRule_beforeAnyEngineStarts() throws IOException {
        Path rules = Files.writeString(dir.resolve("bad.json"), "[{\"id\": \"waf\", \"category\": \"FIREWALL\","
                + " \"weight\": 0.9, \"phrases\": [\"waf\"]}]");

        Run set = run("rules", "set", "--project", "web", "--data", dir.resolve("store").toString(),
                rules.toString());
        Run analyze = run("analyze", "--rules", rules.toString(), "events/reports/run-1-junit.xml");

        assertThat(set.status()).isEqualTo(2);
        assertThat(set.err()).contains("bad.json").contains("waf").contains("FIREWALL");
        assertThat(analyze.status()).isEqualTo(2);
        assertThat(analyze.out()).as("no engine started").isEmpty();
        assertThat(Files.exists(dir.resolve("store"))).as("no store was created").isFalse();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FeedbackCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }
}
