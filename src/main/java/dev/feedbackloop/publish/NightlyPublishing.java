package dev.feedbackloop.publish;

import dev.feedbackloop.history.TestChange;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.store.DeliveryClaim;
import dev.feedbackloop.store.DeliveryKey;
import dev.feedbackloop.store.DeliveryStore;
import dev.feedbackloop.store.PublishedReport;
import dev.feedbackloop.store.PublishedReports;
import dev.feedbackloop.view.Dashboard;
import dev.feedbackloop.view.FlakyTest;
import dev.feedbackloop.view.HtmlDashboard;
import dev.feedbackloop.view.ProjectReads;
import dev.feedbackloop.view.SlackDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the nightly rollup does after its figures are stored, for each project: it writes the project's HTML report
 * of the day where people open it ({@link PublishedReports}: S3 with a pre-signed link on AWS, the data directory
 * locally), and, when the project configured a digest ({@link DigestRoutes}), posts the Slack digest with the
 * report's link and the failing and flaky tests under their owners ({@link OwnersFile}).
 *
 * <p>Idempotent like the rollup: the report of a project and day is written to the same place again on a rerun, and
 * the digest is sent at most once per project and UTC day (claimed in the {@link DeliveryStore} before it is posted,
 * completed after; a failed post is released so the next run sends it). The report shows what the store holds,
 * which ingest has already redacted; it is the same page {@code feedback report} writes.
 */
public final class NightlyPublishing {

    /** Scenarios and runs on the published report, as {@code feedback report}'s defaults. */
    static final int SCENARIOS = 50;
    static final int RUNS = 30;
    /** Longer than a post with its retries can take. */
    private static final Duration DIGEST_LEASE = Duration.ofMinutes(5);

    private final ProjectReads reads;
    private final PublishedReports reports;
    private final DigestRoutes routes;
    private final DigestChannel channel;
    private final DeliveryStore deliveries;
    private final Clock clock;

    public NightlyPublishing(ProjectReads reads, PublishedReports reports, DigestRoutes routes, DigestChannel channel,
                             DeliveryStore deliveries, Clock clock) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What became of a project's digest. */
    public enum DigestOutcome {
        /** Posted now. */
        SENT,
        /** Posted (or being posted) by an earlier run for this project and day: not sent again. */
        ALREADY_SENT,
        /** The project configured no digest. */
        NOT_CONFIGURED,
        /** Slack refused it or could not be reached; the next run tries again. */
        FAILED
    }

    /**
     * What was published for one project and day.
     *
     * @param problem why the digest failed (never the webhook URL)
     */
    public record Published(String project, LocalDate day, PublishedReport report, DigestOutcome digest,
                            Optional<String> problem) {
        public Published {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * Publishes {@code project}'s report of {@code day} and sends its digest when due. A digest that fails is
     * reported in the answer rather than thrown, so one project's broken webhook does not stop the others.
     *
     * @throws dev.feedbackloop.store.StoreException when the report cannot be stored (rerun: it is idempotent)
     */
    public Published publish(String project, LocalDate day) {
        Dashboard dashboard = reads.dashboard(project, SCENARIOS, RUNS);
        PublishedReport report = reports.publish(project, day,
                HtmlDashboard.render(dashboard).getBytes(StandardCharsets.UTF_8));
        Optional<DigestRoute> route = routes.of(project);
        if (route.isEmpty()) {
            return new Published(project, day, report, DigestOutcome.NOT_CONFIGURED, Optional.empty());
        }
        DeliveryKey key = new DeliveryKey(DeliveryKey.Kind.DIGEST, project + "/" + day);
        DeliveryClaim claim = deliveries.claim(key, clock.instant(), DIGEST_LEASE);
        if (claim.status() != DeliveryClaim.Status.CLAIMED) {
            return new Published(project, day, report, DigestOutcome.ALREADY_SENT, Optional.empty());
        }
        String payload = SlackDigest.payload(dashboard, Optional.of(report.link()), owned(dashboard,
                route.get().owners()));
        try {
            channel.post(route.get().webhook(), payload);
        } catch (RuntimeException e) {
            deliveries.release(key);
            return new Published(project, day, report, DigestOutcome.FAILED, Optional.of(String.valueOf(
                    e.getMessage())));
        }
        deliveries.complete(key, "sent", clock.instant());
        return new Published(project, day, report, DigestOutcome.SENT, Optional.empty());
    }

    /**
     * The latest run's new failures and the flaky tests, by owner in the owners file's order of first match (an
     * unowned test is listed under no one: the digest's own sections still show it).
     */
    static Map<String, List<String>> owned(Dashboard dashboard, OwnersFile owners) {
        Map<String, List<String>> byOwner = new LinkedHashMap<>();
        Stream<TestCase> tests = Stream.concat(dashboard.latestChanges().stream()
                .flatMap(c -> c.newFailures().stream()).map(TestChange::testCase),
                dashboard.flaky().stream().map(FlakyTest::testCase));
        tests.forEach(test -> {
            for (String owner : owners.ownersOf(test.file().orElse(test.suite()))) {
                List<String> names = byOwner.computeIfAbsent(owner, o -> new ArrayList<>());
                if (!names.contains(test.name())) {
                    names.add(test.name());
                }
            }
        });
        return byOwner;
    }
}
