package dev.feedbackloop.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.store.OpenedReport;
import dev.feedbackloop.store.RawReportKey;
import dev.feedbackloop.store.ReportContent;
import dev.feedbackloop.store.ReportMetadata;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredObjectNotFoundException;
import dev.feedbackloop.store.StoredReport;
import dev.feedbackloop.testing.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** Raw reports on a real S3 endpoint (s3proxy, in-process). */
class S3RawReportStoreTest {

    private static final String REPORT = "<testsuite name=\"s\" tests=\"1\"><testcase name=\"t\"/></testsuite>";
    private static S3Client s3;
    private static String bucket;
    private static S3RawReportStore store;

    @BeforeAll
    static void createBucket() {
        s3 = LocalClients.s3(TestEngines.s3().endpoint());
        bucket = TestEngines.uniqueName("reports");
        s3.createBucket(b -> b.bucket(bucket));
        store = new S3RawReportStore(s3, bucket, "reports/");
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void aReport_isStoredUnderItsProjectRunAndContentHash_withTheRunAsMetadata() throws Exception {
        byte[] bytes = REPORT.getBytes(StandardCharsets.UTF_8);
        ReportMetadata metadata = metadata("web", "run-1");

        StoredReport stored = store.put(metadata, ReportContent.ofBytes(bytes, "webhook body"));

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(stored.key()).isEqualTo("reports/web/" + RawReportKey.runSegment(new RunKey("web", "run-1", 1))
                + "/" + sha);
        assertThat(stored.created()).isTrue();
        assertThat(stored.gzip()).isFalse();
        try (OpenedReport opened = store.open(stored.key())) {
            assertThat(opened.metadata()).contains(metadata);
            assertThat(opened.sizeBytes()).isEqualTo(bytes.length);
            assertThat(new String(opened.stream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
        }
    }

    @Test
    void theSameReportOfTheSameRunTwice_isStoredOnce_keepingTheFirstMetadata() {
        byte[] bytes = (REPORT + "<!-- twice -->").getBytes(StandardCharsets.UTF_8);
        StoredReport first = store.put(metadata("web", "run-1"), ReportContent.ofBytes(bytes, "first"));

        StoredReport second = store.put(new ReportMetadata(new RunKey("web", "run-1", 1), Optional.of("other"),
                Optional.empty(), Optional.empty(), Optional.empty()), ReportContent.ofBytes(bytes, "second"));

        assertThat(second.created()).isFalse();
        assertThat(second.key()).isEqualTo(first.key());
        assertThat(second.metadata()).isEqualTo(metadata("web", "run-1"));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(first.key())).keyCount()).isEqualTo(1);
    }

    @Test
    void theSameBytesForAnotherRunOrAttempt_areStoredAgain_underTheirRun() {
        byte[] bytes = (REPORT + "<!-- reruns -->").getBytes(StandardCharsets.UTF_8);

        StoredReport nightly1 = store.put(metadata("web", "nightly-1"), ReportContent.ofBytes(bytes, "1"));
        StoredReport nightly2 = store.put(metadata("web", "nightly-2"), ReportContent.ofBytes(bytes, "2"));
        StoredReport attempt2 = store.put(new ReportMetadata(new RunKey("web", "nightly-2", 2), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), ReportContent.ofBytes(bytes, "2.2"));

        assertThat(List.of(nightly1, nightly2, attempt2)).allMatch(StoredReport::created)
                .extracting(StoredReport::key).doesNotHaveDuplicates();
        assertThat(nightly2.metadata().run().runId()).isEqualTo("nightly-2");
        try (OpenedReport opened = store.open(attempt2.key())) {
            assertThat(opened.metadata().orElseThrow().run().attempt()).isEqualTo(2);
        }
    }

    @Test
    void aGzipReport_keepsItsCompressionAndGetsTheGzSuffix() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(REPORT.getBytes(StandardCharsets.UTF_8));
        }

        StoredReport stored = store.put(metadata("web", "run-gz"), ReportContent.ofBytes(compressed.toByteArray(),
                "upload"));

        assertThat(stored.key()).endsWith(".gz");
        assertThat(stored.gzip()).isTrue();
        try (OpenedReport opened = store.open(stored.key())) {
            assertThat(opened.stream().readAllBytes()).isEqualTo(compressed.toByteArray());
        }
    }

    @Test
    void metadataOutsideAscii_survivesTheRoundTrip() {
        ReportMetadata metadata = new ReportMetadata(new RunKey("web", " run ü 100% ", 3), Optional.of("abc"),
                Optional.of("feature/größe-✓"), Optional.of("https://ci.example/r?id=1&x=%41"),
                Optional.of("github-actions"), Optional.of(Instant.parse("2026-02-20T08:00:00.250Z")));

        StoredReport stored = store.put(metadata, ReportContent.ofBytes("unicode".getBytes(StandardCharsets.UTF_8),
                "body"));

        try (OpenedReport opened = store.open(stored.key())) {
            assertThat(opened.metadata()).contains(metadata);
        }
    }

    @Test
    void theLongestMetadataIngestAccepts_fitsS3sLimit_cuttingOnlyOptionalValues() {
        String runId = "ü".repeat(100); // 200 bytes in UTF-8: the most ingest accepts
        ReportMetadata longest = new ReportMetadata(new RunKey("p".repeat(100), runId, 99_999),
                Optional.of("ç".repeat(300)), Optional.of("ß".repeat(1000)),
                Optional.of("https://x/" + "é".repeat(900)),
                Optional.of("ci-ü".repeat(100)), Optional.of(Instant.parse("2026-02-20T08:00:00.250Z")));

        Map<String, String> encoded = ReportObjectMetadata.encode(longest);

        assertThat(ReportObjectMetadata.size(encoded)).isLessThanOrEqualTo(ReportObjectMetadata.MAX_BYTES);
        assertThat(encoded.values()).allMatch(v -> v.chars().allMatch(c -> c > 0x20 && c < 0x7f));
        ReportMetadata decoded = ReportObjectMetadata.decode("k", encoded).orElseThrow();
        assertThat(decoded.run()).isEqualTo(longest.run());
        assertThat(decoded.time()).isEqualTo(longest.time());
        assertThat(longest.branch().orElseThrow()).startsWith(decoded.branch().orElseThrow());
        StoredReport stored = store.put(longest, ReportContent.ofBytes(REPORT.getBytes(StandardCharsets.UTF_8), "x"));
        try (OpenedReport opened = store.open(stored.key())) {
            assertThat(opened.metadata().orElseThrow().run()).isEqualTo(longest.run());
        }
    }

    @Test
    void aLargeReportFile_isStreamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] line = "<testcase name=\"a test with a long enough name\" time=\"0.1\"/>\n"
                    .getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 200_000; i++) { // about 12 MB
                out.write(line);
            }
        }

        StoredReport stored = store.put(metadata("web", "big"), ReportContent.ofFile(file));

        assertThat(stored.sizeBytes()).isEqualTo(Files.size(file));
        try (OpenedReport opened = store.open(stored.key()); InputStream in = opened.stream()) {
            assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(Files.size(file));
        }
    }

    @Test
    void anObjectUploadedWithoutMetadata_hasNone_andPartialMetadataIsNamed() {
        s3.putObject(b -> b.bucket(bucket).key("reports/web/bare"),
                software.amazon.awssdk.core.sync.RequestBody.fromString(REPORT));
        s3.putObject(b -> b.bucket(bucket).key("reports/web/partial").metadata(Map.of("project", "web")),
                software.amazon.awssdk.core.sync.RequestBody.fromString(REPORT));

        try (OpenedReport bare = store.open("reports/web/bare")) {
            assertThat(bare.metadata()).isEmpty();
        }
        try (OpenedReport partial = store.open("reports/web/partial")) {
            assertThatThrownBy(partial::metadata).hasMessage("report object reports/web/partial has metadata "
                    + "'project' but lacks 'run-id'");
        }
    }

    @Test
    void openingAMissingReport_failsNamingIt() {
        assertThatThrownBy(() -> store.open("reports/web/absent"))
                .isInstanceOf(StoredObjectNotFoundException.class)
                .hasMessage("GetReport s3://" + bucket + "/reports/web/absent: no such object");
    }

    @Test
    void contentShorterThanAnnounced_isRefused() {
        ReportContent lying = new ReportContent() {
            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(new byte[10]);
            }

            @Override
            public long length() {
                return 20;
            }

            @Override
            public String description() {
                return "truncated upload";
            }
        };

        assertThatThrownBy(() -> store.put(metadata("web", "short"), lying)).isInstanceOf(StoreException.class)
                .hasMessageContaining("truncated upload").hasMessageContaining("10 bytes but was announced as 20");
    }

    private static ReportMetadata metadata(String project, String runId) {
        return new ReportMetadata(new RunKey(project, runId, 1), Optional.of("abc123"), Optional.of("main"),
                Optional.of("https://ci.example/" + runId), Optional.of("github-actions"));
    }
}
