package dev.feedbackloop.adapter.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.dynamodb.BatchWrites;
import dev.feedbackloop.adapter.lambda.ClassifyFunction;
import dev.feedbackloop.adapter.lambda.ClassifyResult;
import dev.feedbackloop.adapter.lambda.IngestFunction;
import dev.feedbackloop.adapter.lambda.RegenerateFunction;
import dev.feedbackloop.adapter.lambda.S3Notification;
import dev.feedbackloop.adapter.lambda.SqsBatchResponse;
import dev.feedbackloop.adapter.lambda.SqsEvent;
import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.llm.LlmSettings;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.store.SpendLedger;
import dev.feedbackloop.ingest.AttachmentBundle;
import dev.feedbackloop.ingest.RunMetadata;
import dev.feedbackloop.ingest.SourceBundle;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.ShippedSources;
import dev.feedbackloop.regenerate.SourceRoot;
import dev.feedbackloop.regenerate.TestSources;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.upload.EvidenceFiles;
import dev.feedbackloop.upload.FailingTestAttachments;
import dev.feedbackloop.upload.FailingTestSnapshots;
import dev.feedbackloop.upload.GzipReports;
import dev.feedbackloop.upload.SignedIngestEvents;
import dev.feedbackloop.upload.UploadGrantAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole loop on a laptop: the embedded engines, the same wiring and the same Lambda function classes as on AWS,
 * driven the way AWS drives them. A report is signed and handed to {@code ingest} as a Function URL event (as CI
 * sends it), the stored object is announced to {@code classify} as an S3 notification, and the regeneration requests
 * on the queue are handed to {@code regenerate} as SQS batches.
 */
public final class LocalLoop implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(LocalLoop.class.getName());
    /**
     * Largest gzipped report sent inline, as {@code feedback upload} does: a Function URL takes 6 MB, and base64
     * grows a binary body by a third.
     */
    static final long MAX_INLINE_BYTES = 4L * 1024 * 1024;

    private final LocalEngines engines;
    private final LocalWiring wiring;
    /** Report keys granted for an upload to the local bucket, classified once the report is there. */
    private final java.util.Set<String> grantedUploads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Whether projects sign with {@link #secret} ({@link #deliver}) rather than secrets of their own. */
    private final boolean sessionSecret;
    private final SqsClient sqs;
    private final Clock clock;
    /** A fresh signing secret per session: every project signs with it, as every CI job would with its own. */
    private final byte[] secret;
    private final IngestFunction ingest;
    private final ClassifyFunction classify;
    private final RegenerateFunction regenerate;
    /** The model wiring, for the function that drains a history load's queue. */
    private final LlmWiring llm;
    /** Sources of the tests, here also to hash them: a changed test source detects an implemented fix. */
    private final TestSources sources;
    /** What of the failing attempts' attachments is shipped with each report; none unless asked. */
    private volatile Set<FailingTestAttachments.Kind> attachmentKinds = Set.of();

    private LocalLoop(LocalEngines engines, Clock clock, LlmWiring llm, TestSources sources,
                      List<ExecutionInterceptor> dynamoDbInterceptors, BatchWrites batchWrites,
                      Optional<ProjectSecrets> projectSecrets) {
        this.engines = engines;
        this.clock = clock;
        this.secret = randomSecret();
        this.sessionSecret = projectSecrets.isEmpty();
        ProjectSecrets anyProject = project -> Optional.of(secret.clone());
        this.wiring = LocalWiring.on(engines, projectSecrets.orElse(anyProject), clock, dynamoDbInterceptors,
                batchWrites);
        this.sqs = engines.sqs();
        this.ingest = new IngestFunction(wiring.loop(), clock);
        // a loop receiving CI's requests is the deployed shape: what CI shipped (sources, hashes) is all it has
        this.classify = new ClassifyFunction(wiring.loop(), LocalEngines.BUCKET, projectSecrets.isPresent()
                ? new ShippedSources(wiring.loop().sources()) : sources);
        this.regenerate = new RegenerateFunction(wiring.loop(), llm, sources, Optional.empty(), clock);
        this.llm = llm;
        this.sources = sources;
    }

    /**
     * Starts the engines and the loop.
     *
     * @param dataDirectory where DynamoDB and S3 keep their data across runs; empty for a throw-away store in memory
     */
    public static LocalLoop start(Optional<Path> dataDirectory, Clock clock) {
        return start(dataDirectory, clock, LlmWiring.create(LlmSettings.none(), new LlmWiring.Collaborators(
                ApiKeySource.none(), SpendLedger.inMemory(), Optional.empty(), Optional.empty(), clock)),
                TestSources.NONE);
    }

    /**
     * Starts the engines and the loop, with a model (or none) and the failing tests' sources for {@code regenerate}.
     * The model wiring stays the caller's to close.
     */
    public static LocalLoop start(Optional<Path> dataDirectory, Clock clock, LlmWiring llm, TestSources sources) {
        return start(dataDirectory, clock, llm, sources, List.of(), BatchWrites.TRANSACTIONS);
    }

    /**
     * Starts the engines and the loop, with interceptors on the loop's DynamoDB client (to count or time its
     * requests) and a choice of how results are written in bulk (transactions, unless measuring the difference), as
     * the manifest load benchmark does.
     */
    public static LocalLoop start(Optional<Path> dataDirectory, Clock clock, LlmWiring llm, TestSources sources,
                                  List<ExecutionInterceptor> dynamoDbInterceptors, BatchWrites batchWrites) {
        return start(dataDirectory, clock, llm, sources, dynamoDbInterceptors, batchWrites, Optional.empty());
    }

    /**
     * Starts the engines and a loop that takes requests signed with each project's own secret ({@link #receive}),
     * as the deployed ingest function does: what {@code feedback serve} runs. Such a loop does not {@link #deliver}.
     */
    public static LocalLoop receiving(Path dataDirectory, Clock clock, ProjectSecrets secrets) {
        return start(Optional.of(dataDirectory), clock, LlmWiring.create(LlmSettings.none(),
                new LlmWiring.Collaborators(ApiKeySource.none(), SpendLedger.inMemory(), Optional.empty(),
                        Optional.empty(), clock)), TestSources.NONE, List.of(), BatchWrites.TRANSACTIONS,
                Optional.of(secrets));
    }

    private static LocalLoop start(Optional<Path> dataDirectory, Clock clock, LlmWiring llm, TestSources sources,
                                   List<ExecutionInterceptor> dynamoDbInterceptors, BatchWrites batchWrites,
                                   Optional<ProjectSecrets> secrets) {
        LocalEngines engines = Quietly.start(() -> LocalEngines.start(dataDirectory));
        try {
            return new LocalLoop(engines, clock, llm, sources, dynamoDbInterceptors, batchWrites, secrets);
        } catch (RuntimeException e) {
            engines.close();
            throw e;
        }
    }

    /** What happened to one report on its way through the loop. */
    public record Delivery(Path report, int ingestStatus, JsonNode ingestAnswer, List<ClassifyResult.Report> classified,
                           int regenerationsTaken, int regenerationsRefused) {

        /** Whether {@code ingest} accepted the report (202). */
        public boolean accepted() {
            return ingestStatus == 202;
        }
    }

    /** A report to deliver, with its run metadata under parameter names ({@code project}, {@code run}, ...). */
    public record Shipment(Path report, Map<String, String> metadata) {

        public Shipment {
            Objects.requireNonNull(report, "report");
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * What delivering several reports did: each report's ingest and classify (in order), then the regeneration
     * requests they queued, taken once at the end.
     */
    public record Load(List<Delivery> deliveries, int regenerationsTaken, int regenerationsRefused) {

        public Load {
            deliveries = List.copyOf(deliveries);
        }
    }

    /**
     * Sends one report through the loop: ingest, classify, regenerate intake.
     *
     * @param metadata run metadata under parameter names ({@code project}, {@code run}, {@code commit}, ...)
     */
    public Delivery deliver(Path report, Map<String, String> metadata) {
        Delivery delivery = ingestAndClassify(report, metadata);
        if (!delivery.accepted()) {
            return delivery;
        }
        int[] intake = drainRegenerationQueue(regenerate);
        return new Delivery(report, delivery.ingestStatus(), delivery.ingestAnswer(), delivery.classified(),
                intake[0], intake[1]);
    }

    /**
     * Sends reports through the loop in order, each through ingest and classify as {@link #deliver} does, as one
     * history load: classify holds each test's health in memory across the reports and writes it once at the end,
     * followed by the reports' completion markers ({@link dev.feedbackloop.classify.ReportClassifier#hold}); then the
     * regeneration requests they queued go to {@code regenerate} once, after the last, instead of after each. What is
     * stored is what delivering them one by one stores: the health is advanced by the same judge over the same states,
     * regeneration requests are claimed and deduplicated when classify queues them, and intake is idempotent. A load
     * that fails half-way writes no health and no completion marker of what it held, so loading again redoes those
     * reports.
     *
     * @param delivered told of each report as soon as it is classified (its delivery's regeneration counts are 0;
     *                  the load's are the totals)
     */
    public Load deliverAll(List<Shipment> shipments, Consumer<Delivery> delivered) {
        List<Delivery> deliveries = new ArrayList<>(shipments.size());
        var classifier = wiring.loop().reportClassifier();
        classifier.hold();
        classify.startLoad();
        try {
            for (Shipment shipment : shipments) {
                Delivery delivery = ingestAndClassify(shipment.report(), shipment.metadata());
                deliveries.add(delivery);
                delivered.accept(delivery);
            }
            classifier.release();
        } catch (RuntimeException | Error e) {
            classifier.abandon();
            throw e;
        } finally {
            classify.endLoad();
        }
        int[] intake = drainRegenerationQueue(RegenerateFunction.forOneLoadDrain(wiring.loop(), llm, sources, clock));
        return new Load(deliveries, intake[0], intake[1]);
    }

    /** Ingest and classify; the regeneration requests classify queued stay on the queue. */
    private Delivery ingestAndClassify(Path report, Map<String, String> metadata) {
        if (!sessionSecret) {
            throw new IllegalStateException("this loop takes requests signed with the projects' own secrets: send"
                    + " them to receive()");
        }
        Path gzipped = null;
        try {
            gzipped = Files.createTempFile("feedback-report", ".gz");
            String sha256 = GzipReports.gzip(report, gzipped);
            long size = Files.size(gzipped);
            APIGatewayV2HTTPResponse response = size <= MAX_INLINE_BYTES
                    ? ingest.ingest(signedEvent("/", Files.readAllBytes(gzipped), metadata))
                    : uploadThroughS3(gzipped, sha256, size, metadata);
            JsonNode answer = parse(response.getBody());
            if (response.getStatusCode() != 202) {
                return new Delivery(report, response.getStatusCode(), answer, List.of(), 0, 0);
            }
            shipPageSnapshots(report, metadata, answer);
            shipAttachments(report, metadata, answer);
            ClassifyResult result = classify.classify(notification(answer.path("reportKey").asText()));
            return new Delivery(report, response.getStatusCode(), answer, result.reports, 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(report + ": cannot read or compress: " + e.getMessage(), e);
        } finally {
            deleteQuietly(gzipped);
        }
    }

    /**
     * The page at each failure, shipped as {@code feedback upload} ships it ({@code POST /sources} for the run ingest
     * filed the report under): read inside the report's folder or the source root ({@link FailingTestSnapshots}),
     * found by {@code regenerate} in the source store. Only a report that names an {@code error-context} is read
     * again; what was not shipped (a path out of the folders, a file too large) is logged.
     */
    private void shipPageSnapshots(Path report, Map<String, String> metadata, JsonNode answer) throws IOException {
        if (!answer.path("runId").isTextual() || !FailingTestSnapshots.mayName(report)) {
            return;
        }
        List<Path> roots = new ArrayList<>();
        roots.add(report.toAbsolutePath().getParent());
        if (sources instanceof SourceRoot root) {
            roots.add(root.root());
        }
        FailingTestSnapshots.Collected pages = FailingTestSnapshots.collect(report, Reports.standard(),
                new EvidenceFiles(roots), Redactor.standard());
        pages.skipped().forEach(s -> LOG.log(System.Logger.Level.WARNING, "{0}: page snapshot not shipped: {1}",
                report, s));
        if (pages.snapshots().isEmpty()) {
            return;
        }
        Map<String, String> run = new LinkedHashMap<>(metadata);
        run.put(RunMetadata.Field.RUN_ID.parameter(), answer.path("runId").asText());
        run.put(RunMetadata.Field.RUN_ATTEMPT.parameter(), Integer.toString(answer.path("attempt").asInt(1)));
        APIGatewayV2HTTPResponse kept = ingest.ingest(signedEvent("/sources",
                SourceBundle.write(List.of(), pages.snapshots()), run));
        if (kept.getStatusCode() != 202) {
            LOG.log(System.Logger.Level.WARNING, "{0}: page snapshots refused: {1}", report, kept.getBody());
        }
    }

    /**
     * From now on, ships the failing attempts' screenshots (and traces, when among {@code kinds}) with each report, as
     * {@code feedback upload --attachments} does: offered to ingest ({@code POST /attachments}) and PUT to the local S3
     * store through the URLs it grants, each content once.
     *
     * @return this loop
     */
    public LocalLoop shippingAttachments(Set<FailingTestAttachments.Kind> kinds) {
        this.attachmentKinds = Set.copyOf(kinds);
        return this;
    }

    private void shipAttachments(Path report, Map<String, String> metadata, JsonNode answer) throws IOException {
        Set<FailingTestAttachments.Kind> kinds = attachmentKinds;
        if (kinds.isEmpty() || !answer.path("runId").isTextual()) {
            return;
        }
        FailingTestAttachments.Collected collected = FailingTestAttachments.collect(report, Reports.standard(),
                new EvidenceFiles(evidenceRoots(report)), kinds, Redactor.standard());
        collected.skipped().forEach(s -> LOG.log(System.Logger.Level.WARNING, "{0}: attachment not shipped: {1}",
                report, s));
        if (collected.found().isEmpty()) {
            return;
        }
        Map<String, Path> files = new LinkedHashMap<>();
        collected.found().forEach(f -> files.putIfAbsent(f.item().sha256(), f.file()));
        byte[] bundle = AttachmentBundle.write(collected.found().stream().map(FailingTestAttachments.Found::item)
                .toList());
        Map<String, String> run = runOf(metadata, answer);
        APIGatewayV2HTTPResponse offered = ingest.ingest(signedEvent("/attachments", bundle, run));
        if (offered.getStatusCode() != 202) {
            LOG.log(System.Logger.Level.WARNING, "{0}: attachments refused: {1}", report, offered.getBody());
            return;
        }
        Map<String, String> failed = new LinkedHashMap<>();
        for (JsonNode grant : parse(offered.getBody()).path("attachments")) {
            Path file = files.get(grant.path("sha256").asText());
            if (grant.path("uploadUrl").isTextual() && file != null) {
                put(grant, file).ifPresent(why -> failed.put(grant.path("sha256").asText(), why));
            }
        }
        if (parse(offered.getBody()).path("granted").asInt() > 0) {
            // the same offer again: ingest references what arrived, and says what did not
            JsonNode confirmed = parse(ingest.ingest(signedEvent("/attachments", bundle, run)).getBody());
            for (JsonNode entry : confirmed.path("attachments")) {
                if (!entry.path("held").asBoolean(false)) {
                    LOG.log(System.Logger.Level.WARNING, "{0}: attachment not stored: {1} (attempt {2}) {3}: {4}",
                            report, entry.path("test").asText(), entry.path("attempt").asInt(),
                            entry.path("name").asText(), entry.path("refused").asText(
                                    failed.getOrDefault(entry.path("sha256").asText(), "not stored after its upload")));
                }
            }
        }
    }

    /** PUTs one granted content; why the store refused it, if it did. */
    private static Optional<String> put(JsonNode grant, Path file) throws IOException {
        var put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(grant.path("uploadUrl").asText()))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofFile(file));
        grant.path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        try {
            HttpResponse<String> stored = HttpClient.newHttpClient().send(put.build(),
                    HttpResponse.BodyHandlers.ofString());
            return stored.statusCode() >= 300
                    ? Optional.of(file + ": the local S3 store refused it with HTTP " + stored.statusCode())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while uploading an attachment", e);
        }
    }

    /** Where a report's evidence may be read: its folder, and the source root when there is one. */
    private List<Path> evidenceRoots(Path report) {
        List<Path> roots = new ArrayList<>();
        roots.add(report.toAbsolutePath().getParent());
        if (sources instanceof SourceRoot root) {
            roots.add(root.root());
        }
        return roots;
    }

    private static Map<String, String> runOf(Map<String, String> metadata, JsonNode answer) {
        Map<String, String> run = new LinkedHashMap<>(metadata);
        run.put(RunMetadata.Field.RUN_ID.parameter(), answer.path("runId").asText());
        run.put(RunMetadata.Field.RUN_ATTEMPT.parameter(), Integer.toString(answer.path("attempt").asInt(1)));
        return run;
    }

    private APIGatewayV2HTTPEvent signedEvent(String path, byte[] body, Map<String, String> metadata) {
        return JSON.convertValue(SignedIngestEvents.functionUrlPost(path, body, metadata, secret, clock.instant()),
                APIGatewayV2HTTPEvent.class);
    }

    /**
     * A report too large for a Function URL call takes the route {@code feedback upload} takes: ingest grants a
     * pre-signed S3 upload ({@code POST /uploads}), the report is PUT there, and the grant's answer stands for the
     * accepted report. A refused grant is answered as ingest answered it.
     */
    private APIGatewayV2HTTPResponse uploadThroughS3(Path gzipped, String sha256, long size,
                                                     Map<String, String> metadata) throws IOException {
        byte[] request = JSON.writeValueAsBytes(Map.of("sha256", sha256, "bytes", size, "contentEncoding", "gzip"));
        APIGatewayV2HTTPResponse granted = ingest.ingest(signedEvent("/uploads", request, metadata));
        if (granted.getStatusCode() >= 300) {
            return granted;
        }
        UploadGrantAnswer grant = new UploadGrantAnswer(parse(granted.getBody()));
        try {
            HttpResponse<String> stored = HttpClient.newHttpClient().send(grant.put(gzipped).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (stored.statusCode() >= 300) {
                throw new IllegalStateException("the local S3 store refused the upload with HTTP "
                        + stored.statusCode() + ": " + stored.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while uploading the report", e);
        }
        APIGatewayV2HTTPResponse accepted = new APIGatewayV2HTTPResponse();
        accepted.setStatusCode(202);
        accepted.setBody(grant.accepted().toString());
        return accepted;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is not worth failing the delivery for
            }
        }
    }

    /**
     * Answers one signed request to the ingest endpoint with the deployed function's handler
     * ({@link dev.feedbackloop.ingest.IngestService}: same routes, signature check and answers), and takes an
     * accepted report on through the loop as {@link #deliver} does, and the arrival of a run's source hashes to
     * {@code classify} as S3 announces it. A report granted an upload to the local bucket
     * is taken on by {@link #classifyArrivedUploads()} once it is there (S3 would announce it; s3proxy does not).
     */
    public IngestResponse receive(IngestRequest request) {
        IngestResponse response = wiring.loop().ingest().handle(request);
        JsonNode hashes = response.status() == 202 ? parse(response.body()).path("hashesKey") : null;
        if (hashes != null && hashes.isTextual()) {
            classify.classify(notification(hashes.asText())); // S3 would announce the run's hashes record
        } else if (response.status() == 202 && parse(response.body()).path("reportKey").isTextual()) {
            classifyAndRegenerate(parse(response.body()).path("reportKey").asText());
        } else if (response.status() == 200) {
            JsonNode accepted = parse(response.body()).path("accepted");
            if (!accepted.path("duplicate").asBoolean(false)) {
                grantedUploads.add(accepted.path("reportKey").asText());
            }
        }
        return response;
    }

    /**
     * Classifies the granted uploads that have arrived in the local bucket since the last call.
     *
     * @return how many were classified
     */
    public int classifyArrivedUploads() {
        int classified = 0;
        for (String key : List.copyOf(grantedUploads)) {
            if (stored(key) && grantedUploads.remove(key)) {
                classifyAndRegenerate(key);
                classified++;
            }
        }
        return classified;
    }

    private boolean stored(String key) {
        try (var s3 = engines.s3()) {
            s3.headObject(b -> b.bucket(LocalEngines.BUCKET).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void classifyAndRegenerate(String reportKey) {
        classify.classify(notification(reportKey));
        drainRegenerationQueue(regenerate);
    }

    /** The stores and services, for reading what the loop stored. */
    public LoopWiring wiring() {
        return wiring.loop();
    }

    /** The engines under the loop, for tests that read the table and bucket directly. */
    LocalEngines engines() {
        return engines;
    }

    /** How long the embedded engines took to start, for the curious. */
    public String startupTimes() {
        return engines.startupTimes();
    }

    /** An S3 {@code ObjectCreated:Put} notification for {@code key}, keys URL-encoded as S3 sends them. */
    private static S3Notification notification(String key) {
        S3Notification.Record record = new S3Notification.Record();
        record.eventSource = "aws:s3";
        record.eventName = "ObjectCreated:Put";
        record.s3 = new S3Notification.S3();
        record.s3.bucket = new S3Notification.Bucket();
        record.s3.bucket.name = LocalEngines.BUCKET;
        record.s3.object = new S3Notification.S3Object();
        record.s3.object.key = URLEncoder.encode(key, StandardCharsets.UTF_8);
        S3Notification event = new S3Notification();
        event.records = List.of(record);
        return event;
    }

    /**
     * Hands the queued regeneration requests to {@code regenerate} in batches, as the SQS event source does, and
     * deletes those it took; a refused message is deleted too (on AWS it would go to the dead-letter queue).
     *
     * @return {taken, refused}
     */
    private int[] drainRegenerationQueue(RegenerateFunction regenerate) {
        int taken = 0;
        int refused = 0;
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(engines.queueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return new int[] {taken, refused};
            }
            SqsEvent event = new SqsEvent();
            event.records = new ArrayList<>();
            for (Message message : messages) {
                SqsEvent.Message record = new SqsEvent.Message();
                record.messageId = message.messageId();
                record.body = message.body();
                event.records.add(record);
            }
            SqsBatchResponse response = regenerate.regenerate(event);
            refused += response.batchItemFailures.size();
            taken += messages.size() - response.batchItemFailures.size();
            sqs.deleteMessageBatch(r -> r.queueUrl(engines.queueUrl()).entries(messages.stream()
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                            .receiptHandle(m.receiptHandle()).build()).toList()));
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            ObjectNode raw = JSON.createObjectNode();
            raw.put("body", body);
            return raw;
        }
    }

    private static byte[] randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            sqs.close();
            wiring.close();
        } finally {
            engines.close();
        }
    }
}
