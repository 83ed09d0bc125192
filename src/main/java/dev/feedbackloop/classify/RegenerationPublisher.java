package dev.feedbackloop.classify;

import dev.feedbackloop.store.DeliveryClaim;
import dev.feedbackloop.store.DeliveryKey;
import dev.feedbackloop.store.DeliveryStore;
import dev.feedbackloop.store.RegenerationQueue;
import dev.feedbackloop.store.RegenerationRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes regeneration requests once per deduplication key, however often the run that raised them is retried:
 * each request is claimed as a {@link DeliveryKey.Kind#PUBLICATION} before it is sent and completed after (an outbox
 * record). A request sent whose completion was lost is sent again after the claim's lease; consumers drop the
 * duplicate by its key.
 */
final class RegenerationPublisher {

    /** Publishing takes milliseconds; a claim left by a crashed invocation lapses after this. */
    static final Duration LEASE = Duration.ofMinutes(1);

    private final DeliveryStore deliveries;
    private final RegenerationQueue queue;

    RegenerationPublisher(DeliveryStore deliveries, RegenerationQueue queue) {
        this.deliveries = deliveries;
        this.queue = queue;
    }

    /**
     * Sends the requests not sent before.
     *
     * @return how many were sent now
     * @throws ReportInProgressException when another invocation is sending one of them right now
     */
    int publish(List<RegenerationRequest> requests, Instant now) {
        List<RegenerationRequest> toSend = new ArrayList<>();
        List<DeliveryKey> claimed = new ArrayList<>();
        try {
            for (RegenerationRequest request : requests) {
                DeliveryKey key = new DeliveryKey(DeliveryKey.Kind.PUBLICATION, request.deduplicationKey());
                DeliveryClaim claim = deliveries.claim(key, now, LEASE);
                if (claim.status() == DeliveryClaim.Status.IN_PROGRESS) {
                    throw new ReportInProgressException("regeneration request " + key.id() + " for "
                            + request.scenario() + " is being published by another invocation until "
                            + claim.leaseUntil().orElse(now) + "; retry after that");
                }
                if (claim.status() == DeliveryClaim.Status.CLAIMED) {
                    claimed.add(key);
                    toSend.add(request);
                }
            }
            if (!toSend.isEmpty()) {
                queue.publish(toSend);
            }
        } catch (RuntimeException e) {
            claimed.forEach(deliveries::release);
            throw e;
        }
        claimed.forEach(key -> deliveries.complete(key, "published", now));
        return toSend.size();
    }
}
