package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.adapter.dynamodb.DynamoRunAttachments;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.adapter.s3.S3AttachmentStore;
import dev.feedbackloop.adapter.s3.S3RawReportStore;
import dev.feedbackloop.adapter.s3.S3ReportUploads;
import dev.feedbackloop.adapter.s3.S3SourceStore;
import dev.feedbackloop.ingest.AttachmentBundle;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.ingest.IngestService;
import dev.feedbackloop.ingest.IngestSettings;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.testing.TestEngines;
import dev.feedbackloop.text.Sha256;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code feedback upload --attachments}: the failing attempts' screenshots and traces offered to the real ingest
 * service (signature checked) behind a local HTTP server, and PUT through the pre-signed URLs it grants into S3
 * (s3proxy), where each content is kept once under its hash and the run references it.
 */
class UploadAttachmentsTest {

    private static final String SECRET = "web-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static S3Client s3;
    private static DynamoDbClient dynamo;
    private static S3Presigner presigner;
    private static S3AttachmentStore attachments;
    private static IngestService ingest;
    private static String bucket;

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    /** Run once, when the first offer of attachments has been answered: what happens on disk before the PUTs. */
    private volatile ThrowingRunnable beforeUploads;

    private interface ThrowingRunnable {
        void run() throws IOException;
    }

    @BeforeAll
    static void startStorage() {
        s3 = LocalClients.s3(TestEngines.s3().endpoint());
        presigner = LocalClients.s3Presigner(TestEngines.s3().endpoint());
        bucket = TestEngines.uniqueName("upload-attachments");
        s3.createBucket(b -> b.bucket(bucket));
        attachments = new S3AttachmentStore(s3, presigner, bucket, S3AttachmentStore.DEFAULT_PREFIX,
                Duration.ofMinutes(15), runAttachments());
        ingest = new IngestService(ProjectSecrets.inline(Map.of("web", SECRET)),
                new S3RawReportStore(s3, bucket, "reports/"),
                new S3ReportUploads(s3, presigner, bucket, "reports/", Duration.ofMinutes(15)),
                new S3SourceStore(s3, bucket, S3SourceStore.DEFAULT_PREFIX), Optional.of(attachments),
                Reports.standard(), IngestSettings.withMaxBody(IngestSettings.DEFAULT_MAX_BODY_BYTES));
    }

    /** The runs' references, in a table of their own on DynamoDB Local. */
    private static DynamoRunAttachments runAttachments() {
        dynamo = LocalClients.dynamoDb(TestEngines.dynamoDb().endpoint(), List.of());
        return new DynamoRunAttachments(dynamo, DynamoSettings.of(TestEngines.newTable(dynamo, "attachments")));
    }

    @AfterAll
    static void closeStorage() {
        presigner.close();
        s3.close();
        dynamo.close();
    }

    @BeforeEach
    void startIngest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopIngest() {
        server.stop(0);
    }

    /** The ingest Function URL: the request as the function would receive it, answered by the real service. */
    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        paths.add(exchange.getRequestURI().getPath());
        IngestResponse answer = ingest.handle(new IngestRequest(exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), headers, Map.of(), exchange.getRequestBody().readAllBytes(),
                Instant.now()));
        ThrowingRunnable hook = beforeUploads;
        if (hook != null && exchange.getRequestURI().getPath().equals("/attachments")) {
            beforeUploads = null;
            hook.run();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", IngestResponse.CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private UploadRun upload(Path report, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--no-sources"));
        args.addAll(List.of(extra));
        args.add(report.toString());
        return UploadRun.of(server.getAddress().getPort(), SECRET, args);
    }

    /** A PNG's signature and then {@code size - 8} bytes of this test's own (the bucket is shared by the tests). */
    private byte[] png(int size, String seed) {
        byte[] bytes = new byte[size];
        System.arraycopy(PNG_MAGIC, 0, bytes, 0, PNG_MAGIC.length);
        byte[] own = (dir.getFileName() + seed).getBytes(StandardCharsets.UTF_8);
        for (int i = PNG_MAGIC.length; i < size; i++) {
            bytes[i] = own[i % own.length];
        }
        return bytes;
    }

    /** A zip archive's local header signature and this test's own bytes: what a trace.zip starts with. */
    private byte[] zip() {
        return ("PK\u0003\u0004" + "trace " + dir.getFileName()).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A Playwright JSON report of one failing test (a retry that failed too) attaching {@code attachments}. */
    private Path playwrightReport(Path folder, String... attachmentsJson) throws IOException {
        String list = String.join(",", attachmentsJson);
        return Files.writeString(folder.resolve("results.json"), """
                {"config": {"version": "1.52.0"}, "suites": [{"title": "checkout.spec.ts",
                  "file": "checkout.spec.ts", "specs": [
                  {"title": "pays", "ok": false, "file": "checkout.spec.ts", "line": 3, "column": 1,
                   "tests": [{"expectedStatus": "passed", "projectName": "chromium", "status": "unexpected",
                     "results": [
                       {"status": "failed", "duration": 10, "retry": 0,
                        "errors": [{"message": "locator('#pay') resolved to 0 elements"}], "attachments": [%s]},
                       {"status": "passed", "duration": 10, "retry": 1, "attachments": [%s]}]}]}]}],
                 "errors": []}
                """.formatted(list, list));
    }

    private static String attachment(String name, String contentType, String path) {
        return "{\"name\": \"" + name + "\", \"contentType\": \"" + contentType + "\", \"path\": \"" + path + "\"}";
    }

    private static TestResult onlyResult(Path report) throws IOException {
        List<TestResult> results = new ArrayList<>();
        try (var in = Files.newInputStream(report)) {
            Reports.standard().parse(report.toString(), in, results::add);
        }
        return results.get(0);
    }

    @Test
    void screenshotsAreStoredUnderTheirHash_referencedFromTheRun_andARepeatWritesNothing() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pw"));
        Path results = Files.createDirectories(folder.resolve("test-results/checkout-pays"));
        byte[] screenshot = png(4_000, "shot");
        Files.write(results.resolve("test-failed-1.png"), screenshot);
        Files.write(results.resolve("trace.zip"), zip());
        Path report = playwrightReport(folder,
                attachment("screenshot", "image/png",
                        "/home/runner/work/shop/shop/test-results/checkout-pays/test-failed-1.png"),
                attachment("trace", "application/zip", "test-results/checkout-pays/trace.zip"),
                attachment("video", "video/webm", "test-results/checkout-pays/video.webm"));

        UploadRun result = upload(report, "--run", "shots-1", "--attachments");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(paths).as("offered, PUT to S3, offered again to reference what arrived")
                .containsExactly("/", "/attachments", "/attachments");
        JsonNode summary = result.answer().path("attachments");
        assertThat(summary.path("sent").asInt()).isEqualTo(1);
        assertThat(summary.path("uploaded").asInt()).isEqualTo(1);
        assertThat(summary.path("referenced").asInt()).isEqualTo(1);
        assertThat(summary.path("missing")).isEmpty();
        assertThat(result.err()).as("a trace only when named").contains("attachment not sent: [chromium] pays: trace "
                + "test-results/checkout-pays/trace.zip: a trace is sent only with --attachments=screenshots,traces");
        String sha = Sha256.hex(screenshot);
        HeadObjectResponse stored = s3.headObject(b -> b.bucket(bucket).key("attachments/web/" + sha));
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("attachments/web/" + sha)).asByteArray())
                .isEqualTo(screenshot);
        RunKey run = new RunKey("web", "shots-1", 1);
        assertThat(attachments.find(run)).containsExactly(new StoredAttachment(onlyResult(report).test().id("web"),
                "[chromium] pays", 0, "screenshot", "image/png", screenshot.length, sha));

        UploadRun again = upload(report, "--run", "shots-1", "--attachments");

        assertThat(again.answer().path("attachments").path("uploaded").asInt()).as("held already").isZero();
        assertThat(paths.subList(3, paths.size())).as("referenced at once: no second offer")
                .containsExactly("/", "/attachments");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("attachments/web/" + sha)).lastModified())
                .isEqualTo(stored.lastModified());
        assertThat(attachments.find(run)).as("the same reference, once").hasSize(1);
        UploadRun otherRun = upload(report, "--run", "shots-2", "--attachments");
        assertThat(otherRun.answer().path("attachments").path("uploaded").asInt()).as("per project, not run")
                .isZero();
        assertThat(attachments.find(new RunKey("web", "shots-2", 1))).hasSize(1);
    }

    @Test
    void tracesAreSentWhenNamed_asZipArchives() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pw"));
        Path results = Files.createDirectories(folder.resolve("test-results/t"));
        byte[] trace = zip();
        Files.write(results.resolve("trace.zip"), trace);
        Path report = playwrightReport(folder, attachment("trace", "application/zip", "test-results/t/trace.zip"));

        UploadRun result = upload(report, "--run", "traces-1", "--attachments=screenshots,traces");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.answer().path("attachments").path("uploaded").asInt()).isEqualTo(1);
        assertThat(attachments.find(new RunKey("web", "traces-1", 1))).singleElement()
                .satisfies(a -> assertThat(a.contentType()).isEqualTo("application/zip"))
                .satisfies(a -> assertThat(a.sha256()).isEqualTo(Sha256.hex(trace)));
    }

    @Test
    void linksOut_climbingPaths_oversizeFiles_andNonImagesCalledPng_areNotSent_sayingWhy() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pw"));
        Path results = Files.createDirectories(folder.resolve("test-results/t"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.write(outside.resolve("secret.png"), png(100, "outside"));
        Files.createSymbolicLink(results.resolve("linked.png"), outside.resolve("secret.png"));
        Files.write(results.resolve("big.png"), png((int) AttachmentBundle.MAX_FILE_BYTES + 1, "big"));
        Files.writeString(results.resolve("fake.png"), "<html>not an image</html>");
        Path report = playwrightReport(folder,
                attachment("screenshot", "image/png", "test-results/t/linked.png"),
                attachment("screenshot", "image/png", "../elsewhere/secret.png"),
                attachment("screenshot", "image/png", "test-results/t/big.png"),
                attachment("screenshot", "image/png", "test-results/t/fake.png"));

        UploadRun result = upload(report, "--run", "refused-1", "--attachments");

        assertThat(result.status()).as("never fails the upload: " + result.err()).isZero();
        assertThat(result.answer().path("attachments").path("sent").asInt()).isZero();
        assertThat(result.answer().path("attachments").path("skipped").asInt()).isEqualTo(4);
        assertThat(paths).as("nothing to offer").containsExactly("/");
        assertThat(result.err()).contains(
                "attachment not sent: [chromium] pays: screenshot test-results/t/linked.png: a symbolic link out of "
                        + folder.toRealPath(),
                "attachment not sent: [chromium] pays: screenshot ../elsewhere/secret.png: a path with '..' is refused"
                        + " (evidence is read only inside " + folder.toRealPath(),
                "test-results/t/big.png: " + (AttachmentBundle.MAX_FILE_BYTES + 1) + " bytes, more than the "
                        + AttachmentBundle.MAX_FILE_BYTES + " sent of one file",
                "test-results/t/fake.png: its first bytes are not a PNG, JPEG or WebP image");
        assertThat(attachments.find(new RunKey("web", "refused-1", 1))).isEmpty();
    }

    @Test
    void withoutTheFlag_noAttachmentIsOffered() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pw"));
        Path results = Files.createDirectories(folder.resolve("test-results/t"));
        byte[] screenshot = png(500, "unsent");
        Files.write(results.resolve("shot.png"), screenshot);
        Path report = playwrightReport(folder, attachment("screenshot", "image/png", "test-results/t/shot.png"));

        UploadRun result = upload(report, "--run", "plain-1");

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(paths).containsExactly("/");
        assertThat(result.answer().has("attachments")).isFalse();
        assertThat(attachments.holds("web", Sha256.hex(screenshot))).isFalse();
        assertThat(attachments.find(new RunKey("web", "plain-1", 1))).isEmpty();
    }

    @Test
    void anUploadThatFails_leavesNoReference_isNamedWithWhy_andFailsTheUpload_untilSentAgain() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pw"));
        Path results = Files.createDirectories(folder.resolve("test-results/t"));
        byte[] kept = png(700, "kept");
        byte[] rewritten = png(900, "rewritten");
        Path keptFile = Files.write(results.resolve("kept.png"), kept);
        Path rewrittenFile = Files.write(results.resolve("rewritten.png"), rewritten);
        Path report = playwrightReport(folder, attachment("screenshot", "image/png", "test-results/t/kept.png"),
                attachment("screenshot", "image/png", "test-results/t/rewritten.png"));
        byte[] otherBytes = png(900, "other bytes, same size");
        // a test still writing its screenshot: the file changes after it was hashed and offered, before its PUT
        beforeUploads = () -> Files.write(rewrittenFile, otherBytes);

        UploadRun failed = upload(report, "--run", "put-fails-1", "--attachments");

        assertThat(failed.status()).as("a shipment that failed after the report, as for sources").isEqualTo(2);
        JsonNode summary = failed.answer().path("attachments");
        assertThat(failed.answer().path("status").asText()).as("the report is in").isEqualTo("accepted");
        assertThat(summary.path("sent").asInt()).isEqualTo(2);
        assertThat(summary.path("uploaded").asInt()).isEqualTo(1);
        assertThat(summary.path("referenced").asInt()).isEqualTo(1);
        assertThat(summary.path("missing")).singleElement().satisfies(m -> {
            assertThat(m.path("test").asText()).isEqualTo("[chromium] pays");
            assertThat(m.path("attempt").asInt()).isZero();
            assertThat(m.path("name").asText()).isEqualTo("screenshot");
            assertThat(m.path("file").asText()).endsWith("rewritten.png");
            assertThat(m.path("reason").asText()).startsWith("its upload failed: PUT ").contains("was refused");
        });
        assertThat(failed.err()).contains("feedback upload: attachment not stored: [chromium] pays (attempt 0):"
                + " screenshot " + rewrittenFile.toRealPath() + ": its upload failed: PUT ",
                "feedback: the report was accepted, but attachments it offered are not stored");
        RunKey run = new RunKey("web", "put-fails-1", 1);
        assertThat(attachments.find(run)).as("only what is stored").extracting(StoredAttachment::sha256)
                .containsExactly(Sha256.hex(kept));
        assertThat(attachments.holds("web", Sha256.hex(rewritten))).isFalse();
        assertThat(attachments.holds("web", Sha256.hex(otherBytes))).isFalse();

        Files.write(rewrittenFile, rewritten);
        UploadRun again = upload(report, "--run", "put-fails-1", "--attachments");

        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.answer().path("attachments").path("uploaded").asInt()).as("only the one missing")
                .isEqualTo(1);
        assertThat(attachments.find(run)).extracting(StoredAttachment::sha256)
                .containsExactlyInAnyOrder(Sha256.hex(kept), Sha256.hex(rewritten));
        assertThat(keptFile).exists();
    }

    @Test
    void aFileGoneBeforeItsUpload_isNamed_andNotReferenced() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pw"));
        Path results = Files.createDirectories(folder.resolve("test-results/t"));
        Path shot = Files.write(results.resolve("gone.png"), png(300, "gone"));
        Path report = playwrightReport(folder, attachment("screenshot", "image/png", "test-results/t/gone.png"));
        Path real = shot.toRealPath();
        beforeUploads = () -> Files.delete(shot);

        UploadRun result = upload(report, "--run", "gone-1", "--attachments");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.answer().path("attachments").path("missing").get(0).path("reason").asText())
                .isEqualTo("its upload failed: the attachment " + real + " is gone");
        assertThat(result.err()).contains("attachment not stored: [chromium] pays (attempt 0): screenshot " + real);
        assertThat(attachments.find(new RunKey("web", "gone-1", 1))).isEmpty();
    }

    @Test
    void anOfferIngestRefuses_failsTheUpload_afterPrintingTheAcceptedReport() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pw"));
        Path results = Files.createDirectories(folder.resolve("test-results/t"));
        Files.write(results.resolve("shot.png"), png(300, "refused"));
        Path report = playwrightReport(folder, attachment("screenshot", "image/png", "test-results/t/shot.png"));
        IngestService withoutStore = ingest;
        ingest = new IngestService(ProjectSecrets.inline(Map.of("web", SECRET)),
                new S3RawReportStore(s3, bucket, "reports/"),
                new S3ReportUploads(s3, presigner, bucket, "reports/", Duration.ofMinutes(15)),
                new S3SourceStore(s3, bucket, S3SourceStore.DEFAULT_PREFIX), Reports.standard(),
                IngestSettings.withMaxBody(IngestSettings.DEFAULT_MAX_BODY_BYTES));
        try {
            UploadRun result = upload(report, "--run", "no-store-1", "--attachments");

            assertThat(result.status()).isEqualTo(2);
            assertThat(result.answer().path("runId").asText()).isEqualTo("no-store-1");
            assertThat(result.answer().path("attachments").path("error").asText()).contains("no attachment store");
            assertThat(result.err()).contains("feedback upload: attachments not stored: POST ");
        } finally {
            ingest = withoutStore;
        }
    }
}
