package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.feedbackloop.testing.SlackWebhookServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedback rollup} and {@code feedback metrics} on a store filled by {@code feedback ingest}. */
class RollupCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @Test
    void aDayRolledUp_twice_isOneRowOfThatDaysRunsOnly_shownByMetrics() throws IOException {
        Path data = dir.resolve("store");
        ingest(data, "r1", "2026-10-01T00:00:00", true);
        ingest(data, "r2", "2026-10-01T23:59:59", false);
        ingest(data, "r3", "2026-10-02T00:00:00", true);

        Run first = run("rollup", "--project", "shop", "--data", data.toString(), "--day", "2026-10-01");
        Run again = run("rollup", "--project", "shop", "--data", data.toString(), "--day", "2026-10-01");
        Run json = run("metrics", "--project", "shop", "--data", data.toString(), "--days", "3650", "--json");
        Run text = run("metrics", "--project", "shop", "--data", data.toString(), "--days", "3650");

        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("rolled up shop on 2026-10-01: 2 runs, 4 test results (3 passed, 1 failed,"
                + " 0 errored, 0 skipped, 0 flaky), 1 new scenario\n"
                + "            loop: 1 of 1 failure analysed, 0 recommendations made, 0 fixes implemented; average"
                + " analysis ").contains(" ms, average fix implementation n/a; learning score 1.000\n"
                + "            runs: 0 of 2 outages; success rate 75.0% (change n/a); top causes SELECTOR_ISSUE 1\n"
                + "            tests: 0 flaky, 0 broken, 0 fixed, 0 quarantined; 0 state changes\n"
                + "            fixes judged: 0 verified, 0 ineffective; time to resolution n/a, first-attempt fix"
                + " accuracy n/a, repeated-failure reduction n/a, handled without a person n/a\n"
                + "            insight: 1 failure on selectors: prefer role, label or test-id locators to CSS paths\n"
                + "            recommendations refreshed from the day's scenarios: 1 new, 0 already kept,"
                + " 0 fixes judged, 1 with tests counted from runs\n  report: ").contains("  digest: not configured");
        // the same row again; the recommendation made the first time is not made twice
        assertThat(again.out().replaceAll("analysis \\d+ ms", "analysis _ ms"))
                .isEqualTo(first.out().replaceAll("analysis \\d+ ms", "analysis _ ms")
                        .replace("1 new, 0 already kept", "0 new, 1 already kept")
                        .replace("1 with tests counted", "0 with tests counted"));
        assertThat(json.status()).as(json.err()).isZero();
        assertThat(json.out().lines()).hasSize(1);
        JsonNode row = JSON.readTree(json.out().lines().findFirst().orElseThrow());
        assertThat(row.get("day").asText()).isEqualTo("2026-10-01");
        assertThat(row.get("runs").asLong()).isEqualTo(2);
        assertThat(row.get("failed").asLong()).isEqualTo(1);
        assertThat(row.get("failuresByCategory").get("SELECTOR_ISSUE").asLong()).isEqualTo(1);
        JsonNode figures = row.get("figures");
        assertThat(figures.get("totalFailures").asLong()).isEqualTo(1);
        assertThat(figures.get("analysedFailures").asLong()).isEqualTo(1);
        assertThat(figures.get("successRate").asDouble()).isEqualTo(0.75);
        assertThat(figures.get("successRateChange").isNull()).isTrue();
        assertThat(figures.get("averageFixImplementationHours").isNull()).isTrue();
        assertThat(figures.get("topFailureCategories").get(0).get("category").asText()).isEqualTo("SELECTOR_ISSUE");
        assertThat(figures.get("success").get("timeToResolutionHours").isNull()).isTrue();
        assertThat(figures.get("success").get("firstAttemptFixAccuracy").isNull()).isTrue();
        assertThat(figures.get("quality").get("insights").get(0).asText()).startsWith("1 failure on selectors");
        assertThat(figures.get("earlyWarnings")).isEmpty();
        assertThat(text.out()).contains("shop: 1 day of metrics, newest first",
                "2026-10-01  2 runs, 4 test results", "failures by root cause: SELECTOR_ISSUE 1",
                "runs: 0 of 2 outages; success rate 75.0% (change n/a)", "insight: 1 failure on selectors");
    }

    @Test
    void theDaysReportIsWrittenUnderTheDataDirectory_andTheDigestSentOnceToTheConfiguredWebhook() throws IOException {
        Path data = dir.resolve("store");
        ingest(data, "r1", "2026-10-01T08:00:00", true);
        try (SlackWebhookServer slack = new SlackWebhookServer()) {
            Files.writeString(data.resolve("digest.json"), JSON.writeValueAsString(java.util.Map.of("shop",
                    java.util.Map.of("webhook", slack.webhook().toString(), "owners", "e2e.cart <@U024BE7LH>\n"))));

            Run first = run("rollup", "--project", "shop", "--data", data.toString(), "--day", "2026-10-01");
            Run again = run("rollup", "--project", "shop", "--data", data.toString(), "--day", "2026-10-01");

            Path report = data.resolve("dashboards/shop/2026-10-01.html");
            assertThat(first.status()).as(first.err()).isZero();
            assertThat(first.out()).contains("  report: " + report.toAbsolutePath(), "  digest: sent to Slack");
            assertThat(again.out()).contains("  digest: already sent for this day (not sent again)")
                    .doesNotContain(slack.webhook().getPath());
            assertThat(Files.readString(report)).contains("<h1>Feedback Loop: shop</h1>", "adds items")
                    .as("the nightly page reads every store, as feedback report does: the recommendations too")
                    .contains("id=\"fix-table\"");
            assertThat(slack.received()).singleElement().satisfies(m -> assertThat(m)
                    .contains("<@U024BE7LH>: `adds items`"));
        }
    }

    @Test
    void aMalformedDigestFile_isAClearErrorThatShowsNoSecret() throws IOException {
        Path data = dir.resolve("store");
        ingest(data, "r1", "2026-10-01T08:00:00", true);
        Files.writeString(data.resolve("digest.json"), "{\"shop\": \"ftp://hooks.example/T0/B0/s3cr3t\"}");

        Run run = run("rollup", "--project", "shop", "--data", data.toString(), "--day", "2026-10-01");

        assertThat(run.status()).isNotZero();
        assertThat(run.err()).contains("digest.json: project 'shop': a digest webhook must be an http(s) URL")
                .doesNotContain("s3cr3t");
    }

    @Test
    void anUnknownProject_orABadDay_isAClearError() throws IOException {
        Path data = dir.resolve("store");
        ingest(data, "r1", "2026-10-01T08:00:00", true);

        Run unknown = run("rollup", "--project", "other", "--data", data.toString(), "--day", "2026-10-01");
        Run badDay = run("rollup", "--project", "shop", "--data", data.toString(), "--day", "1 Oct\u001b[2J");
        Run badDays = run("metrics", "--project", "shop", "--data", data.toString(), "--days", "0");
        Run none = run("metrics", "--project", "shop", "--data", data.toString());

        assertThat(unknown.status()).isNotZero();
        assertThat(unknown.err()).contains("project 'other' has no recorded runs");
        assertThat(badDay.status()).isNotZero();
        assertThat(badDay.err()).contains("--day must be a day like 2026-03-01").doesNotContain("\u001b");
        assertThat(badDays.err()).contains("--days must be 1 to 3650, was 0");
        assertThat(none.status()).as(none.err()).isZero();
        assertThat(none.out()).startsWith("no daily metrics of shop in the last 30 days");
    }

    private void ingest(Path data, String runId, String timestamp, boolean failing) throws IOException {
        String second = failing
                ? "<testcase classname=\"e2e.cart\" name=\"adds items\"><failure message=\"Unable to locate"
                + " element: #add\"/></testcase>"
                : "<testcase classname=\"e2e.cart\" name=\"adds items\"/>";
        Path file = dir.resolve(runId + ".xml");
        Files.writeString(file, """
                <testsuite name="s" timestamp="%s" tests="2">
                  <testcase classname="e2e.home" name="renders"/>
                  %s
                </testsuite>
                """.formatted(timestamp, second));
        Run ingest = run("ingest", "--project", "shop", "--data", data.toString(), "--run", runId, file.toString());
        assertThat(ingest.status()).as(ingest.err()).isZero();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FeedbackCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }
}
