package dev.feedbackloop.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.ingest.RequestSignature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The CI side of ingest over HTTP: posts a gzip-compressed report to the ingest URL, signed with the project's secret
 * ({@link RequestSignature}, each attempt signed anew), or, for a report too large for one request, asks for a
 * pre-signed upload and PUTs the report to S3. Every request is retried within a {@link RetryPolicy}
 * ({@link RetryingSender}); ingest stores a redelivered report once, so a retry after an answer was lost is safe.
 */
public final class IngestClient {

    /** The least throughput a large report's PUT is allowed: its timeout grows by a second per MiB. */
    private static final long BYTES_PER_SECOND = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final byte[] secret;
    private final RetryPolicy policy;
    private final Clock clock;
    private final RetryingSender sender;

    /**
     * @param url     the ingest Function URL; reports are posted to it, upload requests to {@code <url>/uploads}
     * @param secret  the project's signing secret
     * @param sleeper waits between attempts
     * @param clock   signs each attempt, and reads {@code Retry-After} dates
     * @param notices where retry notices go, one line each
     */
    public IngestClient(URI url, byte[] secret, RetryPolicy policy, Sleeper sleeper, Clock clock,
                        Consumer<String> notices) {
        this.url = Objects.requireNonNull(url, "url");
        this.secret = Objects.requireNonNull(secret, "secret").clone();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        HttpClient http = HttpClient.newBuilder().connectTimeout(policy.connectTimeout()).build();
        this.sender = new RetryingSender(http, policy, sleeper, clock, notices);
    }

    /**
     * What ingest said of a delivered report.
     *
     * @param answer  ingest's acceptance ({@code {"status":"accepted","runId",...,"duplicate"}}); for an answer that
     *                could not be read, {@code {"status":"delivered","warning"}}
     * @param warning set when the report was delivered (a 2xx) but the answer was not what ingest sends
     */
    public record Delivery(JsonNode answer, Optional<String> warning) {
    }

    /**
     * Sends a gzip-compressed report.
     *
     * @param gzipped        the compressed report
     * @param sha256         hex SHA-256 of {@code gzipped}
     * @param metadata       run metadata under parameter names ({@code project}, {@code run}, ...)
     * @param maxDirectBytes larger reports go through a pre-signed S3 upload
     * @throws UploadException when refused or out of retries, naming the URL and why
     */
    public Delivery send(Path gzipped, String sha256, Map<String, String> metadata, long maxDirectBytes)
            throws IOException, InterruptedException {
        long size = Files.size(gzipped);
        return size <= maxDirectBytes ? post(Files.readAllBytes(gzipped), metadata)
                : uploadThroughS3(gzipped, sha256, size, metadata);
    }

    private Delivery post(byte[] body, Map<String, String> metadata) throws InterruptedException {
        RetryingSender.Answer answer = sender.send(() -> signed(url, "/", body, metadata, "application/gzip"),
                a -> Optional.empty());
        Optional<JsonNode> accepted = object(answer.body());
        if (accepted.isPresent()) {
            return new Delivery(accepted.get(), Optional.empty());
        }
        String warning = "POST " + RetryingSender.shown(url) + " answered " + answer.summary()
                + ", not ingest's JSON acceptance: the report was delivered, but which run it was filed under is"
                + " unknown (is --url the ingest Function URL?)";
        ObjectNode delivered = JSON.createObjectNode().put("status", "delivered").put("warning", warning);
        return new Delivery(delivered, Optional.of(warning));
    }

    private Delivery uploadThroughS3(Path gzipped, String sha256, long size, Map<String, String> metadata)
            throws IOException, InterruptedException {
        byte[] request = JSON.writeValueAsBytes(Map.of("sha256", sha256, "bytes", size, "contentEncoding", "gzip"));
        URI uploads = endpoint("uploads");
        RetryingSender.Answer granted = sender.send(
                () -> signed(uploads, "/uploads", request, metadata, "application/json"), IngestClient::notAGrant);
        UploadGrantAnswer grant = new UploadGrantAnswer(object(granted.body()).orElseThrow());
        Duration timeout = policy.timeout().plusSeconds(size / BYTES_PER_SECOND);
        sender.send(() -> put(grant, gzipped, timeout), a -> Optional.empty());
        return new Delivery(grant.accepted(), Optional.empty());
    }

    /**
     * Sends the source files of a report's failing tests, after the report ({@code POST /sources}, signed like a
     * report; see {@link dev.feedbackloop.ingest.SourceBundle}).
     *
     * @param bundle   the {@link dev.feedbackloop.ingest.SourceBundle} body
     * @param metadata the run metadata with the run id and attempt ingest filed the report under
     * @return ingest's answer ({@code {"status":"accepted",...,"sources":[...],"created"}})
     * @throws UploadException when refused or out of retries, naming the URL and why
     */
    public JsonNode sendSources(byte[] bundle, Map<String, String> metadata) throws InterruptedException {
        URI sources = endpoint("sources");
        RetryingSender.Answer answer = sender.send(
                () -> signed(sources, "/sources", bundle, metadata, "application/json"), IngestClient::notSourcesKept);
        return object(answer.body()).orElseThrow();
    }

    /**
     * Offers a report's screenshots and traces for the run ingest filed it under ({@code POST /attachments}, signed
     * like a report; see {@link dev.feedbackloop.ingest.AttachmentBundle}), then PUTs each content ingest does not hold
     * yet to the pre-signed URL it granted for exactly those bytes. A content held already is not sent again.
     *
     * @param bundle   the {@link dev.feedbackloop.ingest.AttachmentBundle} body
     * @param files    where each offered content is, by SHA-256
     * @param metadata the run metadata with the run id and attempt ingest filed the report under
     * @return ingest's answer, with {@code "uploaded"}: how many contents were PUT
     * @throws UploadException when refused or out of retries, naming the URL and why
     */
    public JsonNode sendAttachments(byte[] bundle, Map<String, Path> files, Map<String, String> metadata)
            throws InterruptedException {
        URI target = endpoint("attachments");
        RetryingSender.Answer answer = sender.send(
                () -> signed(target, "/attachments", bundle, metadata, "application/json"),
                a -> object(a.body()).filter(n -> n.path("attachments").isArray()).isPresent() ? Optional.empty()
                        : Optional.of("answered " + a.summary() + ", which is not ingest's acceptance of attachments"));
        ObjectNode accepted = (ObjectNode) object(answer.body()).orElseThrow();
        int uploaded = 0;
        for (JsonNode entry : accepted.path("attachments")) {
            if (!entry.path("uploadUrl").isTextual()) {
                continue;
            }
            Path file = files.get(entry.path("sha256").asText());
            if (file == null) {
                throw new UploadException("ingest granted an upload of " + entry.path("sha256").asText()
                        + ", which was not offered");
            }
            sender.send(() -> putFile(entry, file), a -> Optional.empty());
            uploaded++;
        }
        accepted.put("uploaded", uploaded);
        return accepted;
    }

    private HttpRequest putFile(JsonNode grant, Path file) {
        try {
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(grant.path("uploadUrl").asText()))
                    .timeout(policy.timeout()).PUT(HttpRequest.BodyPublishers.ofFile(file));
            grant.path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
            return put.build();
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("the attachment " + file + " is gone", e);
        }
    }

    /**
     * Posts a signed JSON request to another write route of the ingest URL ({@code /triage}, {@code /implemented}),
     * retried like the others (those routes are idempotent).
     *
     * @param name     the route without its slash, resolved against the ingest URL
     * @param body     the JSON body
     * @param metadata the fields signed with it ({@code project})
     * @return the route's JSON answer
     * @throws UploadException when refused (naming the status and the server's message) or out of retries
     */
    public JsonNode postJson(String name, byte[] body, Map<String, String> metadata) throws InterruptedException {
        URI target = endpoint(name);
        RetryingSender.Answer answer = sender.send(
                () -> signed(target, "/" + name, body, metadata, "application/json"),
                a -> object(a.body()).isPresent() ? Optional.empty()
                        : Optional.of("answered " + a.summary() + ", which is not JSON"));
        return object(answer.body()).orElseThrow();
    }

    private URI endpoint(String name) {
        return url.resolve(url.getPath().endsWith("/") ? name : url.getPath() + "/" + name);
    }

    private static Optional<String> notSourcesKept(RetryingSender.Answer answer) {
        Optional<JsonNode> kept = object(answer.body());
        return kept.isPresent() && kept.get().path("sources").isArray() ? Optional.empty()
                : Optional.of("answered " + answer.summary() + ", which is not ingest's acceptance of sources");
    }

    private HttpRequest signed(URI target, String endpoint, byte[] body, Map<String, String> metadata,
                               String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(policy.timeout())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        // Signed per attempt, now: a retry must not look like a replay.
        RequestSignature.signedHeaders(secret, "POST", endpoint, body, metadata, clock.instant())
                .forEach(request::header);
        return request.build();
    }

    private static HttpRequest put(UploadGrantAnswer grant, Path gzipped, Duration timeout) {
        try {
            return grant.put(gzipped).timeout(timeout).build();
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("the compressed report " + gzipped + " is gone", e);
        }
    }

    private static Optional<String> notAGrant(RetryingSender.Answer answer) {
        Optional<JsonNode> grant = object(answer.body());
        return grant.isPresent() && grant.get().path("uploadUrl").isTextual() ? Optional.empty()
                : Optional.of("answered " + answer.summary() + ", which is no upload grant");
    }

    private static Optional<JsonNode> object(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
