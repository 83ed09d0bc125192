package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.adapter.s3.S3RawReportStore;
import dev.feedbackloop.adapter.s3.S3ReportUploads;
import dev.feedbackloop.adapter.s3.S3SourceStore;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.ingest.IngestService;
import dev.feedbackloop.ingest.IngestSettings;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.ShippedSources;
import dev.feedbackloop.regenerate.SourceRoot;
import dev.feedbackloop.regenerate.TestSource;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.testing.TestEngines;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code feedback upload} shipping the failing tests' sources through the real ingest service (signature checked)
 * into S3 (s3proxy), where the regenerate stage finds them by run and file as the report names them.
 */
class UploadSourcesTest {

    private static final String SECRET = "web-secret";
    private static final String TOKEN = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3Client s3;
    private static S3Presigner presigner;
    private static S3SourceStore sources;
    private static IngestService ingest;
    private static String bucketName;

    private static String sourcesBucket() {
        return bucketName;
    }

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startStorage() {
        s3 = LocalClients.s3(TestEngines.s3().endpoint());
        presigner = LocalClients.s3Presigner(TestEngines.s3().endpoint());
        String bucket = TestEngines.uniqueName("upload-sources");
        bucketName = bucket;
        s3.createBucket(b -> b.bucket(bucket));
        sources = new S3SourceStore(s3, bucket, S3SourceStore.DEFAULT_PREFIX);
        ingest = new IngestService(ProjectSecrets.inline(Map.of("web", SECRET)),
                new S3RawReportStore(s3, bucket, "reports/"),
                new S3ReportUploads(s3, presigner, bucket, "reports/", java.time.Duration.ofMinutes(15)), sources,
                Reports.standard(), IngestSettings.withMaxBody(IngestSettings.DEFAULT_MAX_BODY_BYTES));
    }

    @AfterAll
    static void closeStorage() {
        presigner.close();
        s3.close();
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
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", IngestResponse.CONTENT_TYPE);
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private UploadRun upload(Path report, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(extra));
        args.add(report.toString());
        return UploadRun.of(server.getAddress().getPort(), SECRET, args);
    }

    private Path checkout() throws IOException {
        Path root = Files.createDirectories(dir.resolve("checkout/e2e"));
        Files.writeString(root.resolve("coupon.spec.ts"), """
                import { test } from '@playwright/test'; // %s
                const token = '%s';
                test('applies coupon', async ({ page }) => {
                  await page.locator('#coupon').fill('SAVE10');
                });
                """.formatted(dir.getFileName(), TOKEN)); // a content of its own per test: the bucket is shared
        Files.writeString(root.resolve("home.spec.ts"), "test('renders', async () => {});\n");
        Path outside = Files.writeString(dir.resolve("outside.spec.ts"), "const secret = 'outside';\n");
        Files.createSymbolicLink(root.resolve("linked.spec.ts"), outside);
        return dir.resolve("checkout");
    }

    @Test
    void theFailingTestsSources_andAllTestFilesHashes_areShippedBeforeAKnownRunsReport_confinedToTheRoot()
            throws IOException {
        Path root = checkout();
        Path report = Files.writeString(dir.resolve("junit.xml"), """
                <testsuite name="e2e" tests="4" failures="3">
                  <testcase classname="e2e.coupon" name="applies coupon"
                            file="/home/runner/work/shop/shop/e2e/coupon.spec.ts">
                    <failure message="locator('#coupon') resolved to 0 elements">Error</failure>
                  </testcase>
                  <testcase classname="e2e.home" name="renders" file="e2e/home.spec.ts"/>
                  <testcase classname="e2e.linked" name="links out" file="e2e/linked.spec.ts">
                    <failure message="expected 1">Error</failure>
                  </testcase>
                  <testcase classname="e2e.up" name="climbs out" file="../outside.spec.ts">
                    <failure message="expected 2">Error</failure>
                  </testcase>
                </testsuite>
                """);

        UploadRun result = upload(report, "--run", "src-run-1", "--source-root", root.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(paths).as("the run id known: sources first").containsExactly("/sources", "/");
        assertThat(result.answer().path("sources").path("beforeReport").asBoolean()).isTrue();
        assertThat(result.answer().path("sources").path("sent").asInt()).isEqualTo(1);
        assertThat(result.answer().path("sources").path("created").asInt()).isEqualTo(1);
        assertThat(result.answer().path("sources").path("skipped").asInt()).isEqualTo(2);
        assertThat(result.err()).contains("source not sent: e2e/linked.spec.ts", "source not sent: ../outside.spec.ts");
        RunKey run = new RunKey("web", "src-run-1", 1);
        TestSource found = new ShippedSources(sources).find(run, "/home/runner/work/shop/shop/e2e/coupon.spec.ts")
                .orElseThrow();
        assertThat(found.path()).isEqualTo("e2e/coupon.spec.ts");
        assertThat(found.content()).contains("page.locator('#coupon')").doesNotContain(TOKEN);
        assertThat(new ShippedSources(sources).find(run, "e2e/home.spec.ts")).as("a passing test's").isEmpty();
        assertThat(new ShippedSources(sources).find(run, "e2e/linked.spec.ts")).as("a link out").isEmpty();
        assertThat(result.answer().path("sources").path("hashes").asInt()).isEqualTo(2);
        assertThat(result.err()).contains("2 test files named by the report have no hash");
        SourceRoot checkout = new SourceRoot(root, Redactor.standard());
        assertThat(sources.hashes(run)).as("the failing and the passing test's file; no link out, nothing above")
                .containsOnly(Map.entry("/home/runner/work/shop/shop/e2e/coupon.spec.ts",
                                checkout.find("e2e/coupon.spec.ts").orElseThrow().sha256()),
                        Map.entry("e2e/home.spec.ts", checkout.find("e2e/home.spec.ts").orElseThrow().sha256()));
        assertThat(new ShippedSources(sources).hashesOf(run).apply("e2e/home.spec.ts"))
                .as("what classify compares: the hash a checkout gives").contains(checkout.find("e2e/home.spec.ts")
                        .orElseThrow().sha256());

        UploadRun again = upload(report, "--run", "src-run-1", "--source-root", root.toString());
        assertThat(again.answer().path("sources").path("created").asInt()).as("kept once").isZero();
        assertThat(again.answer().path("duplicate").asBoolean()).isTrue();
    }

    @Test
    void aRunIdIngestChose_isTheOneTheSourcesAreFiledUnder_andPlaywrightAndCtrfFilesAreFound() throws IOException {
        Path root = checkout();
        Path ctrf = Files.writeString(dir.resolve("ctrf.json"), """
                {"results":{"tool":{"name":"playwright"},"summary":{"tests":1,"passed":0,"failed":1,"pending":0,
                 "skipped":0,"other":0,"start":1,"stop":2},
                 "tests":[{"name":"applies coupon","status":"failed","duration":10,"message":"timeout",
                           "filePath":"e2e/coupon.spec.ts"}]}}
                """);

        UploadRun result = upload(ctrf, "--source-root", root.toString());

        assertThat(result.status()).as(result.err()).isZero();
        String runId = result.answer().path("runId").asText();
        assertThat(runId).as("ingest's run id: the report's hash").hasSize(64);
        assertThat(new ShippedSources(sources).find(new RunKey("web", runId, 1), "e2e/coupon.spec.ts")).isPresent();
    }

    @Test
    void noSources_sendsTheReportOnly() throws IOException {
        Path root = checkout();
        Path report = Files.writeString(dir.resolve("one.xml"), """
                <testsuite name="e2e"><testcase classname="c" name="t" file="e2e/coupon.spec.ts">
                <failure message="x">x</failure></testcase></testsuite>
                """);

        UploadRun result = upload(report, "--run", "src-run-3", "--no-sources", "--source-root", root.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(paths).containsExactly("/");
        assertThat(result.answer().has("sources")).isFalse();
    }

    /** Playwright's error-context.md as 1.5x writes it: instructions to a reader first, then the page. */
    private static String errorContext(String button) {
        return """
                # Instructions

                - Following Playwright test failed.
                - Explain why, be concise, respect Playwright best practices.

                # Test info

                - Name: checkout >> pays

                # Page snapshot

                ```yaml
                - heading "Checkout" [level=1]
                - paragraph: Authorization: Bearer %s
                - button "%s"
                ```

                # Test source

                ```ts
                await page.getByRole('button', { name: 'Pay' }).click();
                ```
                """.formatted(TOKEN, button);
    }

    /** A Playwright JSON report whose failing tests attach the given error-context paths. */
    private Path playwrightReport(Path folder, String... errorContextPaths) throws IOException {
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < errorContextPaths.length; i++) {
            specs.add("""
                    {"title": "pays %d", "ok": false, "file": "checkout.spec.ts", "line": 3, "column": 1,
                     "tests": [{"expectedStatus": "passed", "projectName": "chromium", "status": "unexpected",
                       "results": [{"status": "failed", "duration": 10, "retry": 0,
                         "errors": [{"message": "locator('#pay') resolved to 0 elements"}],
                         "attachments": [
                           {"name": "screenshot", "contentType": "image/png", "path": "test-results/a/failed.png"},
                           {"name": "error-context", "contentType": "text/markdown", "path": "%s"}]}]}]}"""
                    .formatted(i, errorContextPaths[i]));
        }
        return Files.writeString(folder.resolve("results.json"), """
                {"config": {"version": "1.52.0"}, "suites": [{"title": "checkout.spec.ts",
                  "file": "checkout.spec.ts", "specs": [%s]}], "errors": []}
                """.formatted(String.join(",", specs)));
    }

    private static dev.feedbackloop.model.TestId failingTest(Path report, String name) throws IOException {
        List<dev.feedbackloop.model.TestResult> results = new ArrayList<>();
        try (var in = Files.newInputStream(report)) {
            Reports.standard().parse(report.toString(), in, results::add);
        }
        return results.stream().filter(r -> r.test().name().contains(name)).findFirst().orElseThrow().test()
                .id("web");
    }

    @Test
    void thePageAtEachFailure_isShippedWithoutItsInstructions_redacted_andFoundForTheRunAndTest() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pw"));
        Path results = Files.createDirectories(folder.resolve("test-results/checkout-pays"));
        Files.writeString(results.resolve("error-context.md"), errorContext("Pay now " + dir.getFileName()));
        Path report = playwrightReport(folder,
                "/home/runner/work/shop/shop/test-results/checkout-pays/error-context.md");

        UploadRun result = upload(report, "--run", "page-run-1", "--source-root", checkout().toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.answer().path("snapshots").path("sent").asInt()).isEqualTo(1);
        RunKey run = new RunKey("web", "page-run-1", 1);
        String page = new ShippedSources(sources).pageSnapshot(run, failingTest(report, "pays 0")).orElseThrow();
        assertThat(page).startsWith("- heading \"Checkout\"").contains("- button \"Pay now")
                .doesNotContain(TOKEN, "Instructions", "Explain why", "getByRole");
        assertThat(storedObjects()).as("nothing stored holds the secret").noneMatch(o -> o.contains(TOKEN))
                .anyMatch(o -> o.contains("- button \"Pay now " + dir.getFileName()));
    }

    @Test
    void anErrorContextOutsideTheReportsFolderAndTheSourceRoot_isRefused_sayingWhy() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pw"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("error-context.md"), errorContext("Outside"));
        Path results = Files.createDirectories(folder.resolve("test-results/linked"));
        Files.createSymbolicLink(results.resolve("error-context.md"), outside.resolve("error-context.md"));
        Path report = playwrightReport(folder, "../elsewhere/error-context.md",
                "test-results/linked/error-context.md", "test-results/missing/error-context.md");

        UploadRun result = upload(report, "--run", "page-run-2", "--source-root", checkout().toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.answer().path("snapshots").path("sent").asInt()).isZero();
        assertThat(result.answer().path("snapshots").path("skipped").asInt()).isEqualTo(3);
        assertThat(result.err()).contains("page snapshot not sent: [chromium] pays 0: ../elsewhere/error-context.md: a path"
                + " with '..' is refused", "page snapshot not sent: [chromium] pays 1: test-results/linked/error-context.md: a"
                + " symbolic link out of " + folder.toRealPath(), "pays 2: test-results/missing/error-context.md:"
                + " not found under");
        assertThat(storedObjects()).noneMatch(o -> o.contains("Outside"));
    }

    /** Every source and page snapshot in the bucket, as text (the reports are gzip, and redacted in CI). */
    private static List<String> storedObjects() {
        String bucket = sourcesBucket();
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(S3SourceStore.DEFAULT_PREFIX)).contents()
                .stream()
                .map(o -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asUtf8String()).toList();
    }
}
