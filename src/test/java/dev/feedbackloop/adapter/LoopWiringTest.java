package dev.feedbackloop.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.adapter.local.LocalClients;
import dev.feedbackloop.classify.ClassifyOutcome;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.ingest.IngestRequest;
import dev.feedbackloop.ingest.IngestResponse;
import dev.feedbackloop.ingest.IngestSettings;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.ingest.RequestSignature;
import dev.feedbackloop.regenerate.RegenerationIntake;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.testing.LoopFixture;
import dev.feedbackloop.testing.MutableClock;
import dev.feedbackloop.testing.TestEngines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole loop wired from SDK clients, as the functions' producers wire it, on the shared embedded engines (its own
 * table, bucket and queue): a signed report ingested, its stored object classified, the queued regeneration request
 * taken in, the day rolled up. The wiring on engines of its own ({@code LocalWiring}) is {@code LocalLoopTest}'s.
 */
class LoopWiringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSignedReport_goesRoundTheWholeLoop() throws Exception {
        String report = JSON.readTree(Files.readString(Path.of("events", "ingest-function-url.json")))
                .path("body").asText();
        try (LoopFixture engines = new LoopFixture("wiring");
             S3Presigner presigner = LocalClients.s3Presigner(TestEngines.s3().endpoint())) {
            MutableClock clock = engines.clock;
            LoopWiring loop = new LoopWiring(engines.dynamoDb, engines.s3, presigner, engines.sqs,
                    ProjectSecrets.inline(Map.of("web-shop", "s")), new LoopWiring.Settings(engines.table,
                    engines.bucket, LoopFixture.PREFIX, engines.queueUrl, Duration.ofDays(30),
                    IngestSettings.withMaxBody(IngestSettings.DEFAULT_MAX_BODY_BYTES)), clock);
            SqsClient sqs = engines.sqs;
            byte[] body = report.getBytes(StandardCharsets.UTF_8);
            IngestResponse accepted = loop.ingest().handle(new IngestRequest("POST", "/",
                    RequestSignature.signedHeaders("s".getBytes(), "POST", "/", body,
                            Map.of("project", "web-shop", "run", "42"), clock.instant()),
                    Map.of(), body, clock.instant()));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String key = JSON.readTree(accepted.body()).path("reportKey").asText();

            ClassifyOutcome classified = loop.reportClassifier().classify(ReportRef.of(key));
            List<RegenerationIntake.QueuedMessage> queued = sqs.receiveMessage(b -> b.queueUrl(engines.queueUrl)
                    .maxNumberOfMessages(10)).messages().stream()
                    .map(m -> new RegenerationIntake.QueuedMessage(m.messageId(), m.body())).toList();
            RegenerationIntake.BatchOutcome intake = loop.regenerationIntake().accept(queued);
            clock.set(Instant.parse("2026-03-02T02:30:00Z"));
            List<DailyMetrics> metrics = loop.nightlyRollup().run(loop.nightlyRollup().previousDay());

            assertThat(classified.status()).isEqualTo(ClassifyOutcome.Status.CLASSIFIED);
            assertThat(classified.failing()).isEqualTo(3);
            assertThat(intake.recorded()).isEqualTo(classified.regenerationsPublished()).isPositive();
            assertThat(loop.recommendations().pending("web-shop", 10, Optional.empty()).items())
                    .hasSize(intake.recorded());
            assertThat(metrics).extracting(DailyMetrics::project).containsExactly("web-shop", "*");
            assertThat(loop.metrics().range("web-shop", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01")))
                    .singleElement().satisfies(m -> assertThat(m.failed()).isEqualTo(3));
            assertThat(loop.figures().find("web-shop", LocalDate.parse("2026-03-01"))).get()
                    .satisfies(f -> assertThat(f.metrics().totalFailures()).isEqualTo(3));
            JsonNode run = JSON.readTree(accepted.body());
            assertThat(loop.runs().listRuns("web-shop", 10, Optional.empty()).items())
                    .singleElement().satisfies(r -> assertThat(r.key().runId()).isEqualTo(run.path("runId").asText()));
        }
    }
}
