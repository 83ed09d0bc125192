package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.ingest.RequestSignature;
import dev.feedbackloop.ingest.RunMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Drives the upload command against local servers: a JDK HTTP server that checks signatures the way {@code ingest}
 * does and answers as scripted, and a raw socket server for what no well-behaved HTTP server sends (a dropped
 * connection, garbage, a cut-off answer, no answer at all). Waits between attempts are recorded, not slept.
 */
class UploadCommandTest {

    private static final String SECRET = "web-secret";
    private static final String REPORT = "<testsuite name='s'><testcase name='t'/></testsuite>";
    /** {@link #REPORT} as it is sent: redacted, which rewrites its XML in a canonical form. */
    private static final String SENT = "<testsuite name=\"s\"><testcase name=\"t\"/></testsuite>\n";
    private static final String GITHUB_TOKEN = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";
    private String report = REPORT;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Scripted answers, used in order before the normal ones: status, extra header (name: value) or null, body. */
    private final Deque<Scripted> script = new ConcurrentLinkedDeque<>();
    private final List<Duration> waits = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Map<String, String> environment = new LinkedHashMap<>(Map.of("FEEDBACK_SECRET", SECRET,
            "GITHUB_ACTIONS", "true", "GITHUB_RUN_ID", "4242", "GITHUB_SHA", "c0ffee", "GITHUB_REF_NAME", "main"));

    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    record Scripted(int status, String header, String contentType, String body) {
    }

    record Result(int status, String out, String err) {
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

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body);
        received.add(request);
        Scripted next = script.poll();
        if (next != null) {
            if (next.header() != null) {
                String[] header = next.header().split(": ", 2);
                exchange.getResponseHeaders().add(header[0], header[1]);
            }
            respond(exchange, next.status(), next.contentType(), next.body());
        } else if (request.method().equals("PUT")) {
            respond(exchange, 200, null, "");
        } else if (request.path().endsWith("/uploads")) {
            verify(request, "/uploads");
            respond(exchange, 200, "application/json", "{\"uploadUrl\":\"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/s3/reports/web/abc?X-Amz-Signature=secret\","
                    + "\"headers\":{\"x-amz-meta-project\":\"web\"},\"reportKey\":\"reports/web/abc\","
                    + "\"accepted\":{\"status\":\"accepted\",\"runId\":\"4242\"}}");
        } else {
            Map<String, String> fields = verify(request, "/");
            respond(exchange, 202, "application/json", JSON.createObjectNode().put("status", "accepted")
                    .put("runId", fields.get("run")).put("branch", fields.get("branch")).toString());
        }
    }

    /** Checks the request the way ingest does; returns its metadata fields. */
    private Map<String, String> verify(Received request, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.put(name, values.get(0)));
        Map<String, String> fields = RunMetadata.fieldsOf(headers, Map.of());
        RequestSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8), RequestSignature.Signed.of(
                request.method(), path, RequestSignature.timestamp(request.header(RequestSignature.TIMESTAMP_HEADER)),
                request.body(), fields), request.header(RequestSignature.SIGNATURE_HEADER), clock.instant());
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Result upload(String... args) throws IOException {
        return uploadTo(url(), args);
    }

    private Result uploadTo(String url, String... extra) throws IOException {
        Path report = dir.resolve("report.xml");
        Files.writeString(report, this.report);
        UploadCommand command = new UploadCommand();
        command.environment = environment;
        command.sleeper = waits::add;
        command.clock = clock;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        List<String> args = new ArrayList<>(List.of("--url", url, "--project", "web", "--secret-env",
                "FEEDBACK_SECRET"));
        if (!List.of(extra).contains("--retries")) {
            args.addAll(List.of("--retries", "2"));
        }
        args.addAll(List.of(extra));
        args.add(report.toString());
        int status = commandLine.execute(args.toArray(String[]::new));
        return new Result(status, out.toString(), err.toString());
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
        assertThat(request.header(RequestSignature.SIGNATURE_HEADER)).startsWith("v2=");
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(request.body())).readAllBytes(),
                StandardCharsets.UTF_8)).isEqualTo(SENT);
    }

    @Test
    void redactsTheReportBeforeAnythingLeavesCi() throws IOException {
        report = "<testsuite name='s'><testcase name='uses " + GITHUB_TOKEN + "'><failure message='push with "
                + GITHUB_TOKEN + " refused'/><system-out>password=hunter2-in-ci</system-out></testcase></testsuite>";

        Result result = upload();

        assertThat(result.status()).as(result.err()).isZero();
        String sent = new String(new GZIPInputStream(new ByteArrayInputStream(received.get(0).body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(sent).doesNotContain(GITHUB_TOKEN, "hunter2-in-ci")
                .contains("uses [REDACTED:github-token]", "password=[REDACTED:password]");
    }

    @Test
    void refusesToSendAReportItCannotRedact() throws IOException {
        report = "TAP version 13\nok 1 - token ghp_leaks\n";

        Result result = upload();

        assertThat(result.status()).isNotZero();
        assertThat(result.err()).contains("report.xml", "nothing was sent");
        assertThat(received).isEmpty();
    }

    /** The case: GitHub Actions on a branch named feat/ünïcode used to fail with "invalid header value". */
    @Test
    void aNonAsciiBranchFromTheCiEnvironment_travelsPercentEncoded_andSigned() throws IOException {
        environment.put("GITHUB_REF_NAME", "feat/ünïcode");

        Result result = upload("--time", "2026-02-28T10:00:00+01:00");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(received.get(0).header("X-Feedback-Branch")).isEqualTo("feat/%C3%BCn%C3%AFcode");
        assertThat(received.get(0).header("X-Feedback-Time")).isEqualTo("2026-02-28T09:00:00Z");
        assertThat(JSON.readTree(result.out()).path("branch").asText()).isEqualTo("feat/ünïcode");
    }

    @Test
    void retriesTransientFailures_backingOff_andSignsEachAttemptAfresh() throws IOException {
        script.add(new Scripted(503, null, "application/json", "{\"error\":\"unavailable\",\"message\":\"retry\"}"));
        script.add(new Scripted(500, null, null, ""));

        Result result = upload();

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(received).hasSize(3);
        assertThat(result.err()).contains("HTTP 503 Service Unavailable: unavailable: retry; retry 1 of 2 in")
                .contains("HTTP 500 Internal Server Error; retry 2 of 2 in");
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void givesUpAfterTheRetryBudget_namingTheUrlAndTheReason() throws IOException {
        for (int i = 0; i < 3; i++) {
            script.add(new Scripted(503, null, null, ""));
        }

        Result result = upload();

        assertThat(result.status()).isEqualTo(2);
        assertThat(received).hasSize(3);
        assertThat(result.err()).contains("POST " + url() + " failed after 3 attempts (--retries 2): HTTP 503"
                + " Service Unavailable");
    }

    @Test
    void doesNotRetryARefusal() throws IOException {
        script.add(new Scripted(401, null, "application/json",
                "{\"error\":\"unauthorized\",\"message\":\"signature does not match the request\"}"));

        Result result = upload();

        assertThat(result.status()).isEqualTo(2);
        assertThat(received).hasSize(1);
        assertThat(result.err()).contains("POST " + url() + " was refused: HTTP 401 Unauthorized: unauthorized:"
                + " signature does not match the request");
    }

    @Test
    void honoursRetryAfterInSeconds() throws IOException {
        script.add(new Scripted(429, "Retry-After: 7", null, ""));

        Result result = upload();

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(result.err()).contains("HTTP 429 Too Many Requests; retry 1 of 2 in 7 s");
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() throws IOException {
        clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(12)
                .atZone(ZoneOffset.UTC));
        script.add(new Scripted(503, "Retry-After: " + date, null, ""));

        Result result = upload();

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void aRetryAfterBeyondWhatAnUploadWaits_givesUpAtOnce_sayingSo() throws IOException {
        script.add(new Scripted(503, "Retry-After: 3600", null, ""));

        Result result = upload();

        assertThat(result.status()).isEqualTo(2);
        assertThat(received).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(result.err()).contains("the server asks to retry in 60 min, longer than the 30 s");
    }

    @Test
    void aProxysHtmlErrorPage_isSummarisedByItsTitle_notPrintedOnEveryRetry() throws IOException {
        String page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title><style>body{font:x}</style></head>"
                + "<body><h1>Bad Gateway</h1><p>" + "The proxy server received an invalid response. ".repeat(40)
                + "</p></body></html>";
        for (int i = 0; i < 3; i++) {
            script.add(new Scripted(502, null, "text/html", page));
        }

        Result result = upload();

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).doesNotContain("<").doesNotContain("invalid response")
                .contains("HTTP 502 Bad Gateway: HTML page \"502 Bad Gateway\"; retry 1 of 2")
                .contains("the same again; retry 2 of 2")
                .contains("failed after 3 attempts (--retries 2): HTTP 502 Bad Gateway: HTML page \"502 Bad Gateway\"");
        assertThat(result.err().lines()).hasSize(3);
    }

    @Test
    void aSuccessWithAnUnexpectedBody_isASuccessWithAWarning() throws IOException {
        script.add(new Scripted(202, null, "text/plain", "OK"));

        Result result = upload();

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.err()).contains("warning: POST " + url() + " answered HTTP 202: OK, not ingest's JSON"
                + " acceptance: the report was delivered");
        assertThat(JSON.readTree(result.out()).path("status").asText()).isEqualTo("delivered");
    }

    @Test
    void largeReportsGoThroughAPresignedUpload_andAFailedPutIsRetried() throws IOException {
        script.add(new Scripted(200, null, "text/html", "<html><title>captive portal</title></html>"));

        Result result = upload("--max-direct-bytes", "10");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(received).extracting(Received::method, Received::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/uploads"),
                        org.assertj.core.groups.Tuple.tuple("POST", "/uploads"),
                        org.assertj.core.groups.Tuple.tuple("PUT", "/s3/reports/web/abc"));
        assertThat(result.err()).as("an unusable grant is retried")
                .contains("answered HTTP 200: HTML page \"captive portal\", which is no upload grant; retry 1 of 2");
        assertThat(received.get(1).body()).asString(StandardCharsets.UTF_8).contains("\"sha256\"");
        assertThat(received.get(2).header("x-amz-meta-project")).isEqualTo("web");
        assertThat(result.out()).contains("\"runId\":\"4242\"");
    }

    @Test
    void aFailedS3Put_namesTheUrlWithoutItsCredentials() throws IOException {
        script.add(new Scripted(200, null, "application/json", "{\"uploadUrl\":\"http://127.0.0.1:"
                + server.getAddress().getPort() + "/s3/reports/web/abc?X-Amz-Signature=secret\",\"headers\":{}}"));
        script.add(new Scripted(403, null, "application/xml", "<?xml version=\"1.0\"?><Error><Code>"
                + "SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match"
                + "</Message></Error>"));

        Result result = upload("--max-direct-bytes", "10");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("PUT http://127.0.0.1:" + server.getAddress().getPort()
                + "/s3/reports/web/abc was refused: HTTP 403 Forbidden: SignatureDoesNotMatch: The request signature")
                .doesNotContain("X-Amz-Signature");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            too many retries    | --retries | 11        | --retries must be within 0..10, was 11
            negative retries    | --retries | -1        | --retries must be within 0..10, was -1
            timeout too long    | --timeout | 20m       | --timeout: timeout must be within 100 ms..10 min, was 20 min
            timeout not a time  | --timeout | soon      | --timeout: 'soon' is not a duration such as 30s, 500ms or 2m
            time not a time     | --time    | yesterday | Invalid value for option '--time': 'yesterday' is not an ISO-8601 instant
            summary wait too long | --summary-wait | 11m | --summary-wait must be within 0s..10m, was 11m
            summary wait not a time | --summary-wait | later | --summary-wait: 'later' is not a duration
            read url without summary | --read-url | http://127.0.0.1:1/ | --read-url goes with --summary
            time in the future  | --time    | 2999-01-01T00:00:00Z | Invalid value for option '--time': time 2999-01-01T00:00:00Z is not a plausible run time
            """)
    void badFlags_areRefusedBeforeAnythingIsSent(String name, String flag, String value, String message)
            throws IOException {
        Result result = upload(flag, value);

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains(message);
        assertThat(received).isEmpty();
    }

    @Test
    void aMissingSecretIsNamed() throws IOException {
        environment.remove("FEEDBACK_SECRET");

        Result result = upload();

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("FEEDBACK_SECRET");
    }

    @Test
    void nothingListening_isRetried_andNamed() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        Result result = uploadTo("http://127.0.0.1:" + port + "/ingest", "--retries", "1");

        assertThat(result.status()).isEqualTo(2);
        assertThat(waits).hasSize(1);
        assertThat(result.err()).contains("POST http://127.0.0.1:" + port + "/ingest failed after 2 attempts")
                .contains("cannot connect");
    }

    /** What a broken network or server does to an exchange, then a good answer. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a dropped connection   | DROP     | the exchange broke off
            a garbled answer       | GARBAGE  | the exchange broke off
            an answer cut short    | TRUNCATE | the exchange broke off
            """)
    void anyIoFailure_isRetried(String name, RawServer.Fault fault, String reason) throws Exception {
        try (RawServer raw = new RawServer(List.of(fault, RawServer.Fault.ACCEPT))) {
            Result result = uploadTo(raw.url());

            assertThat(result.status()).as(result.err()).isZero();
            assertThat(raw.requests()).isEqualTo(2);
            assertThat(result.err()).contains("POST " + raw.url() + ": " + reason).contains("retry 1 of 2");
            assertThat(result.out()).contains("\"status\":\"accepted\"");
        }
    }

    @Test
    void aServerThatNeverAnswers_isGivenUpAfterTheTimeout() throws Exception {
        try (RawServer raw = new RawServer(List.of(RawServer.Fault.HANG, RawServer.Fault.HANG))) {
            Result result = uploadTo(raw.url(), "--timeout", "200ms", "--retries", "1");

            assertThat(result.status()).isEqualTo(2);
            assertThat(result.err()).contains("POST " + raw.url() + " failed after 2 attempts (--retries 1): no answer"
                    + " within 200 ms (--timeout)");
        }
    }

    /**
     * A server speaking raw bytes, one scripted behaviour per connection: reads one request, then answers (or not)
     * as told, and closes the connection.
     */
    static final class RawServer implements AutoCloseable {

        enum Fault { DROP, GARBAGE, TRUNCATE, HANG, ACCEPT }

        private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");
        private final ServerSocket socket;
        private final Thread thread;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile int requests;

        RawServer(List<Fault> faults) throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(faults), "raw-http");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        int requests() {
            return requests;
        }

        private void serve(List<Fault> faults) {
            for (Fault fault : faults) {
                try {
                    Socket connection = socket.accept();
                    open.add(connection);
                    readRequest(connection.getInputStream());
                    requests++;
                    answer(connection, fault);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void answer(Socket connection, Fault fault) throws IOException {
            OutputStream out = connection.getOutputStream();
            switch (fault) {
                case DROP -> connection.close();
                case GARBAGE -> {
                    out.write("\u0000\u00ffgarbage, not HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    connection.close();
                }
                case TRUNCATE -> {
                    out.write(("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
                            + "Connection: close\r\n\r\n{\"status\":").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    connection.close();
                }
                case HANG -> {
                    // keeps the connection open, answering nothing; closed when the server closes
                }
                case ACCEPT -> {
                    byte[] body = "{\"status\":\"accepted\",\"runId\":\"4242\"}".getBytes(StandardCharsets.US_ASCII);
                    out.write(("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    connection.close();
                }
            }
        }

        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            Matcher length = LENGTH.matcher(head);
            if (length.find()) {
                in.readNBytes(Integer.parseInt(length.group(1)));
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket connection : open) {
                connection.close();
            }
            thread.join(5_000);
        }
    }
}
