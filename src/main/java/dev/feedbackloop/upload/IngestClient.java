package dev.feedbackloop.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.ingest.AttachmentBundle;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
     * What became of a report's screenshots and traces.
     *
     * @param answer   ingest's last answer to the offer ({@code {"status":"accepted",...,"attachments":[...]}})
     * @param uploaded how many contents were PUT
     * @param missing  the attachments the run does not reference, each with why, in report order
     */
    public record AttachmentDelivery(JsonNode answer, int uploaded, List<Missing> missing) {
        public AttachmentDelivery {
            Objects.requireNonNull(answer, "answer");
            missing = List.copyOf(missing);
        }
    }

    /** An attachment offered that its run does not reference, and why. */
    public record Missing(FailingTestAttachments.Found attachment, String reason) {
        public Missing {
            Objects.requireNonNull(attachment, "attachment");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Offers a report's screenshots and traces for the run ingest filed it under ({@code POST /attachments}, signed
     * like a report; see {@link AttachmentBundle}), PUTs each content ingest does not hold yet to the pre-signed URL
     * it granted for exactly those bytes, and then offers the same again: ingest references only what it holds, so
     * the second answer says which arrived. A content held already is referenced at once and not sent again. A PUT
     * that fails does not stop the others; it is named in {@link AttachmentDelivery#missing()}.
     *
     * @param found    the attachments, within the caps of an {@link AttachmentBundle}
     * @param metadata the run metadata with the run id and attempt ingest filed the report under
     * @throws UploadException when an offer is refused or out of retries, naming the URL and why
     */
    public AttachmentDelivery sendAttachments(List<FailingTestAttachments.Found> found, Map<String, String> metadata)
            throws InterruptedException {
        byte[] bundle = AttachmentBundle.write(found.stream().map(FailingTestAttachments.Found::item).toList());
        JsonNode offered = offerAttachments(bundle, found.size(), metadata);
        Map<String, String> failed = new LinkedHashMap<>();
        int uploaded = 0;
        for (JsonNode entry : offered.path("attachments")) {
            if (!entry.path("uploadUrl").isTextual()) {
                continue;
            }
            String sha256 = entry.path("sha256").asText();
            Path file = found.stream().filter(f -> f.item().sha256().equals(sha256)).findFirst()
                    .map(FailingTestAttachments.Found::file).orElseThrow(() -> new UploadException(
                            "ingest granted an upload of " + sha256 + ", which was not offered"));
            try {
                sender.send(() -> putFile(entry, file), a -> Optional.empty());
                uploaded++;
            } catch (UploadException | UncheckedIOException e) {
                failed.put(sha256, "its upload failed: " + e.getMessage());
            }
        }
        boolean putSome = uploaded + failed.size() > 0;
        JsonNode last = putSome ? offerAttachments(bundle, found.size(), metadata) : offered;
        List<Missing> missing = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            JsonNode entry = last.path("attachments").get(i);
            if (!entry.path("held").asBoolean(false)) {
                missing.add(new Missing(found.get(i), whyMissing(entry, failed)));
            }
        }
        ObjectNode answer = ((ObjectNode) last).put("uploaded", uploaded);
        return new AttachmentDelivery(answer, uploaded, missing);
    }

    private JsonNode offerAttachments(byte[] bundle, int items, Map<String, String> metadata)
            throws InterruptedException {
        URI target = endpoint("attachments");
        RetryingSender.Answer answer = sender.send(
                () -> signed(target, "/attachments", bundle, metadata, "application/json"),
                a -> object(a.body()).filter(n -> n.path("attachments").isArray()).isPresent() ? Optional.empty()
                        : Optional.of("answered " + a.summary() + ", which is not ingest's acceptance of attachments"));
        JsonNode accepted = object(answer.body()).orElseThrow();
        if (accepted.path("attachments").size() != items) {
            throw new UploadException("POST " + RetryingSender.shown(target) + " answered for "
                    + accepted.path("attachments").size() + " attachments, not the " + items + " offered");
        }
        return accepted;
    }

    private static String whyMissing(JsonNode entry, Map<String, String> failed) {
        String sha256 = entry.path("sha256").asText();
        if (entry.path("refused").isTextual()) {
            return "ingest refused it: " + entry.path("refused").asText();
        }
        if (failed.containsKey(sha256)) {
            return failed.get(sha256);
        }
        return "uploaded, but ingest does not find it stored (an upload S3 did not keep, or one that expired)";
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
