package dev.feedbackloop.adapter.local;

import dev.feedbackloop.adapter.http.SlackWebhook;
import dev.feedbackloop.publish.DigestChannel;
import dev.feedbackloop.publish.DigestRoutes;
import dev.feedbackloop.publish.NightlyPublishing;
import dev.feedbackloop.store.DeliveryStore;
import dev.feedbackloop.view.ProjectReads;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The nightly publishing on a local store, run after the rollup's figures: each project's report under
 * {@code DIR/dashboards/} and its digest through {@link LocalDigestRoutes}; what {@code feedback rollup} and
 * {@code feedback serve} run.
 */
public final class LocalNightly {

    private LocalNightly() {
    }

    /**
     * Publishing the page {@code reads} shows, writing reports under {@code dataDirectory}. Give it the reads of
     * every store ({@code LocalStore.projectReads}, {@code LoopWiring.projectReads}) so the nightly page has the same
     * sections as {@code feedback report} and the served one.
     */
    public static NightlyPublishing publishing(ProjectReads reads, DeliveryStore deliveries, Path dataDirectory,
                                               DigestRoutes routes, DigestChannel channel, Clock clock) {
        return new NightlyPublishing(reads, new DirectoryPublishedReports(dataDirectory), routes, channel,
                deliveries, clock);
    }

    /** Slack's incoming webhooks, retrying with real waits. */
    public static DigestChannel slack() {
        SlackWebhook webhook = SlackWebhook.withDefaults();
        return webhook::post;
    }
}
