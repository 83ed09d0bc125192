package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.ingest.RequestSignature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Drives the upload command against a local HTTP server that checks signatures the way {@code ingest} does. */
class UploadCommandTest {

    private static final String SECRET = "web-secret";
    private static final String REPORT = "<testsuite name='s'><testcase name='t'/></testsuite>";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private volatile int refuseWith;
    /** The waits the command asked for between attempts, in milliseconds (none is slept). */
    private final List<Long> pauses = new CopyOnWriteArrayList<>();

    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body);
        received.add(request);
        if (failuresToServe.getAndDecrement() > 0) {
            respond(exchange, 503, "{\"error\":\"busy\"}");
        } else if (refuseWith != 0) {
            respond(exchange, refuseWith, "{\"error\":\"signature does not match the body\"}");
        } else if (request.method().equals("PUT")) {
            respond(exchange, 200, "");
        } else if (request.path().endsWith("/uploads")) {
            verify(request);
            respond(exchange, 200, "{\"uploadUrl\":\"http://127.0.0.1:" + server.getAddress().getPort()
                    + "/s3/reports/web/abc\",\"headers\":{\"x-amz-meta-project\":\"web\"},\"reportKey\":\"reports/web/abc\"}");
        } else {
            verify(request);
            respond(exchange, 202, "{\"status\":\"accepted\",\"runId\":\"" + request.header("X-Feedback-Run-Id") + "\"}");
        }
    }

    private static void verify(Received request) {
        RequestSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8),
                request.header(RequestSignature.TIMESTAMP_HEADER), request.header(RequestSignature.SIGNATURE_HEADER),
                request.body(), Instant.now());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Result upload(String... extra) throws IOException {
        Path report = dir.resolve("report.xml");
        Files.writeString(report, REPORT);
        UploadCommand command = new UploadCommand();
        command.pause = pauses::add;
        command.environment = Map.of("FEEDBACK_SECRET", SECRET, "GITHUB_ACTIONS", "true", "GITHUB_RUN_ID", "4242",
                "GITHUB_SHA", "c0ffee", "GITHUB_REF_NAME", "main");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        String[] args = concat(new String[] {"--url", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                "--project", "web", "--secret-env", "FEEDBACK_SECRET", "--retries", "2"}, extra, report.toString());
        int status = commandLine.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    record Result(int status, String out, String err) {
    }

    @Test
    void postsASignedGzippedReportWithCiMetadata() throws IOException {
        Result result = upload("--branch", "feature/x");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"runId\":\"4242\"");
        Received request = received.get(0);
        assertThat(request.header("X-Feedback-Project")).isEqualTo("web");
        assertThat(request.header("X-Feedback-Commit")).isEqualTo("c0ffee");
        assertThat(request.header("X-Feedback-Branch")).as("a flag wins over CI").isEqualTo("feature/x");
        assertThat(request.header("X-Feedback-Ci-Provider")).isEqualTo("github-actions");
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(request.body())).readAllBytes(),
                StandardCharsets.UTF_8)).isEqualTo(REPORT);
    }

    @Test
    void retriesTransientFailuresAndSignsEachAttemptAfresh() throws IOException {
        failuresToServe.set(2);

        Result result = upload();

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(received).hasSize(3);
        assertThat(result.err()).contains("HTTP 503").contains("retrying");
        assertThat(pauses).as("exponential backoff with jitter: half to all of 500 ms, then of 1 s").hasSize(2);
        assertThat(pauses.get(0)).isBetween(250L, 500L);
        assertThat(pauses.get(1)).isBetween(500L, 1000L);
    }

    @Test
    void givesUpAfterTheRetryBudget() throws IOException {
        failuresToServe.set(10);

        Result result = upload();

        assertThat(result.status()).isEqualTo(2);
        assertThat(received).hasSize(3);
        assertThat(result.err()).contains("upload failed after 3 attempts");
    }

    @Test
    void doesNotRetryARefusal() throws IOException {
        refuseWith = 401;

        Result result = upload();

        assertThat(result.status()).isEqualTo(2);
        assertThat(received).hasSize(1);
        assertThat(pauses).isEmpty();
        assertThat(result.err()).contains("HTTP 401").contains("signature does not match");
    }

    @Test
    void largeReportsGoThroughAPresignedUpload() throws IOException {
        Result result = upload("--max-direct-bytes", "10");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(received).extracting(Received::method, Received::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/uploads"),
                        org.assertj.core.groups.Tuple.tuple("PUT", "/s3/reports/web/abc"));
        assertThat(received.get(0).body()).asString(StandardCharsets.UTF_8).contains("\"sha256\"");
        assertThat(received.get(1).header("x-amz-meta-project")).isEqualTo("web");
    }

    @Test
    void aMissingSecretIsNamed() throws IOException {
        Path report = dir.resolve("r.xml");
        Files.writeString(report, REPORT);
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new UploadCommand());
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        int status = commandLine.execute("--url", "http://127.0.0.1:1/", "--project", "web",
                "--secret-env", "NO_SUCH_VARIABLE_FOR_TEST", report.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("NO_SUCH_VARIABLE_FOR_TEST");
    }

    private static String[] concat(String[] head, String[] middle, String last) {
        String[] all = new String[head.length + middle.length + 1];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        all[all.length - 1] = last;
        return all;
    }
}
