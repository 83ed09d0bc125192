package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.classify.ClassifyOutcome;
import dev.feedbackloop.classify.ReportClassifier;
import dev.feedbackloop.classify.ReportRef;
import dev.feedbackloop.model.RunKey;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code classify} Lambda: an S3 object-created notification in, each report of the reports bucket classified by
 * {@link ReportClassifier}. Any failure fails the whole event (Lambda retries it; classifying is idempotent).
 */
@Singleton
public class ClassifyFunction {

    private final ReportClassifier classifier;
    private final String bucket;

    @Inject
    public ClassifyFunction(LoopWiring wiring, FeedbackConfig config) {
        this(wiring, config.reports().bucket());
    }

    /** For callers without CDI (the command line's local loop). */
    public ClassifyFunction(LoopWiring wiring, String reportsBucket) {
        this.classifier = wiring.reportClassifier();
        this.bucket = reportsBucket;
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
            ClassifyOutcome outcome = isOurs(record) ? classifier.classify(new ReportRef(key,
                    Optional.ofNullable(record.s3.object.eTag))) : ignored(key, record);
            result.reports.add(report(outcome));
        }
        return result;
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
