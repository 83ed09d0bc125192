package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.ingest.RequestSignature;
import dev.feedbackloop.ingest.RunMetadata;
import dev.feedbackloop.upload.CiEnvironment;
import dev.feedbackloop.upload.GzipReports;
import dev.feedbackloop.upload.UploadGrantAnswer;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The CI side of ingestion: gzips a report, signs it with the project's secret and posts it to a deployed
 * {@code ingest} function, retrying transient failures. Reports too large for a Function URL request are sent
 * straight to S3 through a pre-signed URL that {@code ingest} hands out for exactly that content.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Sign and send a test report to a deployed Feedback Loop ingest URL.",
                "Run metadata defaults to what the CI system exposes (GitHub Actions, GitLab CI, Jenkins, CircleCI,"
                        + " Buildkite, Azure Pipelines); flags override it."})
public final class UploadCommand implements Callable<Integer> {

    /** Gzipped reports above this go through a pre-signed S3 upload (a Function URL request is at most 6 MB). */
    static final long DEFAULT_MAX_DIRECT_BYTES = 4L * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, description = "The ingest Function URL.")
    URI url;

    @Option(names = "--project", required = true, description = "Project key.")
    String project;

    @Mixin
    SigningSecretOption signing = new SigningSecretOption();

    @Mixin
    RunMetadataOptions run = new RunMetadataOptions();

    @Option(names = "--retries", defaultValue = "4", description = "Retries on network errors, 429 and 5xx (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--max-direct-bytes", defaultValue = "" + DEFAULT_MAX_DIRECT_BYTES, hidden = true)
    long maxDirectBytes;

    @Parameters(arity = "1", paramLabel = "FILE", description = "The report file (any supported format).")
    Path file;

    /** Reads secrets and CI metadata; tests replace it. */
    Map<String, String> environment = System.getenv();

    // Built in call(), not here: picocli instantiates every subcommand whenever `feedback` starts.
    private ObjectMapper json;
    private HttpClient http;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        json = new ObjectMapper();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        byte[] secret = signing.secret(environment);
        Map<String, String> metadata = metadata();
        Path gzipped = Files.createTempFile("feedback-upload", ".gz");
        try {
            String sha256 = GzipReports.gzip(file, gzipped);
            long size = Files.size(gzipped);
            JsonNode answer = size <= maxDirectBytes
                    ? postReport(secret, metadata, gzipped)
                    : uploadThroughS3(secret, metadata, gzipped, sha256, size);
            out.println(answer.toString());
            return 0;
        } finally {
            Files.deleteIfExists(gzipped);
        }
    }

    /** CI-detected metadata overlaid with explicit flags. */
    Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>(CiEnvironment.detect(environment));
        metadata.putAll(run.metadata(project));
        // Validate here, so a typo fails in CI with a clear message rather than as a 400 from the server.
        RunMetadata.fromParameters(metadata, "unset", Instant.now());
        return metadata;
    }

    private JsonNode postReport(byte[] secret, Map<String, String> metadata, Path body) throws Exception {
        byte[] bytes = Files.readAllBytes(body);
        return withRetries(() -> signed(url, secret, metadata, bytes, "application/gzip"));
    }

    private JsonNode uploadThroughS3(byte[] secret, Map<String, String> metadata, Path body, String sha256,
                                     long size) throws Exception {
        byte[] request = json.writeValueAsBytes(Map.of("sha256", sha256, "bytes", size, "contentEncoding", "gzip"));
        URI uploads = url.resolve(url.getPath().endsWith("/") ? "uploads" : url.getPath() + "/uploads");
        UploadGrantAnswer grant = new UploadGrantAnswer(
                withRetries(() -> signed(uploads, secret, metadata, request, "application/json")));
        HttpRequest.Builder put = grant.put(body).timeout(Duration.ofMinutes(10));
        withRetries(() -> put.build());
        return grant.accepted();
    }

    private HttpRequest signed(URI target, byte[] secret, Map<String, String> metadata, byte[] body,
                               String contentType) {
        long now = Instant.now().getEpochSecond(); // re-signed per attempt: a retry must not look like a replay
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(secret, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (RunMetadata.Field field : RunMetadata.Field.values()) {
            String value = metadata.get(field.parameter());
            if (value != null) {
                request.header(field.header(), value);
            }
        }
        return request.build();
    }

    /** Sends, retrying connection failures, timeouts, 429 and 5xx with exponential backoff and jitter. */
    private JsonNode withRetries(Callable<HttpRequest> request) throws Exception {
        for (int attemptNo = 0; ; attemptNo++) {
            String failure;
            try {
                HttpResponse<String> response = http.send(request.call(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status < 300) {
                    return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
                }
                if (status != 429 && status < 500) {
                    throw new IllegalStateException("upload refused with HTTP " + status + ": " + response.body());
                }
                failure = "HTTP " + status + ": " + response.body();
            } catch (ConnectException | HttpTimeoutException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attemptNo >= retries) {
                throw new IllegalStateException("upload failed after " + (attemptNo + 1) + " attempts; last: " + failure);
            }
            long backoff = Math.min(30_000, 500L << attemptNo);
            spec.commandLine().getErr().println("feedback upload: " + failure + "; retrying in " + backoff + " ms");
            Thread.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
        }
    }
}
