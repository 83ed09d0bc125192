package dev.feedbackloop.adapter.local;

import dev.feedbackloop.adapter.http.SlackWebhook;
import dev.feedbackloop.publish.DigestChannel;
import dev.feedbackloop.publish.DigestRoutes;
import dev.feedbackloop.publish.NightlyPublishing;
import dev.feedbackloop.store.DeliveryStore;
import dev.feedbackloop.store.MetricsStore;
import dev.feedbackloop.store.RecommendationStore;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.view.ProjectReads;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The nightly publishing on a local store, run after the rollup's figures: each project's report under
 * {@code DIR/dashboards/} and its digest through {@link LocalDigestRoutes}; what {@code feedback rollup} and
 * {@code feedback serve} run.
 */
public final class LocalNightly {

    private LocalNightly() {
    }

    /** The stores publishing reads and writes. */
    public record Stores(RunStore runs, ScenarioStore scenarios, MetricsStore metrics,
                         RecommendationStore recommendations, DeliveryStore deliveries) {
    }

    /** Publishing over {@code stores}, writing reports under {@code dataDirectory}. */
    public static NightlyPublishing publishing(Stores stores, Path dataDirectory, DigestRoutes routes,
                                               DigestChannel channel, Clock clock) {
        ProjectReads reads = new ProjectReads(stores.runs(), stores.scenarios(), Optional.of(stores.metrics()),
                Optional.of(stores.recommendations()), clock);
        return new NightlyPublishing(reads, new DirectoryPublishedReports(dataDirectory), routes, channel,
                stores.deliveries(), clock);
    }

    /** Slack's incoming webhooks, retrying with real waits. */
    public static DigestChannel slack() {
        SlackWebhook webhook = SlackWebhook.withDefaults();
        return webhook::post;
    }
}
