package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code feedback upload --summary} end to end against {@code feedback serve}, which serves ingest and the read API
 * on one URL: the Markdown summary of the run just uploaded comes out on stdout (ingest's answer on stderr), with the
 * failing tests when something failed and in its short form when all passed; a summary that does not come within
 * the wait is said on stderr while the upload still succeeds. {@code feedback summary --url} reads the same route.
 */
class UploadSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anUploadPrintsItsRunsSummary_theFailuresWhenRed_oneLineWhenGreen() throws Exception {
        Path data = dir.resolve("store");
        ServeCommand serve = new ServeCommand();
        serve.scheduleTimer = false;
        serve.environment = Map.of();
        CommandLine serveLine = new CommandLine(serve);
        serveLine.setOut(new PrintWriter(new StringWriter(), true));
        Thread server = new Thread(() -> serveLine.execute("--data", data.toString(), "--port", "0",
                "--project", "shop"), "serve-under-test");
        server.start();
        try {
            URI uri = serve.started.get(3, TimeUnit.MINUTES);
            String secret = JSON.readTree(data.resolve("ingest-secrets.json").toFile()).path("shop").asText();
            String day = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS).toString()
                    .substring(0, 19);
            Path red = report("red.xml", day, """
                    <testcase classname="cart" name="adds items"><failure message="Unable to locate element: #add">\
                    at cart</failure></testcase>
                    <testcase classname="home" name="renders"/>""");
            Path green = report("green.xml", day, """
                    <testcase classname="cart" name="adds items"/>
                    <testcase classname="home" name="renders"/>""");

            String[] failing = upload(uri, secret, red, "r1", "--read-url", uri.toString());
            String[] passing = upload(uri, secret, green, "r2", "--summary-wait", "5s");
            String[] unanswered = upload(uri, secret, green, "r3", "--read-url", uri.resolve("/elsewhere/").toString(),
                    "--summary-wait", "0s");

            assertThat(failing[0]).as(failing[2]).isEqualTo("0");
            assertThat(failing[1]).startsWith("### ❌ Feedback Loop: run <code>r1</code>\n\n2 tests: 1 passed, 1 failed")
                    .contains("#### 🆕 New failures (1)", "cart › adds items", "SELECTOR_ISSUE", "Unable to locate element");
            assertThat(failing[2]).contains("feedback upload: {\"status\":\"accepted\"", "\"runId\":\"r1\"");

            assertThat(passing[0]).as(passing[2]).isEqualTo("0");
            assertThat(passing[1]).isEqualTo("### ✅ Feedback Loop: run <code>r2</code>\n\n2 tests: 2 passed, 0 failed, 0 flaky,"
                    + " 0 skipped (compared with run <code>r1</code>).\n\n1 fixed since the run before.\n");

            assertThat(unanswered[0]).as("the upload itself succeeded").isEqualTo("0");
            assertThat(unanswered[1]).isEmpty();
            assertThat(unanswered[2]).contains("\"runId\":\"r3\"", "feedback upload: no summary yet after ",
                    "(1 ask; last: 404 no route /elsewhere/api/v1/projects/shop/runs/r3/summary");

            assertThat(summary(uri, secret, "--run", "r1")).isEqualTo(failing[1]);
            assertThat(summary(uri, secret)).as("the latest run").startsWith("### ✅ Feedback Loop: run <code>r3</code>");
        } finally {
            serve.stop.countDown();
            server.join(TimeUnit.MINUTES.toMillis(1));
        }
    }

    /** {@code feedback summary --url}, signed with the project's secret: its stdout. */
    private static String summary(URI uri, String secret, String... more) {
        SummaryCommand command = new SummaryCommand();
        command.environment = Map.of("FEEDBACK_SECRET", secret);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        List<String> args = new ArrayList<>(List.of("--url", uri.toString(), "--project", "shop", "--secret-env",
                "FEEDBACK_SECRET"));
        args.addAll(List.of(more));
        assertThat(line.execute(args.toArray(String[]::new))).as(err.toString()).isZero();
        return out.toString();
    }

    private Path report(String name, String time, String cases) throws Exception {
        Path report = dir.resolve(name);
        Files.writeString(report, "<testsuite name=\"s\" timestamp=\"" + time + "\" tests=\"2\">\n" + cases
                + "\n</testsuite>\n");
        return report;
    }

    /** {@code feedback upload --summary} as CI runs it; answers {status, out, err}. */
    private static String[] upload(URI uri, String secret, Path report, String run, String... more) {
        UploadCommand command = new UploadCommand();
        command.environment = Map.of("FEEDBACK_SECRET", secret);
        List<Duration> pauses = new ArrayList<>();
        command.sleeper = pauses::add;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        List<String> args = new ArrayList<>(List.of("--url", uri.toString(), "--project", "shop", "--secret-env",
                "FEEDBACK_SECRET", "--run", run, "--retries", "0", "--no-sources", "--summary"));
        args.addAll(List.of(more));
        args.add(report.toString());
        int status = line.execute(args.toArray(String[]::new));
        return new String[] {String.valueOf(status), out.toString(), err.toString()};
    }
}
