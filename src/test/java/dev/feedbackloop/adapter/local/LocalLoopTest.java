package dev.feedbackloop.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.llm.LlmSettings;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.regenerate.TestSources;
import dev.feedbackloop.store.SpendLedger;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationKind;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.recommend.TestRole;
import dev.feedbackloop.recommend.TrackedTest;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.upload.GzipReports;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local loop on real embedded engines, for reports of any size, as CI sends them (plain or gzip). */
class LocalLoopTest {

    private static LocalLoop loop;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        loop = LocalLoop.start(Optional.empty(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        loop.close();
    }

    /**
     * A JUnit report whose gzip is larger than a Function URL takes inline: {@code cases} failing tests with
     * {@code noiseBytes} of incompressible output in the suite's {@code system-out}.
     */
    private static void writeReport(Path file, int cases, int noiseBytes) throws IOException {
        byte[] noise = new byte[noiseBytes * 3 / 4];
        new Random(7).nextBytes(noise);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<testsuite name=\"big\" tests=\"" + cases + "\">\n");
            for (int i = 0; i < cases; i++) {
                out.write("<testcase classname=\"Big\" name=\"t" + i + "\"><failure message=\"expected: &lt;200&gt; "
                        + "but was: &lt;500&gt;\" type=\"org.opentest4j.AssertionFailedError\"/></testcase>\n");
            }
            out.write("<system-out>" + Base64.getEncoder().encodeToString(noise) + "</system-out>\n</testsuite>\n");
        }
    }

    @Test
    void aReportTooLargeForAFunctionUrlGoesThroughAPresignedUploadAndIsClassified() throws IOException {
        Path report = dir.resolve("big.xml");
        writeReport(report, 50, 7 * 1024 * 1024);
        GzipReports.gzip(report, dir.resolve("big.xml.gz"));
        assertThat(Files.size(dir.resolve("big.xml.gz"))).as("too large to send inline, even gzipped")
                .isGreaterThan(LocalLoop.MAX_INLINE_BYTES);

        LocalLoop.Delivery delivery = loop.deliver(report, Map.of("project", "big-web", "run", "7"));

        assertThat(delivery.accepted()).as(delivery.ingestAnswer().toString()).isTrue();
        assertThat(delivery.ingestAnswer().path("reportKey").asText()).startsWith("reports/big-web/");
        assertThat(delivery.classified()).hasSize(1);
        assertThat(delivery.classified().get(0).tests).isEqualTo(50);
        assertThat(delivery.classified().get(0).failing).isEqualTo(50);
    }

    /** The classify function observes each stored run for the recommendations' tests, once per run. */
    @Test
    void aClassifiedRunIsCountedInTheRecommendationsTests_once() throws IOException {
        Path report = dir.resolve("observed.xml");
        writeReport(report, 1, 100);
        String project = "observed-web";
        loop.deliver(report, Map.of("project", project, "run", "o1"));
        RecommendationLoop fixes = new RecommendationLoop(loop.wiring().recommendationBook(), new Recommender(),
                FixWatch.defaults());
        StoredHistory history = new StoredHistory(loop.wiring().runs(), loop.wiring().scenarios(), 10);
        assertThat(fixes.refresh(project, history.scenarios(project, 10), List.of(), Instant.now()).added())
                .isPositive();

        loop.deliver(report, Map.of("project", project, "run", "o2"));
        LocalLoop.Delivery again = loop.deliver(report, Map.of("project", project, "run", "o2"));

        assertThat(again.classified().get(0).status).isEqualTo("ALREADY_CLASSIFIED");
        Recommendation fix = fixes.list(project, List.of(RecommendationStatus.DRAFT), 10).stream()
                .filter(r -> r.kind() == RecommendationKind.IMMEDIATE_FIX).findFirst().orElseThrow();
        TrackedTest reproduction = fix.ledger().find(TestRole.REPRODUCTION, fix.tests().get(0)).orElseThrow();
        assertThat(reproduction.runs()).as("o2 counted at ingest, once; o1 came before the recommendation")
                .isEqualTo(1);
        assertThat(reproduction.successes()).isZero();
    }

    /** Observing is after the run is stored: its failure is logged, and the classification stands. */
    @Test
    void aFailureToObserveARun_doesNotFailItsClassification() throws IOException {
        Clock clock = Clock.systemUTC();
        TestSources broken = file -> {
            throw new IllegalStateException("sources unreadable");
        };
        try (LlmWiring llm = LlmWiring.create(LlmSettings.none(), new LlmWiring.Collaborators(ApiKeySource.none(),
                SpendLedger.inMemory(), Optional.empty(), Optional.empty(), clock));
             LocalLoop failing = LocalLoop.start(Optional.empty(), clock, llm, broken)) {
            Path report = dir.resolve("sourced.xml");
            Files.writeString(report, "<testsuite name=\"s\" tests=\"1\"><testcase classname=\"S\" name=\"t\""
                    + " file=\"tests/s.spec.ts\"><failure message=\"expected: 1 but was: 2\"/></testcase>"
                    + "</testsuite>\n");
            String project = "sourced-web";
            failing.deliver(report, Map.of("project", project, "run", "s1"));
            RecommendationLoop fixes = new RecommendationLoop(failing.wiring().recommendationBook(),
                    new Recommender(), FixWatch.defaults());
            StoredHistory history = new StoredHistory(failing.wiring().runs(), failing.wiring().scenarios(), 10);
            fixes.refresh(project, history.scenarios(project, 10), List.of(), Instant.now());
            assertThat(fixes.trackedTests(project)).as("a tracked test, so its source is asked for").isNotEmpty();

            LocalLoop.Delivery delivery = failing.deliver(report, Map.of("project", project, "run", "s2"));

            assertThat(delivery.classified()).extracting(r -> r.status).containsExactly("CLASSIFIED");
            assertThat(failing.wiring().runs().findRun(new RunKey(project, "s2", 1))).isPresent();
        }
    }

    @Test
    void aGzipReportIsSentAsItIs() throws IOException {
        Path plain = dir.resolve("small.xml");
        writeReport(plain, 3, 1000);
        Path gzipped = dir.resolve("small.xml.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            Files.copy(plain, out);
        }

        LocalLoop.Delivery delivery = loop.deliver(gzipped, Map.of("project", "gz-web", "run", "8"));

        assertThat(delivery.accepted()).as(delivery.ingestAnswer().toString()).isTrue();
        assertThat(delivery.ingestAnswer().path("tests").asInt()).isEqualTo(3);
    }

    /** Issue 10: the same bytes as another nightly are another run; the same delivery again is not. */
    @Test
    void theSameReportUnderTwoRunIds_isTwoRuns_andUnderTheSameRunAndAttemptOne() throws IOException {
        Path report = dir.resolve("nightly.xml");
        writeReport(report, 2, 100);

        List<LocalLoop.Delivery> deliveries = List.of(
                loop.deliver(report, Map.of("project", "nightly-web", "run", "nightly-1")),
                loop.deliver(report, Map.of("project", "nightly-web", "run", "nightly-2")),
                loop.deliver(report, Map.of("project", "nightly-web", "run", "nightly-2")));

        assertThat(deliveries).extracting(d -> d.ingestAnswer().path("duplicate").asBoolean())
                .containsExactly(false, false, true);
        assertThat(deliveries).extracting(d -> d.ingestAnswer().path("runId").asText())
                .containsExactly("nightly-1", "nightly-2", "nightly-2");
        assertThat(deliveries).extracting(d -> d.classified().get(0).status)
                .containsExactly("CLASSIFIED", "CLASSIFIED", "ALREADY_CLASSIFIED");
        assertThat(loop.wiring().runs().listRuns("nightly-web", 10, Optional.empty()).items())
                .extracting(r -> r.key().runId() + ":" + r.counts().tests())
                .containsExactlyInAnyOrder("nightly-1:2", "nightly-2:2");
    }

    @Test
    void aNonAsciiBranchAndAGivenTime_reachTheStoredRun() throws IOException {
        Path report = dir.resolve("backfill.xml");
        writeReport(report, 1, 100);

        LocalLoop.Delivery delivery = loop.deliver(report, Map.of("project", "backfill-web", "run", "r017",
                "branch", "feat/ünïcode", "time", "2026-10-03T09:12:00Z"));

        assertThat(delivery.accepted()).as(delivery.ingestAnswer().toString()).isTrue();
        StoredRun run = loop.wiring().runs().findRun(new RunKey("backfill-web", "r017", 1)).orElseThrow();
        assertThat(run.run().branch()).contains("feat/ünïcode");
        assertThat(run.runTime()).isEqualTo(Instant.parse("2026-10-03T09:12:00Z"));
    }
}
