package dev.feedbackloop.adapter;

import dev.feedbackloop.view.ProjectReads;

import dev.feedbackloop.adapter.dynamodb.Backoff;
import dev.feedbackloop.adapter.dynamodb.BatchWrites;
import dev.feedbackloop.adapter.dynamodb.DynamoDeliveryStore;
import dev.feedbackloop.adapter.dynamodb.DynamoFixAnalysisStore;
import dev.feedbackloop.adapter.dynamodb.DynamoHealthStore;
import dev.feedbackloop.adapter.dynamodb.DynamoProjectRulesStore;
import dev.feedbackloop.adapter.dynamodb.DynamoFiguresStore;
import dev.feedbackloop.adapter.dynamodb.DynamoMetricsStore;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationBook;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationStore;
import dev.feedbackloop.adapter.dynamodb.DynamoTriageReader;
import dev.feedbackloop.adapter.dynamodb.DynamoRunAttachments;
import dev.feedbackloop.adapter.dynamodb.DynamoRunStore;
import dev.feedbackloop.adapter.dynamodb.DynamoScenarioStore;
import dev.feedbackloop.adapter.dynamodb.DynamoSettings;
import dev.feedbackloop.adapter.s3.S3RawReportStore;
import dev.feedbackloop.adapter.s3.S3AttachmentStore;
import dev.feedbackloop.adapter.s3.S3ReportUploads;
import dev.feedbackloop.adapter.s3.S3SourceStore;
import dev.feedbackloop.adapter.secrets.SecretsManagerProjectSecrets;
import dev.feedbackloop.adapter.sqs.SqsRegenerationQueue;
import dev.feedbackloop.classify.ProjectClassifiers;
import dev.feedbackloop.classify.ReportClassifier;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.ingest.IngestService;
import dev.feedbackloop.ingest.IngestSettings;
import dev.feedbackloop.ingest.ProjectSecrets;
import dev.feedbackloop.ingest.SignedRequests;
import dev.feedbackloop.triage.TriageApi;
import dev.feedbackloop.recommend.RecommendationBook;
import dev.feedbackloop.regenerate.FixAnalysisStore;
import dev.feedbackloop.regenerate.RegenerationIntake;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.nightly.BookRecords;
import dev.feedbackloop.nightly.NightlyRollup;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.rollup.DailyRollup;
import dev.feedbackloop.rollup.FiguresStore;
import dev.feedbackloop.store.AttachmentStore;
import dev.feedbackloop.store.RunAttachments;
import dev.feedbackloop.store.DeliveryStore;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.MetricsStore;
import dev.feedbackloop.store.ProjectRulesStore;
import dev.feedbackloop.store.RawReportStore;
import dev.feedbackloop.store.SourceStore;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.TriageReader;
import dev.feedbackloop.store.RegenerationQueue;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place the loop's object graph is built: stores on the SDK clients, and the services on the stores. The
 * Lambda functions get it from CDI producers, the command line builds it on the embedded engines
 * ({@code adapter.local.LocalWiring}); both call the same services. Plain constructors, no framework. Building does no I/O, and checks the whole configuration, so a
 * misconfigured function fails at start-up whichever function it exports.
 */
public final class LoopWiring {

    /**
     * The runtime configuration (docs: the contract's {@code feedback.*} properties).
     *
     * @param tableName          {@code feedback.table-name}
     * @param reportsBucket      {@code feedback.reports.bucket}
     * @param reportsPrefix      {@code feedback.reports.prefix}, e.g. {@code reports/}
     * @param regenerateQueueUrl {@code feedback.regenerate.queue-url}
     * @param rawTtl             {@code feedback.raw-ttl-days}, as a duration
     * @param ingest             the ingest limits ({@code feedback.ingest.*})
     * @param batchWrites        how a report's results are written in bulk: item batches on AWS, transactions on
     *                           the embedded DynamoDB Local (one commit to disk a request instead of one an item)
     */
    public record Settings(String tableName, String reportsBucket, String reportsPrefix, String regenerateQueueUrl,
                           Duration rawTtl, IngestSettings ingest, BatchWrites batchWrites) {

        public Settings {
            Objects.requireNonNull(reportsPrefix, "reportsPrefix");
            Objects.requireNonNull(rawTtl, "rawTtl");
            Objects.requireNonNull(ingest, "ingest");
            Objects.requireNonNull(batchWrites, "batchWrites");
        }

        /** Settings that write results in item batches, as on AWS. */
        public Settings(String tableName, String reportsBucket, String reportsPrefix, String regenerateQueueUrl,
                        Duration rawTtl, IngestSettings ingest) {
            this(tableName, reportsBucket, reportsPrefix, regenerateQueueUrl, rawTtl, ingest,
                    BatchWrites.ITEM_BATCHES);
        }
    }

    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final DeliveryStore deliveries;
    private final ProjectRulesStore projectRules;
    private final RecommendationStore recommendations;
    private final DynamoRecommendationBook recommendationBook;
    private final ProjectSecrets secrets;
    private final TriageReader triage;
    private final FixAnalysisStore fixAnalyses;
    private final MetricsStore metrics;
    private final HealthStore health;
    private final RawReportStore rawReports;
    private final SourceStore sources;
    private final AttachmentStore attachments;
    private final RunAttachments runAttachments;
    private final RegenerationQueue queue;
    private final IngestService ingest;
    private final ReportClassifier reportClassifier;
    private final RegenerationIntake regenerationIntake;
    private final FiguresStore figures;
    private final NightlyRollup nightlyRollup;
    /** Newest runs read when the nightly job judges an implemented fix (as {@code feedback recommendations}). */
    static final int NIGHTLY_RUN_LIMIT = 500;

    public LoopWiring(DynamoDbClient dynamoDb, S3Client s3, S3Presigner presigner, SqsClient sqs,
                      ProjectSecrets secrets, Settings settings, Clock clock) {
        DynamoSettings table = new DynamoSettings(settings.tableName(), settings.rawTtl(), Backoff.DEFAULT,
                settings.batchWrites());
        runs = new DynamoRunStore(dynamoDb, table, clock);
        scenarios = new DynamoScenarioStore(dynamoDb, table, clock);
        deliveries = new DynamoDeliveryStore(dynamoDb, table);
        recommendations = new DynamoRecommendationStore(dynamoDb, table);
        DynamoRecommendationBook book = new DynamoRecommendationBook(dynamoDb, table);
        recommendationBook = book;
        triage = new DynamoTriageReader(book);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        fixAnalyses = new DynamoFixAnalysisStore(dynamoDb, table);
        metrics = new DynamoMetricsStore(dynamoDb, table);
        health = new DynamoHealthStore(dynamoDb, table);
        rawReports = new S3RawReportStore(s3, settings.reportsBucket(), settings.reportsPrefix());
        sources = new S3SourceStore(s3, settings.reportsBucket(), S3SourceStore.DEFAULT_PREFIX);
        queue = new SqsRegenerationQueue(sqs, settings.regenerateQueueUrl());
        Reports reports = Reports.standard();
        runAttachments = new DynamoRunAttachments(dynamoDb, table);
        attachments = new S3AttachmentStore(s3, presigner, settings.reportsBucket(), S3AttachmentStore.DEFAULT_PREFIX,
                settings.ingest().uploadUrlTtl(), runAttachments);
        ingest = new IngestService(secrets, rawReports, new S3ReportUploads(s3, presigner, settings.reportsBucket(),
                settings.reportsPrefix(), settings.ingest().uploadUrlTtl()), sources, Optional.of(attachments),
                reports, settings.ingest());
        projectRules = new DynamoProjectRulesStore(dynamoDb, table);
        reportClassifier = new ReportClassifier(rawReports, runs, scenarios, deliveries, queue,
                ProjectClassifiers.stored(projectRules), reports, settings.reportsPrefix(), health,
                HealthSettings.defaults(), clock);
        regenerationIntake = new RegenerationIntake(recommendations, clock);
        figures = new DynamoFiguresStore(dynamoDb, table);
        DailyRollup dailyRollup = new DailyRollup(runs, scenarios, health, metrics, figures,
                new BookRecords(recommendationBook, scenarios), HealthSettings.defaults(), clock);
        nightlyRollup = new NightlyRollup(dailyRollup, new RecommendationLoop(recommendationBook, new Recommender(),
                FixWatch.defaults()), new StoredHistory(runs, scenarios, NIGHTLY_RUN_LIMIT), runs, scenarios,
                recommendations, clock);
    }

    /**
     * Where project secrets come from: the Secrets Manager secret when {@code secretId} is set (cached for
     * {@code cacheTtl}), else the inline map.
     */
    public static ProjectSecrets projectSecrets(Optional<String> secretId, Map<String, String> inline,
                                                Duration cacheTtl, SecretsManagerClientFactory client,
                                                Clock clock) {
        if (secretId.isPresent() && !secretId.get().isBlank()) {
            return new SecretsManagerProjectSecrets(client.create(), secretId.get(), cacheTtl, clock);
        }
        return ProjectSecrets.inline(inline);
    }

    /** Makes the Secrets Manager client only when a secret is configured (it needs a region and credentials). */
    @FunctionalInterface
    public interface SecretsManagerClientFactory {
        SecretsManagerClient create();
    }

    public IngestService ingest() {
        return ingest;
    }

    /** Screenshots and traces shipped with runs ({@code feedback upload --attachments}). */
    public AttachmentStore attachments() {
        return attachments;
    }

    /** Each project's custom classification rules, which the classify stage applies. */
    public ProjectRulesStore projectRules() {
        return projectRules;
    }

    public ReportClassifier reportClassifier() {
        return reportClassifier;
    }

    public RegenerationIntake regenerationIntake() {
        return regenerationIntake;
    }

    /** The nightly job: recommendations refreshed, fixes judged, the day rolled up. */
    public NightlyRollup nightlyRollup() {
        return nightlyRollup;
    }

    public FiguresStore figures() {
        return figures;
    }

    public RunStore runs() {
        return runs;
    }

    public ScenarioStore scenarios() {
        return scenarios;
    }

    public DeliveryStore deliveries() {
        return deliveries;
    }

    public RecommendationStore recommendations() {
        return recommendations;
    }

    /** Recommendations with their lifecycle and tracked tests (the recommend stage's book), as the read API lists them. */
    public RecommendationBook recommendationBook() {
        return recommendationBook;
    }

    /**
     * People's decisions through the API ({@code POST /triage}, {@code POST /implemented}), signed with the
     * project's secret as uploads are: what the ingest function and {@code feedback serve} answer beside ingest.
     */
    public TriageApi triageApi() {
        return new TriageApi(new SignedRequests(secrets), new RecommendationLoop(recommendationBook,
                new Recommender(), FixWatch.defaults()), Redactor.standard());
    }

    /** Each project's signing secret: ingest checks uploads with it, the read API signed reads. */
    public ProjectSecrets projectSecrets() {
        return secrets;
    }

    /**
     * Everything the read API shows, over this wiring's stores: what the deployed read function and
     * {@code feedback serve} answer from.
     */
    public ProjectReads projectReads(Clock clock) {
        return new ProjectReads(runs, scenarios, Optional.of(metrics), Optional.of(recommendations), clock)
                .withHealth(health, HealthSettings.defaults())
                .withRecommendations(recommendationBook)
                .withFigures(figures)
                .withFixAnalyses(fixAnalyses)
                .withAttachments(runAttachments);
    }

    /** People's decisions on recommendations (triage memory), as the regenerate stage reads them. */
    public TriageReader triage() {
        return triage;
    }

    /** Fix work claimed, the model calls made for it, and its recommendations (the regenerate stage's). */
    public FixAnalysisStore fixAnalyses() {
        return fixAnalyses;
    }

    /** Each test's health and timeline. */
    public HealthStore health() {
        return health;
    }

    public MetricsStore metrics() {
        return metrics;
    }

    /** Test sources shipped with runs' reports, in the reports bucket under {@code sources/}. */
    public SourceStore sources() {
        return sources;
    }

    public RawReportStore rawReports() {
        return rawReports;
    }

    public RegenerationQueue regenerationQueue() {
        return queue;
    }
}
