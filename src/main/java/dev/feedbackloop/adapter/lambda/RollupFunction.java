package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.http.SlackWebhook;
import dev.feedbackloop.adapter.s3.S3PublishedReports;
import dev.feedbackloop.adapter.secrets.SecretsManagerDigestRoutes;
import dev.feedbackloop.publish.DigestRoutes;
import dev.feedbackloop.publish.NightlyPublishing;
import dev.feedbackloop.nightly.NightlyRollup;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.view.ProjectReads;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The {@code rollup} Lambda: on its EventBridge schedule, the {@link NightlyRollup} of the UTC day before the event's
 * time (so a replayed event rolls up the same day): each project's recommendations refreshed from the day's
 * scenarios and implemented fixes judged, then the day's counts and figures stored; after them, each project's
 * report to S3 with a pre-signed link and its Slack digest when configured ({@link NightlyPublishing}).
 */
@Singleton
public class RollupFunction {

    private final NightlyRollup rollup;
    private final Clock clock;
    private final LoopWiring wiring;
    private final S3PublishedReports reports;
    private final Supplier<DigestRoutes> routes;

    public RollupFunction(LoopWiring wiring, Clock clock, FeedbackConfig config, S3Client s3, S3Presigner presigner) {
        this.rollup = wiring.nightlyRollup();
        this.clock = clock;
        this.wiring = wiring;
        this.reports = new S3PublishedReports(s3, presigner, config.reports().bucket(),
                S3PublishedReports.DEFAULT_PREFIX, config.digest().reportLinkTtl());
        Optional<String> secretId = config.digest().secretId().filter(id -> !id.isBlank());
        // Read on each run: settings changed during the day count from the next night.
        this.routes = () -> secretId.map(id -> {
            try (SecretsManagerClient client = LoopProducers.configure(SecretsManagerClient.builder(), config,
                    config.aws().secretsManagerEndpoint()).build()) {
                return SecretsManagerDigestRoutes.load(client, id);
            }
        }).orElse(DigestRoutes.none());
    }

    @Funq("rollup")
    public RollupResult rollup(ScheduledEvent event) {
        Instant firedAt = event == null || event.time == null ? clock.instant() : Instant.parse(event.time);
        LocalDate day = LocalDate.ofInstant(firedAt, ZoneOffset.UTC).minusDays(1);
        List<DailyMetrics> stored = rollup.run(day);
        DailyMetrics total = stored.get(stored.size() - 1);
        RollupResult result = new RollupResult();
        result.day = day.toString();
        result.projects = stored.size() - 1;
        result.runs = total.runs();
        result.tests = total.tests();
        result.published = publish(stored, day);
        return result;
    }

    /** After the figures: each project's report and digest. */
    private List<RollupResult.Published> publish(List<DailyMetrics> stored, LocalDate day) {
        NightlyPublishing publishing = new NightlyPublishing(new ProjectReads(wiring.runs(), wiring.scenarios(),
                Optional.of(wiring.metrics()), Optional.of(wiring.recommendations()), clock), reports, routes.get(),
                SlackWebhook.withDefaults()::post, wiring.deliveries(), clock);
        List<RollupResult.Published> published = new ArrayList<>();
        for (DailyMetrics row : stored) {
            if (!row.project().equals(DailyMetrics.ALL_PROJECTS)) {
                published.add(RollupResult.Published.of(publishing.publish(row.project(), day)));
            }
        }
        return published;
    }
}
