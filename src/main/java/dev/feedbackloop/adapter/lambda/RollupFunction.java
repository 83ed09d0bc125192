package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.adapter.LoopWiring;
import dev.feedbackloop.adapter.github.GitHubIssueTracker;
import dev.feedbackloop.adapter.github.GitHubRepository;
import dev.feedbackloop.adapter.github.Sleeper;
import dev.feedbackloop.adapter.secrets.SecretsManagerApiKey;
import dev.feedbackloop.recommend.FixWatch;
import dev.feedbackloop.recommend.IssueReport;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.Recommender;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.tracker.ActionableScenarios;
import dev.feedbackloop.tracker.NightlyIssueSync;
import dev.feedbackloop.adapter.http.SlackWebhook;
import dev.feedbackloop.adapter.s3.S3PublishedReports;
import dev.feedbackloop.adapter.secrets.SecretsManagerDigestRoutes;
import dev.feedbackloop.publish.DigestRoutes;
import dev.feedbackloop.publish.NightlyPublishing;
import dev.feedbackloop.nightly.NightlyRollup;
import dev.feedbackloop.store.DailyMetrics;
import io.quarkus.funqy.Funq;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The {@code rollup} Lambda: on its EventBridge schedule, the {@link NightlyRollup} of the UTC day before the event's
 * time (so a replayed event rolls up the same day): each project's recommendations refreshed from the day's
 * scenarios and implemented fixes judged, then the day's counts and figures stored; after them, each project's
 * report to S3 with a pre-signed link and its Slack digest when configured ({@link NightlyPublishing}); last, for
 * each project given a repository ({@code feedback.github.*}), its issues synced ({@link NightlyIssueSync}): a
 * tracker failure is logged and does not fail the rollup.
 */
@Singleton
public class RollupFunction {

    private final NightlyRollup rollup;
    private final Clock clock;
    private final LoopWiring wiring;
    private final S3PublishedReports reports;
    private final Supplier<DigestRoutes> routes;
    private final FeedbackConfig.Github github;
    private final Optional<SecretsManagerApiKey> githubToken;

    private static final Logger LOG = Logger.getLogger(RollupFunction.class);

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
        this.github = config.github();
        this.githubToken = github.tokenSecretId().filter(id -> !id.isBlank()).map(id -> new SecretsManagerApiKey(
                () -> LoopProducers.configure(SecretsManagerClient.builder(), config,
                        config.aws().secretsManagerEndpoint()).build(), id, Duration.ofMinutes(5), clock));
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
        syncIssues(stored);
        return result;
    }

    /** After the reports: the issues of each project with a repository, when a token is configured. */
    private void syncIssues(List<DailyMetrics> stored) {
        Map<String, String> repos = github.repos();
        if (githubToken.isEmpty() || repos.isEmpty()) {
            return;
        }
        NightlyIssueSync issues = new NightlyIssueSync(new ActionableScenarios(new RecommendationLoop(
                wiring.recommendationBook(), new Recommender(), FixWatch.defaults()), wiring.scenarios(),
                wiring.runs(), wiring.health(), new IssueReport(Redactor.standard())));
        for (DailyMetrics row : stored) {
            String repo = repos.get(row.project());
            if (repo == null || row.project().equals(DailyMetrics.ALL_PROJECTS)) {
                continue;
            }
            try (GitHubIssueTracker tracker = new GitHubIssueTracker(GitHubRepository.parse(repo), github.apiUrl(),
                    githubToken.get()::key, clock, Sleeper.system(), GitHubIssueTracker.Settings.defaults())) {
                NightlyIssueSync.Synced synced = issues.sync(row.project(), tracker);
                synced.failure().ifPresent(f -> LOG.warnf("issues of %s not synced to %s: %s", row.project(), repo,
                        f));
                synced.outcome().ifPresent(o -> LOG.infof("issues of %s synced to %s: %d actions", row.project(),
                        repo, o.actions().size()));
            } catch (RuntimeException e) { // a bad repository name or an unreadable token: the rollup is done
                LOG.warnf(e, "issues of %s not synced to %s: %s", row.project(), repo, e.getMessage());
            }
        }
    }

    /** After the figures: each project's report and digest. */
    private List<RollupResult.Published> publish(List<DailyMetrics> stored, LocalDate day) {
        // The reads of every store: the nightly page shows what feedback report and the served page show.
        NightlyPublishing publishing = new NightlyPublishing(wiring.projectReads(clock), reports, routes.get(),
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
