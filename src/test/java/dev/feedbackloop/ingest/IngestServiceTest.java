package dev.feedbackloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.dynamodb.DynamoRunAttachments;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.adapter.s3.S3RawReportStore;
import dev.feedbackloop.adapter.s3.S3ReportUploads;
import dev.feedbackloop.adapter.s3.S3AttachmentStore;
import dev.feedbackloop.adapter.s3.S3SourceStore;
import dev.feedbackloop.store.ShippedSource;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.OpenedReport;
import dev.feedbackloop.testing.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The ingest endpoint's protocol, on a real S3 endpoint (s3proxy, in-process). */
class IngestServiceTest {

    static final String SECRET = "web-shop-secret";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="checkout" tests="2" failures="1">
              <testcase classname="e2e.checkout" name="pays"/>
              <testcase classname="e2e.checkout" name="applies coupon">
                <failure message="locator('#coupon') resolved to 0 elements">Error: locator('#coupon')</failure>
              </testcase>
            </testsuite>
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3Client s3;
    private static DynamoDbClient dynamo;
    private static S3Presigner presigner;
    private static String bucket;
    private static S3RawReportStore store;
    private static S3SourceStore sources;
    private static S3AttachmentStore attachments;
    private static IngestService service;

    @BeforeAll
    static void start() {
        s3 = LocalClients.s3(TestEngines.s3().endpoint());
        presigner = LocalClients.s3Presigner(TestEngines.s3().endpoint());
        bucket = TestEngines.uniqueName("ingest");
        s3.createBucket(b -> b.bucket(bucket));
        store = new S3RawReportStore(s3, bucket, "reports/");
        sources = new S3SourceStore(s3, bucket, S3SourceStore.DEFAULT_PREFIX);
        service = new IngestService(ProjectSecrets.inline(Map.of("web-shop", SECRET)), store,
                new S3ReportUploads(s3, presigner, bucket, "reports/", Duration.ofMinutes(15)), sources,
                java.util.Optional.of(attachments = new S3AttachmentStore(s3, presigner, bucket,
                        S3AttachmentStore.DEFAULT_PREFIX, Duration.ofMinutes(15), runAttachments())),
                Reports.standard(),
                new IngestSettings(64 * 1024, 1024 * 1024, 10 * 1024 * 1024, Duration.ofMinutes(15)));
    }

    private static byte[] offer(String name, String contentType, long bytes, String sha256) {
        return ("{\"attachments\":[{\"suite\":\"checkout.spec.ts\",\"name\":" + JSON.valueToTree(name)
                + ",\"attempt\":1,\"attachment\":\"screenshot\",\"contentType\":\"" + contentType
                + "\",\"bytes\":" + bytes + ",\"sha256\":\"" + sha256 + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAttachmentOffer_isGrantedAPutOfExactlyItsBytes_once_andReferencedFromTheRunRedacted_onceItArrived()
            throws Exception {
        byte[] png = "\u0089PNG\r\n\u001a\n ingest-test screenshot".getBytes(StandardCharsets.ISO_8859_1);
        String sha = dev.feedbackloop.text.Sha256.hex(png);
        String token = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";
        Map<String, String> run = Map.of("X-Feedback-Run-Id", "att-1");
        byte[] body = offer("pays with " + token, "image/png", png.length, sha);

        JsonNode first = body(service.handle(signed("/attachments", body, run)), 202);

        JsonNode granted = first.path("attachments").get(0);
        assertThat(granted.path("held").asBoolean()).isFalse();
        assertThat(first.path("granted").asInt()).isEqualTo(1);
        assertThat(first.path("missing").asInt()).isEqualTo(1);
        assertThat(attachments.find(new RunKey("web-shop", "att-1", 1))).as("nothing referenced before it arrives")
                .isEmpty();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        byte[] other = png.clone();
        other[other.length - 1] = '!';
        assertThat(http.send(put(granted, other), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("other bytes of the same size are refused by S3").isGreaterThanOrEqualTo(400);
        assertThat(http.send(put(granted, png), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucketOf()).key("attachments/web-shop/" + sha)).asByteArray())
                .isEqualTo(png);

        JsonNode again = body(service.handle(signed("/attachments", body, run)), 202);

        assertThat(again.path("attachments").get(0).path("held").asBoolean()).isTrue();
        assertThat(again.path("attachments").get(0).has("uploadUrl")).isFalse();
        assertThat(again.path("granted").asInt()).isZero();
        assertThat(again.path("referenced").asInt()).isEqualTo(1);
        assertThat(again.path("missing").asInt()).isZero();
        assertThat(attachments.find(new RunKey("web-shop", "att-1", 1))).singleElement().satisfies(a -> {
            assertThat(a.testName()).doesNotContain(token).contains("[REDACTED:");
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.sha256()).isEqualTo(sha);
        });
    }

    @Test
    void attachmentOffersWithoutARunId_ofAnotherType_orOverTheCaps_areRefusedWhole() throws Exception {
        String sha = "ab".repeat(32);
        Map<String, String> run = Map.of("X-Feedback-Run-Id", "att-2");
        assertThat(body(service.handle(signed("/attachments", offer("t", "image/png", 10, sha), Map.of())), 400)
                .path("message").asText()).contains("X-Feedback-Run-Id");
        assertThat(body(service.handle(signed("/attachments", offer("t", "video/webm", 10, sha), run)), 400)
                .path("message").asText()).contains("$.attachments[0]", "contentType", "video/webm");
        assertThat(body(service.handle(signed("/attachments", offer("t", "image/png",
                AttachmentBundle.MAX_FILE_BYTES + 1, sha), run)), 413).path("error").asText()).isEqualTo("too_large");
        assertThat(attachments.find(new RunKey("web-shop", "att-2", 1))).as("nothing referenced").isEmpty();
        IngestService without = new IngestService(ProjectSecrets.inline(Map.of("web-shop", SECRET)), store,
                new S3ReportUploads(s3, presigner, bucketOf(), "reports/", Duration.ofMinutes(15)), sources,
                Reports.standard(), IngestSettings.withMaxBody(64 * 1024));
        assertThat(body(without.handle(signed("/attachments", offer("t", "image/png", 10, sha), run)), 404)
                .path("message").asText()).contains("no attachment store");
    }

    private static java.net.http.HttpRequest put(JsonNode grant, byte[] bytes) {
        java.net.http.HttpRequest.Builder put = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(grant.path("uploadUrl").asText()))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes));
        grant.path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        return put.build();
    }

    private static String bucketOf() {
        return bucket;
    }

    /** The runs' references, in a table of their own on DynamoDB Local. */
    private static DynamoRunAttachments runAttachments() {
        dynamo = LocalClients.dynamoDb(TestEngines.dynamoDb().endpoint(), List.of());
        return new DynamoRunAttachments(dynamo, DynamoSettings.of(TestEngines.newTable(dynamo, "attachments")));
    }

    @AfterAll
    static void close() {
        presigner.close();
        s3.close();
        dynamo.close();
    }

    private static final String SPEC = """
            import { test, expect } from '@playwright/test';
            const token = 'ghp_Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc';
            test('applies coupon', async ({ page }) => {
              await page.locator('#coupon').fill('SAVE10');
            });
            """;

    private static byte[] bundle(String file, String path, String content) {
        return ("{\"sources\":[{\"file\":" + JSON.valueToTree(file) + ",\"path\":" + JSON.valueToTree(path)
                + ",\"content\":" + JSON.valueToTree(content) + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signedSources_areKeptRedacted_underTheirContentHash_forTheirRun_andAgainChangeNothing() throws Exception {
        String file = "/home/runner/work/shop/shop/e2e/coupon.spec.ts";
        byte[] body = bundle(file, "e2e/coupon.spec.ts", SPEC);
        Map<String, String> run = Map.of("X-Feedback-Run-Id", "src-1", "X-Feedback-Run-Attempt", "2");

        JsonNode first = body(service.handle(signed("/sources", body, run)), 202);
        JsonNode again = body(service.handle(signed("/sources", body, run)), 202);

        ShippedSource kept = sources.find(new RunKey("web-shop", "src-1", 2), file).orElseThrow();
        assertThat(kept.path()).isEqualTo("e2e/coupon.spec.ts");
        assertThat(kept.content()).doesNotContain("ghp_Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc")
                .contains("[REDACTED:", "page.locator('#coupon')");
        assertThat(first.path("runId").asText()).isEqualTo("src-1");
        assertThat(first.path("sources").get(0).path("sha256").asText()).isEqualTo(kept.sha256());
        assertThat(first.path("created").asInt()).isEqualTo(1);
        assertThat(again.path("created").asInt()).as("the same content is kept once").isZero();
        assertThat(sources.find(new RunKey("web-shop", "src-1", 1), file)).as("another attempt").isEmpty();
        assertThat(sources.find(new RunKey("web-shop", "src-1", 2), "e2e/other.spec.ts")).isEmpty();
    }

    @Test
    void pageSnapshots_areKeptRedacted_underTheirTestsId_whateverTheSenderLeftIn() throws Exception {
        String token = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";
        String page = "# Instructions\n\n- Explain why.\n\n# Page snapshot\n\n```yaml\n- button \"Pay\"\n"
                + "- text: token " + token + "\n```\n";
        byte[] body = ("{\"sources\":[],\"snapshots\":[{\"suite\":\"checkout.spec.ts\",\"name\":\"pays\","
                + "\"path\":\"test-results/a/error-context.md\",\"content\":" + JSON.valueToTree(page) + "},"
                + "{\"suite\":\"checkout.spec.ts\",\"name\":\"pays\",\"path\":\"second.md\",\"content\":\"- x\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> run = Map.of("X-Feedback-Run-Id", "page-1");

        JsonNode answer = body(service.handle(signed("/sources", body, run)), 202);

        dev.feedbackloop.model.TestId test = dev.feedbackloop.model.TestCase.of("checkout.spec.ts", "pays")
                .id("web-shop");
        assertThat(answer.path("snapshots")).as("one per test, the first").hasSize(1);
        assertThat(answer.path("snapshots").get(0).path("test").asText()).isEqualTo(test.value());
        ShippedSource kept = sources.find(new RunKey("web-shop", "page-1", 1), ShippedSource.pageSnapshotFile(test))
                .orElseThrow();
        assertThat(kept.path()).isEqualTo("test-results/a/error-context.md");
        assertThat(kept.content()).doesNotContain(token).contains("[REDACTED:");
        assertThat(new dev.feedbackloop.regenerate.ShippedSources(sources).pageSnapshot(new RunKey("web-shop",
                "page-1", 1), test)).as("what regenerate reads: the page only").hasValueSatisfying(p -> assertThat(p)
                .startsWith("- button \"Pay\"").doesNotContain("Instructions", "Explain why", token));
    }

    @Test
    void sourcesWithoutARunId_climbingOut_overTheLimits_orTamperedWith_areRefusedWhole() throws Exception {
        Map<String, String> run = Map.of("X-Feedback-Run-Id", "src-2");
        assertThat(body(service.handle(signed("/sources", bundle("a.spec.ts", "a.spec.ts", SPEC), Map.of())), 400)
                .path("message").asText()).contains("X-Feedback-Run-Id");
        assertThat(body(service.handle(signed("/sources", bundle("a.spec.ts", "../../etc/passwd", "x"), run)), 400)
                .path("message").asText()).contains("$.sources[0]", "without '..'");
        StringBuilder many = new StringBuilder("{\"sources\":[");
        for (int i = 0; i <= SourceBundle.MAX_FILES; i++) {
            many.append(i == 0 ? "" : ",").append("{\"file\":\"t").append(i).append(".ts\",\"path\":\"t").append(i)
                    .append(".ts\",\"content\":\"x\"}");
        }
        byte[] tooMany = many.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body(service.handle(signed("/sources", tooMany, run)), 413).path("error").asText())
                .isEqualTo("too_large");
        IngestRequest honest = signed("/sources", bundle("b.spec.ts", "b.spec.ts", SPEC), run);
        IngestRequest tampered = new IngestRequest("POST", "/sources", honest.headers(), Map.of(),
                bundle("b.spec.ts", "b.spec.ts", SPEC.replace("SAVE10", "SAVE99")), NOW);
        assertThat(service.handle(tampered).status()).isEqualTo(401);
        assertThat(sources.find(new RunKey("web-shop", "src-2", 1), "b.spec.ts")).as("nothing kept").isEmpty();
        assertThat(sources.find(new RunKey("web-shop", "src-2", 1), "t1.ts")).as("nothing kept").isEmpty();
    }

    @Test
    void aSignedReport_isStoredUnderItsRunAndContentHash_andAccepted() throws Exception {
        byte[] body = gzip(REPORT.replace("checkout", "checkout-a"));

        IngestResponse response = service.handle(signed("/", body, Map.of("X-Feedback-Run-Id", "4711",
                "X-Feedback-Run-Attempt", "2", "X-Feedback-Commit", "abc123")));

        JsonNode answer = body(response, 202);
        assertThat(answer.path("status").asText()).isEqualTo("accepted");
        assertThat(answer.path("project").asText()).isEqualTo("web-shop");
        assertThat(answer.path("runId").asText()).isEqualTo("4711");
        assertThat(answer.path("attempt").asInt()).isEqualTo(2);
        assertThat(answer.path("format").asText()).isEqualTo("junit-xml");
        assertThat(answer.path("tests").asInt()).isEqualTo(2);
        assertThat(answer.path("duplicate").asBoolean()).isFalse();
        assertThat(answer.path("reportKey").asText()).isEqualTo("reports/web-shop/"
                + RawReportKey.runSegment(new RunKey("web-shop", "4711", 2)) + "/" + sha256Hex(body) + ".gz");
        try (OpenedReport stored = store.open(answer.path("reportKey").asText())) {
            assertThat(stored.stream().readAllBytes()).isEqualTo(body);
            assertThat(stored.metadata().orElseThrow().commitSha()).contains("abc123");
        }
    }

    /** Issue 10: what is kept is redacted, in its own format, and a second delivery is still a duplicate. */
    @Test
    void aReportWithSecrets_isStoredRedactedInItsOwnFormat_andTheSameDeliveryTwiceIsStillADuplicate()
            throws Exception {
        String awsKey = "AKIA" + "QX7RZ2M4T6W8Y3B5";
        String github = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";
        String report = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="deploy" tests="1" failures="1">
                  <properties><property name="db.password" value="Sup3r-S3cret-Pw"/></properties>
                  <testcase classname="e2e.deploy" name="pushes with %s">
                    <properties><property name="stripe.apiKey" value="k_9f8e7d6c5b4a"/></properties>
                    <failure message="denied for %s">aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</failure>
                    <system-out>Cookie: session=dune-ember-4417; theme=dark</system-out>
                  </testcase>
                </testsuite>
                """.formatted(github, awsKey);
        byte[] body = gzip(report);

        JsonNode first = body(service.handle(signed("/", body, Map.of("X-Feedback-Run-Id", "secrets-1"))), 202);
        JsonNode second = body(service.handle(signed("/", body, Map.of("X-Feedback-Run-Id", "secrets-1"))), 202);

        String kept;
        try (OpenedReport stored = store.open(first.path("reportKey").asText())) {
            kept = new String(new java.util.zip.GZIPInputStream(stored.stream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        assertThat(kept).doesNotContain(awsKey, github, "Sup3r-S3cret-Pw", "k_9f8e7d6c5b4a",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "dune-ember-4417");
        assertThat(kept).contains("<testcase classname=\"e2e.deploy\" name=\"pushes with [REDACTED:github-token]\">",
                "Cookie: [REDACTED:cookie]", "<property name=\"db.password\" value=\"[REDACTED:password]\"/>");
        assertThat(Reports.standard().parse("kept", new java.io.ByteArrayInputStream(
                kept.getBytes(StandardCharsets.UTF_8)), r -> { }).tests()).isEqualTo(1);
        assertThat(second.path("duplicate").asBoolean()).as("the digest is over the redacted bytes, which the"
                + " same delivery always gives").isTrue();
        assertThat(second.path("reportKey").asText()).isEqualTo(first.path("reportKey").asText());
    }

    @Test
    void theSameDeliveryTwice_isStoredOnce_andTheSecondIsADuplicateOfTheSameRun() throws Exception {
        byte[] body = REPORT.replace("checkout", "checkout-b").getBytes(StandardCharsets.UTF_8);

        JsonNode first = body(service.handle(signed("/", body, Map.of("X-Feedback-Run-Id", "nightly-1",
                "X-Feedback-Commit", "abc"))), 202);
        JsonNode second = body(service.handle(signed("/", body, Map.of("X-Feedback-Run-Id", "nightly-1",
                "X-Feedback-Commit", "other"))), 202);

        assertThat(first.path("duplicate").asBoolean()).isFalse();
        assertThat(second.path("duplicate").asBoolean()).isTrue();
        assertThat(second.path("reportKey").asText()).isEqualTo(first.path("reportKey").asText());
        assertThat(second.path("runId").asText()).isEqualTo("nightly-1");
        try (OpenedReport stored = store.open(first.path("reportKey").asText())) {
            assertThat(stored.metadata().orElseThrow().commitSha()).as("the first delivery's").contains("abc");
        }
    }

    @Test
    void theSameBytesForAnotherRunOrAttempt_areAReportOfThatRun() throws Exception {
        byte[] body = REPORT.replace("checkout", "checkout-rerun").getBytes(StandardCharsets.UTF_8);

        JsonNode nightly1 = body(service.handle(signed("/", body, Map.of("X-Feedback-Run-Id", "nightly-1"))), 202);
        JsonNode nightly2 = body(service.handle(signed("/", body, Map.of("X-Feedback-Run-Id", "nightly-2"))), 202);
        JsonNode rerun = body(service.handle(signed("/", body, Map.of("X-Feedback-Run-Id", "nightly-2",
                "X-Feedback-Run-Attempt", "2"))), 202);

        assertThat(List.of(nightly1, nightly2, rerun)).extracting(a -> a.path("duplicate").asBoolean())
                .containsOnly(false);
        assertThat(List.of(nightly1, nightly2, rerun)).extracting(a -> a.path("runId").asText() + "/"
                + a.path("attempt").asInt()).containsExactly("nightly-1/1", "nightly-2/1", "nightly-2/2");
        assertThat(List.of(nightly1, nightly2, rerun)).extracting(a -> a.path("reportKey").asText())
                .doesNotHaveDuplicates().allSatisfy(key -> assertThat(key).endsWith("/" + sha256Hex(body)));
    }

    @Test
    void aRunIdOfAnyCharacters_makesASafeKey() throws Exception {
        byte[] body = REPORT.replace("checkout", "checkout-id").getBytes(StandardCharsets.UTF_8);
        String runId = "../../etc/passwd #1 ✓ ?x=%41";

        JsonNode answer = body(service.handle(signed("/", body, Map.of("X-Feedback-Run-Id",
                RunMetadata.encodeHeaderValue(runId)))), 202);

        assertThat(answer.path("runId").asText()).isEqualTo(runId);
        assertThat(answer.path("reportKey").asText()).matches("reports/web-shop/[0-9a-f]{32}/[0-9a-f]{64}");
        try (OpenedReport stored = store.open(answer.path("reportKey").asText())) {
            assertThat(stored.metadata().orElseThrow().run().runId()).isEqualTo(runId);
        }
    }

    @Test
    void metadataOutsideAscii_travelsPercentEncoded_andIsStoredAsSent() throws Exception {
        byte[] body = REPORT.replace("checkout", "checkout-unicode").getBytes(StandardCharsets.UTF_8);

        JsonNode answer = body(service.handle(signed("/", body, Map.of("X-Feedback-Branch",
                RunMetadata.encodeHeaderValue("feat/ünïcode"), "X-Feedback-Run-Id", "r-%C3%BC"))), 202);

        assertThat(answer.path("runId").asText()).isEqualTo("r-ü");
        try (OpenedReport stored = store.open(answer.path("reportKey").asText())) {
            assertThat(stored.metadata().orElseThrow().branch()).contains("feat/ünïcode");
            assertThat(stored.metadata().orElseThrow().run().runId()).isEqualTo("r-ü");
        }
    }

    @Test
    void aGivenTime_isStoredWithTheReport_andABadOneIsRefusedNamingIt() throws Exception {
        byte[] body = REPORT.replace("checkout", "checkout-time").getBytes(StandardCharsets.UTF_8);

        JsonNode answer = body(service.handle(signed("/", body, Map.of("X-Feedback-Time",
                "2026-02-20T08:00:00Z"))), 202);
        JsonNode refused = body(service.handle(signed("/", body, Map.of("X-Feedback-Time",
                "last%20tuesday"))), 400);

        try (OpenedReport stored = store.open(answer.path("reportKey").asText())) {
            assertThat(stored.metadata().orElseThrow().time()).contains(Instant.parse("2026-02-20T08:00:00Z"));
        }
        assertThat(refused.path("error").asText()).isEqualTo("bad_metadata");
        assertThat(refused.path("message").asText()).contains("X-Feedback-Time").contains("'last tuesday'");
    }

    /** A captured request, altered in one way and sent again within its five minutes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            run id changed        | X-Feedback-Run-Id      | nightly-9
            attempt changed       | X-Feedback-Run-Attempt | 2
            commit changed        | X-Feedback-Commit      | bad
            branch changed        | X-Feedback-Branch      | release
            build URL changed     | X-Feedback-Build-Url   | https://evil.example/
            CI provider changed   | X-Feedback-Ci-Provider | jenkins
            time changed          | X-Feedback-Time        | 2026-02-01T00:00:00Z
            project changed       | X-Feedback-Project     | web-shop-2
            run id dropped        | X-Feedback-Run-Id      |
            branch dropped        | X-Feedback-Branch      |
            time dropped          | X-Feedback-Time        |
            time added            | X-Feedback-Time        | 2026-02-01T00:00:00Z
            """)
    void aCapturedRequestAlteredInAnyField_isRefused(String name, String header, String value) throws Exception {
        byte[] body = REPORT.replace("checkout", "checkout-forged").getBytes(StandardCharsets.UTF_8);
        Map<String, String> original = new LinkedHashMap<>(Map.of("X-Feedback-Run-Id", "nightly-1",
                "X-Feedback-Run-Attempt", "1", "X-Feedback-Commit", "abc", "X-Feedback-Branch", "main",
                "X-Feedback-Build-Url", "https://ci.example/1", "X-Feedback-Ci-Provider", "github-actions"));
        if (!name.endsWith("added")) {
            original.put("X-Feedback-Time", "2026-02-20T08:00:00Z");
        }
        IngestRequest captured = signed("/", body, original);
        Map<String, String> altered = new LinkedHashMap<>(captured.headers());
        if (value == null) {
            altered.remove(header);
        } else {
            altered.put(header, value);
        }

        JsonNode answer = body(service.handle(new IngestRequest("POST", "/", altered, Map.of(), body, NOW)), 401);

        assertThat(answer.path("message").asText()).contains("signature does not match");
        assertThat(body(service.handle(captured), 202).path("runId").asText()).as("the original still goes through")
                .isEqualTo("nightly-1");
    }

    @Test
    void aCapturedRequest_cannotGainFieldsFromTheQuery() throws Exception {
        byte[] body = REPORT.replace("checkout", "checkout-query").getBytes(StandardCharsets.UTF_8);
        IngestRequest captured = signed("/", body, Map.of("X-Feedback-Run-Id", "nightly-1"));
        Map<String, String> moved = new LinkedHashMap<>(captured.headers());
        moved.remove("X-Feedback-Run-Id");

        IngestRequest added = new IngestRequest("POST", "/", captured.headers(), Map.of("commit", "bad"), body, NOW);
        IngestRequest doubled = new IngestRequest("POST", "/", captured.headers(), Map.of("run", "nightly-2"), body,
                NOW);
        IngestRequest fromQuery = new IngestRequest("POST", "/", moved, Map.of("run", "nightly-1"), body, NOW);

        assertThat(body(service.handle(added), 401).path("message").asText()).contains("does not match");
        assertThat(body(service.handle(doubled), 400).path("message").asText()).contains("given twice");
        assertThat(body(service.handle(fromQuery), 202).path("runId").asText())
                .as("the same field, moved from header to query, is the same request").isEqualTo("nightly-1");
    }

    @Test
    void aRequestSignedForAnotherPath_isRefused() throws Exception {
        byte[] body = REPORT.replace("checkout", "checkout-path").getBytes(StandardCharsets.UTF_8);
        IngestRequest forUploads = signed("/uploads", body, Map.of());

        IngestRequest replayed = new IngestRequest("POST", "/", forUploads.headers(), Map.of(), body, NOW);

        assertThat(body(service.handle(replayed), 401).path("message").asText()).contains("does not match");
    }

    @Test
    void theRetiredSigningScheme_isRefused_askingToUpdateTheClient() throws Exception {
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);
        long ts = NOW.getEpochSecond();
        String v1 = "sha256=" + java.util.HexFormat.of().formatHex(hmac(SECRET, ts + "." + REPORT));
        IngestRequest old = new IngestRequest("POST", "/", Map.of("X-Feedback-Project", "web-shop",
                RequestSignature.TIMESTAMP_HEADER, Long.toString(ts), RequestSignature.SIGNATURE_HEADER, v1),
                Map.of(), body, NOW);

        JsonNode answer = body(service.handle(old), 401);

        assertThat(answer.path("error").asText()).isEqualTo("unauthorized");
        assertThat(answer.path("message").asText()).contains("retired scheme").contains("Update the client");
    }

    @Test
    void anUnknownMetadataHeader_isRefusedNamingIt() throws Exception {
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(signed("/", body, Map.of()).headers());
        headers.put("X-Feedback-RunId", "5");

        JsonNode answer = body(service.handle(new IngestRequest("POST", "/", headers, Map.of(), body, NOW)), 400);

        assertThat(answer.path("error").asText()).isEqualTo("bad_metadata");
        assertThat(answer.path("message").asText()).contains("'X-Feedback-RunId'").contains("X-Feedback-Run-Id");
    }

    @Test
    void runMetadataMayComeFromTheQuery_andTheRunIdDefaultsToTheContentHash() throws Exception {
        byte[] body = REPORT.replace("checkout", "checkout-c").getBytes(StandardCharsets.UTF_8);
        Map<String, String> query = Map.of("project", "web-shop", "branch", "feat/ünïcode");
        long ts = NOW.getEpochSecond();
        IngestRequest request = new IngestRequest("POST", "/", Map.of(
                RequestSignature.TIMESTAMP_HEADER, Long.toString(ts),
                RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(SECRET.getBytes(),
                        RequestSignature.Signed.of("POST", "/", ts, body, query))),
                query, body, NOW);

        JsonNode answer = body(service.handle(request), 202);

        assertThat(answer.path("runId").asText()).isEqualTo(sha256Hex(body));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong signature  | web-shop | other-secret | 0    | signature does not match the request
            unknown project  | nobody   | web-shop-secret | 0 | signature does not match the request
            stale timestamp  | web-shop | web-shop-secret | -301 | older than 5 minutes (replay refused)
            future timestamp | web-shop | web-shop-secret | 120 | in the future
            """)
    void badSignatures_areRefusedWith401_andAnUnknownProjectLooksLikeAWrongSignature(
            String name, String project, String secret, long skewSeconds, String message) throws Exception {
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = RequestSignature.signedHeaders(secret.getBytes(), "POST", "/", body,
                Map.of("project", project), NOW.plusSeconds(skewSeconds));

        JsonNode answer = body(service.handle(new IngestRequest("POST", "/", headers, Map.of(), body, NOW)), 401);

        assertThat(answer.path("error").asText()).isEqualTo("unauthorized");
        assertThat(answer.path("message").asText()).contains(message);
    }

    @Test
    void aMissingSignature_isRefusedWith401() throws Exception {
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);
        IngestRequest request = new IngestRequest("POST", "/", Map.of("X-Feedback-Project", "web-shop"), Map.of(),
                body, NOW);
        IngestRequest noTime = new IngestRequest("POST", "/", Map.of("X-Feedback-Project", "web-shop",
                RequestSignature.SIGNATURE_HEADER, "v2=" + "0".repeat(64)), Map.of(), body, NOW);

        assertThat(body(service.handle(request), 401).path("message").asText())
                .contains("missing X-Feedback-Signature");
        assertThat(body(service.handle(noTime), 401).path("message").asText())
                .contains("missing X-Feedback-Timestamp");
    }

    @Test
    void aBodyOverTheLimit_isRefusedWith413_beforeAnythingElse() throws Exception {
        byte[] body = new byte[64 * 1024 + 1];

        JsonNode answer = body(service.handle(new IngestRequest("POST", "/", Map.of(), Map.of(), body, NOW)), 413);

        assertThat(answer.path("error").asText()).isEqualTo("too_large");
        assertThat(answer.path("message").asText()).contains("65537 bytes").contains("/uploads");
    }

    @Test
    void aGzipBombInflatingPastTheLimit_isRefusedWith413() throws Exception {
        String huge = "<testsuite name=\"s\">" + "<!-- padding -->".repeat(100_000) + "</testsuite>";
        byte[] body = gzip(huge);
        assertThat(body.length).isLessThan(64 * 1024);

        JsonNode answer = body(service.handle(signed("/", body, Map.of())), 413);

        assertThat(answer.path("message").asText()).contains("inflates to more than 1048576 bytes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain text         | hello, this is not a report         | 415 | unsupported_format | neither XML nor JSON
            unknown XML        | <html><body/></html>                | 415 | unsupported_format | root element <html>
            unknown JSON       | {"foo": 1}                          | 415 | unsupported_format | top-level keys [foo]
            truncated JUnit    | <testsuite name="s"><testcase name= | 400 | malformed_report   | line 1, column
            empty              | ''                                  | 400 | malformed_report   | empty
            """)
    void unreadableReports_areRefused_namingWhatAndWhere(String name, String report, int status, String code,
                                                         String message) throws Exception {
        JsonNode answer = body(service.handle(signed("/", report.getBytes(StandardCharsets.UTF_8), Map.of())),
                status);

        assertThat(answer.path("error").asText()).isEqualTo(code);
        assertThat(answer.path("message").asText()).contains(message);
    }

    @Test
    void aBrokenGzipStream_isAMalformedReport() throws Exception {
        byte[] body = gzip(REPORT);
        byte[] truncated = java.util.Arrays.copyOf(body, body.length / 2);

        assertThat(body(service.handle(signed("/", truncated, Map.of())), 400).path("error").asText())
                .isEqualTo("malformed_report");
    }

    @Test
    void badRunMetadata_isRefusedWith400_namingTheField() throws Exception {
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);

        JsonNode answer = body(service.handle(signed("/", body, Map.of("X-Feedback-Run-Attempt", "second"))), 400);

        assertThat(answer.path("error").asText()).isEqualTo("bad_metadata");
        assertThat(answer.path("message").asText()).contains("run attempt").contains("X-Feedback-Run-Attempt")
                .contains("'second'");
    }

    @Test
    void otherPathsAndMethods_areRefused() throws Exception {
        assertThat(body(service.handle(signed("/reports", new byte[0], Map.of())), 404).path("error").asText())
                .isEqualTo("not_found");
        IngestRequest get = new IngestRequest("GET", "/", Map.of(), Map.of(), new byte[0], NOW);
        assertThat(body(service.handle(get), 405).path("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void anUploadRequest_isGrantedAPresignedPut_thatStoresTheReportWithItsRun() throws Exception {
        byte[] report = gzip(REPORT.replace("checkout", "checkout-large"));
        byte[] request = JSON.writeValueAsBytes(Map.of("sha256", sha256Hex(report),
                "bytes", report.length, "contentEncoding", "gzip"));

        JsonNode grant = body(service.handle(signed("/uploads", request, Map.of("X-Feedback-Run-Id", "99",
                "X-Feedback-Branch", RunMetadata.encodeHeaderValue("feat/ünïcode")))), 200);
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(grant.path("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(report));
        grant.path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> stored = HttpClient.newHttpClient().send(put.build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(grant.path("reportKey").asText()).isEqualTo("reports/web-shop/"
                + RawReportKey.runSegment(new RunKey("web-shop", "99", 1)) + "/" + sha256Hex(report) + ".gz");
        assertThat(grant.path("expiresAt").asText()).isNotBlank();
        assertThat(grant.path("accepted").path("runId").asText()).isEqualTo("99");
        assertThat(grant.path("headers").path("x-amz-meta-branch").asText()).as("S3 metadata is ASCII")
                .isEqualTo("feat/%C3%BCn%C3%AFcode");
        try (OpenedReport opened = store.open(grant.path("reportKey").asText())) {
            assertThat(opened.metadata().orElseThrow().run().runId()).isEqualTo("99");
            assertThat(opened.metadata().orElseThrow().branch()).contains("feat/ünïcode");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON       | sha256=abc                                                 | 400 | not JSON
            bad hash       | {"sha256":"abc","bytes":10}                               | 400 | $.sha256
            no size        | {"sha256":"%s"}                                            | 400 | $.bytes
            too large      | {"sha256":"%s","bytes":99999999999}                       | 413 | $.bytes
            bad encoding   | {"sha256":"%s","bytes":10,"contentEncoding":"br"}         | 400 | $.contentEncoding
            """)
    void badUploadRequests_areRefused_namingTheField(String name, String request, int status, String message)
            throws Exception {
        byte[] body = request.formatted("a".repeat(64)).getBytes(StandardCharsets.UTF_8);

        assertThat(body(service.handle(signed("/uploads", body, Map.of())), status).path("message").asText())
                .contains(message);
    }

    /**
     * A request signed as a client signs it, with metadata headers as given (values as sent) and the project.
     */
    static IngestRequest signed(String path, byte[] body, Map<String, String> metadataHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(metadataHeaders);
        headers.put("X-Feedback-Project", "web-shop");
        Map<String, String> fields = RunMetadata.fieldsOf(headers, Map.of());
        long ts = NOW.getEpochSecond();
        headers.put(RequestSignature.TIMESTAMP_HEADER, Long.toString(ts));
        headers.put(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(SECRET.getBytes(),
                RequestSignature.Signed.of("POST", path, ts, body, fields)));
        return new IngestRequest("POST", path, headers, Map.of(), body, NOW);
    }

    private static byte[] hmac(String secret, String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode body(IngestResponse response, int status) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** SHA-256 in hex, computed here with the JDK alone: what a report's content address must be. */
    private static String sha256Hex(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
