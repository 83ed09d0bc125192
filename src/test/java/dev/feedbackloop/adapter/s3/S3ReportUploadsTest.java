package dev.feedbackloop.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.OpenedReport;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.ReportUploads.UploadGrant;
import dev.feedbackloop.store.StoredReport;
import dev.feedbackloop.testing.TestEngines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Pre-signed report uploads against a real S3 endpoint (s3proxy, in-process), PUT by a plain HTTP client. */
class S3ReportUploadsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static S3Client s3;
    private static S3Presigner presigner;
    private static S3RawReportStore store;
    private static S3ReportUploads uploads;

    @BeforeAll
    static void createBucket() {
        s3 = LocalClients.s3(TestEngines.s3().endpoint());
        presigner = LocalClients.s3Presigner(TestEngines.s3().endpoint());
        String bucket = TestEngines.uniqueName("uploads");
        s3.createBucket(b -> b.bucket(bucket));
        store = new S3RawReportStore(s3, bucket, "reports/");
        uploads = new S3ReportUploads(s3, presigner, bucket, "reports/", Duration.ofMinutes(15));
    }

    @AfterAll
    static void close() {
        presigner.close();
        s3.close();
    }

    @Test
    void aGrant_storesExactlyThoseBytesUnderTheirHash_withTheRunAsMetadata() throws Exception {
        byte[] report = "<testsuite name=\"big\"><testcase name=\"t\"/></testsuite>".getBytes(StandardCharsets.UTF_8);
        String sha = sha256(report);

        UploadGrant grant = uploads.grant(metadata("web", "run-7"), sha, report.length, false);
        HttpResponse<String> put = put(grant, report);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(grant.key()).isEqualTo("reports/web/" + RawReportKey.runSegment(new RunKey("web", "run-7", 1))
                + "/" + sha);
        assertThat(grant.duplicate()).isFalse();
        assertThat(grant.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(grant.headers()).containsKey("x-amz-meta-run-id").doesNotContainKeys("host", "Host");
        try (OpenedReport opened = store.open(grant.key())) {
            assertThat(opened.stream().readAllBytes()).isEqualTo(report);
            assertThat(opened.metadata()).contains(metadata("web", "run-7"));
        }
    }

    @Test
    void aGrantForContentAlreadyStoredForTheRun_isADuplicate_keepingTheFirstMetadata() throws Exception {
        byte[] report = "<testsuite name=\"dup\"><testcase name=\"t\"/></testsuite>".getBytes(StandardCharsets.UTF_8);
        store.put(metadata("web", "first"), ReportContent.ofBytes(report, "test"));

        UploadGrant grant = uploads.grant(new ReportMetadata(new RunKey("web", "first", 1), Optional.of("other"),
                Optional.empty(), Optional.empty(), Optional.empty()), sha256(report), report.length, false);
        HttpResponse<String> put = put(grant, report);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(grant.duplicate()).isTrue();
        assertThat(grant.metadata()).isEqualTo(metadata("web", "first"));
        try (OpenedReport opened = store.open(grant.key())) {
            assertThat(opened.metadata()).contains(metadata("web", "first"));
        }
    }

    @Test
    void aGrantForTheSameContentOfAnotherRun_isANewReport() throws Exception {
        byte[] report = "<testsuite name=\"rerun\"><testcase name=\"t\"/></testsuite>".getBytes(StandardCharsets.UTF_8);
        StoredReport first = store.put(metadata("web", "nightly-1"), ReportContent.ofBytes(report, "test"));

        UploadGrant grant = uploads.grant(metadata("web", "nightly-2"), sha256(report), report.length, false);
        HttpResponse<String> put = put(grant, report);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(grant.duplicate()).isFalse();
        assertThat(grant.key()).isNotEqualTo(first.key());
        try (OpenedReport opened = store.open(grant.key())) {
            assertThat(opened.metadata().orElseThrow().run().runId()).isEqualTo("nightly-2");
        }
    }

    @Test
    void metadataOutsideAscii_travelsInThePresignedPut_andIsReadBack() throws Exception {
        byte[] report = "<testsuite name=\"ü\"><testcase name=\"t\"/></testsuite>".getBytes(StandardCharsets.UTF_8);
        ReportMetadata metadata = new ReportMetadata(new RunKey("web", "nächtlich 1", 1), Optional.of("abc"),
                Optional.of(" feat/ünïcode "), Optional.of("https://ci.example/ü"), Optional.of("github-actions"),
                Optional.of(Instant.parse("2026-02-20T08:00:00Z")));

        UploadGrant grant = uploads.grant(metadata, sha256(report), report.length, false);
        HttpResponse<String> put = put(grant, report);

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(grant.headers()).containsEntry("x-amz-meta-branch", "%20feat/%C3%BCn%C3%AFcode%20")
                .containsEntry("x-amz-meta-time", "2026-02-20T08:00:00Z");
        try (OpenedReport opened = store.open(grant.key())) {
            assertThat(opened.metadata()).contains(metadata);
        }
    }

    @Test
    void otherBytesThanGranted_areRefused() throws Exception {
        byte[] granted = "<testsuite name=\"a\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] other = "<testsuite name=\"b\"/>".getBytes(StandardCharsets.UTF_8);

        UploadGrant grant = uploads.grant(metadata("web", "run-8"), sha256(granted), granted.length, false);
        HttpResponse<String> put = put(grant, other);

        assertThat(put.statusCode()).as(put.body()).isGreaterThanOrEqualTo(400);
    }

    private static HttpResponse<String> put(UploadGrant grant, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(grant.url()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        grant.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ReportMetadata metadata(String project, String runId) {
        return new ReportMetadata(new RunKey(project, runId, 1), Optional.of("abc123"), Optional.of("main"),
                Optional.of("https://ci.example/" + runId), Optional.of("github-actions"));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
