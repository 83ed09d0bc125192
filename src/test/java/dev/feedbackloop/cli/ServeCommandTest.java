package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.http.SlackWebhook;
import dev.feedbackloop.publish.NightlyPublishing;
import dev.feedbackloop.testing.MutableClock;
import dev.feedbackloop.testing.SlackWebhookServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code feedback serve} end to end: {@code feedback upload} posts a signed report to it as to the deployed ingest
 * function, the read API shows the run, and the nightly rollup runs when the (injected) clock passes the
 * deployment's schedule, writing the report under the data directory and sending the digest once.
 */
class ServeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void uploadsReachTheStoreThroughTheSignedWebhook_andTheRollupRunsOnItsSchedule() throws Exception {
        Path data = dir.resolve("store");
        // Days near the wall clock: DynamoDB Local expires items (30 days' time to live) by the wall clock.
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate next = day.plusDays(1);
        MutableClock clock = new MutableClock(Instant.parse(day + "T09:30:00Z"));
        try (SlackWebhookServer slack = new SlackWebhookServer()) {
            ServeCommand serve = new ServeCommand();
            serve.clock = clock;
            serve.scheduleTimer = false;
            serve.environment = Map.of("FEEDBACK_SLACK_WEBHOOK", slack.webhook().toString());
            List<Long> waits = new ArrayList<>();
            serve.digestChannel = new SlackWebhook(2, 1, waits::add)::post;
            StringWriter served = new StringWriter();
            CommandLine serveLine = new CommandLine(serve);
            serveLine.setOut(new PrintWriter(served, true));
            Thread server = new Thread(() -> serveLine.execute("--data", data.toString(), "--port", "0",
                    "--project", "shop"), "serve-under-test");
            server.start();
            try {
                URI uri = serve.started.get(3, TimeUnit.MINUTES);
                String secret = JSON.readTree(data.resolve("ingest-secrets.json").toFile()).path("shop").asText();
                assertThat(secret).hasSize(64);

                Path report = dir.resolve("report.xml");
                Files.writeString(report, """
                        <testsuite name="s" timestamp="%sT09:00:00" tests="2">
                          <testcase classname="cart" name="adds items" file="tests/cart/add.spec.ts">
                            <failure message="Unable to locate element: #add">at cart</failure></testcase>
                          <testcase classname="home" name="renders"/>
                        </testsuite>
                        """.formatted(day));
                String[] uploaded = upload(uri, secret, clock, report);
                String[] forged = upload(uri, "not-the-secret", clock, report);

                assertThat(uploaded[0]).as(uploaded[2]).isEqualTo("0");
                assertThat(JSON.readTree(uploaded[1]).path("status").asText()).isEqualTo("accepted");
                assertThat(JSON.readTree(uploaded[1]).path("runId").asText()).isEqualTo("r1");
                assertThat(forged[0]).isNotEqualTo("0");
                assertThat(forged[2]).contains("401");
                String token = served.toString().lines().filter(l -> l.contains("read token")).findFirst()
                        .orElseThrow().replaceAll(".*read token ", "").strip();
                HttpResponse<String> runs = HTTP.send(HttpRequest.newBuilder(uri.resolve(
                        "/api/v1/projects/shop/runs")).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(runs.statusCode()).isEqualTo(200);
                assertThat(runs.body()).contains("\"r1\"");

                assertThat(serve.lookAtSchedule()).as("before 02:30 UTC nothing is due").isEmpty();
                clock.set(Instant.parse(next + "T02:29:59Z"));
                assertThat(serve.lookAtSchedule()).isEmpty();
                clock.set(Instant.parse(next + "T02:30:05Z"));
                Optional<List<NightlyPublishing.Published>> night = serve.lookAtSchedule();
                clock.set(Instant.parse(next + "T02:31:00Z"));
                Optional<List<NightlyPublishing.Published>> later = serve.lookAtSchedule();

                assertThat(night).hasValueSatisfying(published -> {
                    assertThat(published).singleElement().satisfies(p -> {
                        assertThat(p.project()).isEqualTo("shop");
                        assertThat(p.day()).isEqualTo(day);
                        assertThat(p.digest()).isEqualTo(NightlyPublishing.DigestOutcome.SENT);
                        assertThat(Path.of(p.report().link()))
                                .isEqualTo(data.resolve("dashboards/shop/" + day + ".html").toAbsolutePath());
                    });
                });
                assertThat(later).as("fired once").isEmpty();
                assertThat(Files.readString(data.resolve("dashboards/shop/" + day + ".html"))).contains("adds items");
                assertThat(slack.received()).hasSize(1);
                assertThat(served.toString()).contains("nightly rollup: cron(30 2 * * ? *) UTC, next at " + next
                        + "T02:30:00Z", "nightly rollup of " + day + ": 1 projects", "shop: 1 run, 2 test results",
                        "next at " + next.plusDays(1) + "T02:30:00Z");
            } finally {
                serve.stop.countDown();
                server.join(TimeUnit.MINUTES.toMillis(1));
            }
            assertThat(server.isAlive()).isFalse();
        }
    }

    /** {@code feedback upload} as CI runs it; answers {status, out, err}. */
    private static String[] upload(URI uri, String secret, MutableClock clock, Path report) {
        UploadCommand command = new UploadCommand();
        command.environment = Map.of("FEEDBACK_SECRET", secret);
        command.clock = clock;
        command.sleeper = duration -> { };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        int status = line.execute("--url", uri.toString(), "--project", "shop", "--secret-env", "FEEDBACK_SECRET",
                "--run", "r1", "--retries", "0", report.toString());
        return new String[] {String.valueOf(status), out.toString(), err.toString()};
    }
}
