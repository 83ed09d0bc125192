package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.classify.ClassifyOutcome;
import dev.feedbackloop.classify.ReportClassifier;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.recommend.StoredHistory;
import dev.feedbackloop.adapter.s3.S3SourceStore;
import dev.feedbackloop.regenerate.ShippedSources;
import dev.feedbackloop.regenerate.TestSources;
import dev.feedbackloop.store.RunState;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.SourceStore;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The {@code classify} Lambda: an S3 object-created notification in, each report of the reports bucket classified by
 * {@link ReportClassifier}. Any failure fails the whole event (Lambda retries it; classifying is idempotent).
 *
 * <p>Each stored run is then observed for the recommendations' tests ({@link RecommendationLoop#observeRun}: the
 * ledgers, and an accepted fix whose test's source changed on the default branch), with the source hashes of the
 * sources shipped with the run. Observing never fails the classification: it is idempotent, and the nightly
 * rollup's catch-up counts any run missed here.
 *
 * <p>The hashes of a run's test files ({@code POST /sources}) may be stored before or after its report, and each
 * arrival is announced here: a report's notification, and a hashes record's ({@code sources/<project>/hashes/...
 * .hashes.json}). Whatever the order, one of the two observations sees both, because each side writes before it reads
 * the other: ingest stores the hashes before S3 announces them, and this function reads the run (strongly consistent)
 * after that; classification marks the run complete before its observation reads the hashes (strongly consistent).
 * If the hashes' observation finds the run not complete yet, the report's observation, still to come, reads them;
 * if the report's observation found no hashes, the hashes' observation, still to come, finds the run complete. A run
 * observed twice counts once ({@link dev.feedbackloop.recommend.TestLedger}), and a hash that arrives after the run
 * was counted is still learnt and still detects an implemented fix ({@link RecommendationLoop#observe}); a
 * redelivered notification of either kind changes nothing. A failure while observing on a hashes record's arrival
 * fails the event, so Lambda retries it.
 */
@Singleton
public class ClassifyFunction {

    private static final Logger LOG = Logger.getLogger(ClassifyFunction.class);

    private final ReportClassifier classifier;
    private final String bucket;
    private final RecommendationLoop fixes;
    private final StoredHistory history;
    private final TestSources sources;
    private final SourceStore shipped;
    private final RunStore runs;

    @Inject
    public ClassifyFunction(LoopWiring wiring, FeedbackConfig config) {
        this(wiring, config.reports().bucket(), new ShippedSources(wiring.sources()));
    }

    /**
     * For callers without CDI (the command line's local loop).
     *
     * @param sources where the source hashes of a run's tests come from (a checkout locally, shipped sources on AWS)
     */
    public ClassifyFunction(LoopWiring wiring, String reportsBucket, TestSources sources) {
        this.classifier = wiring.reportClassifier();
        this.bucket = reportsBucket;
        this.fixes = new RecommendationLoop(wiring.recommendationBook(), new Recommender(), FixWatch.defaults());
        this.history = new StoredHistory(wiring.runs(), wiring.scenarios(), 1);
        this.sources = sources;
        this.shipped = wiring.sources();
        this.runs = wiring.runs();
    }

    @Funq("classify")
    public ClassifyResult classify(S3Notification event) {
        ClassifyResult result = new ClassifyResult();
        if (event == null || event.records == null) {
            return result;
        }
        for (S3Notification.Record record : event.records) {
            if (record.s3 == null || record.s3.object == null || record.s3.object.key == null) {
                continue;
            }
            // S3 URL-encodes keys in notifications, spaces as '+', exactly what URLDecoder undoes.
            String key = URLDecoder.decode(record.s3.object.key, StandardCharsets.UTF_8);
            if (isOurs(record) && key.endsWith(S3SourceStore.HASHES_SUFFIX)) {
                result.reports.add(observeHashes(key));
                continue;
            }
            ClassifyOutcome outcome = isOurs(record) ? classifier.classify(new ReportRef(key,
                    Optional.ofNullable(record.s3.object.eTag))) : ignored(key, record);
            observe(outcome);
            result.reports.add(report(outcome));
        }
        return result;
    }

    /** A redelivered report is observed again: a no-op when it was counted, a repair when observing had failed. */
    private void observe(ClassifyOutcome outcome) {
        if (outcome.status() != ClassifyOutcome.Status.CLASSIFIED
                && outcome.status() != ClassifyOutcome.Status.ALREADY_CLASSIFIED || outcome.run().isEmpty()) {
            return;
        }
        RunKey run = outcome.run().get();
        try {
            fixes.observeRun(history, run, sources.hashesOf(run));
        } catch (RuntimeException e) {
            LOG.warnf(e, "run %s of %s classified; observing it for recommendations failed (the nightly catch-up"
                    + " counts it): %s", run.runId(), run.project(), e.getMessage());
        }
    }

    /**
     * A run's file hashes arrived: the run is observed again if its report was classified (complete), else its
     * report's observation, still to come, reads them. Failures fail the event (retried; observing is idempotent).
     */
    private ClassifyResult.Report observeHashes(String key) {
        ClassifyResult.Report report = new ClassifyResult.Report();
        report.key = key;
        Optional<RunKey> run = shipped.runOfHashes(key);
        if (run.isEmpty()) {
            report.status = "IGNORED";
            report.message = "not a source hashes record (or no longer stored)";
            return report;
        }
        report.runId = run.get().runId();
        boolean complete = runs.findRun(run.get()).map(r -> r.state() == RunState.COMPLETE).orElse(false);
        if (!complete) {
            report.status = "HASHES_BEFORE_REPORT";
            report.message = "run " + run.get().runId() + " is not classified yet: its report's observation reads"
                    + " these hashes";
            return report;
        }
        RecommendationLoop.Observed observed = fixes.observeRun(history, run.get(),
                new ShippedSources(shipped).hashesOf(run.get()));
        report.status = "HASHES_OBSERVED";
        report.message = observed.counted() + " recommendations changed, " + observed.implemented().size()
                + " found implemented";
        return report;
    }

    private boolean isOurs(S3Notification.Record record) {
        return record.eventName != null && record.eventName.startsWith("ObjectCreated")
                && record.s3.bucket != null && bucket.equals(record.s3.bucket.name);
    }

    private static ClassifyOutcome ignored(String key, S3Notification.Record record) {
        return new ClassifyOutcome(ClassifyOutcome.Status.IGNORED, key, Optional.empty(), 0, 0, 0, 0, 0, 0, 0,
                Optional.of("not an object created in the reports bucket (" + record.eventName + ")"));
    }

    private static ClassifyResult.Report report(ClassifyOutcome outcome) {
        ClassifyResult.Report report = new ClassifyResult.Report();
        report.key = outcome.key();
        report.status = outcome.status().name();
        report.runId = outcome.run().map(RunKey::runId).orElse(null);
        report.tests = outcome.tests();
        report.failing = outcome.failing();
        report.scenarios = outcome.scenarios();
        report.scenariosCreated = outcome.scenariosCreated();
        report.regenerationsPublished = outcome.regenerationsPublished();
        report.message = outcome.message().orElse(null);
        return report;
    }
}
