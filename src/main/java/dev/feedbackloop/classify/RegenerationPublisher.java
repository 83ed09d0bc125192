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
     * @param together whether to claim and complete them together ({@link DeliveryStore#claimAll}: a history load,
     *                 where one transaction on the embedded store stands for a report's requests); each on its own
     *                 otherwise, as the Lambda function does
     * @return how many were sent now
     * @throws ReportInProgressException when another invocation is sending one of them right now
     */
    int publish(List<RegenerationRequest> requests, Instant now, boolean together) {
        List<DeliveryKey> keys = requests.stream()
                .map(request -> new DeliveryKey(DeliveryKey.Kind.PUBLICATION, request.deduplicationKey())).toList();
        List<RegenerationRequest> toSend = new ArrayList<>();
        List<DeliveryKey> claimed = new ArrayList<>();
        try {
            List<DeliveryClaim> claims = together ? deliveries.claimAll(keys, now, LEASE) : List.of();
            for (int i = 0; i < claims.size(); i++) {
                if (claims.get(i).status() == DeliveryClaim.Status.CLAIMED) {
                    claimed.add(keys.get(i)); // all of them released below if one is in progress elsewhere
                }
            }
            for (int i = 0; i < requests.size(); i++) {
                DeliveryKey key = keys.get(i);
                DeliveryClaim claim = together ? claims.get(i) : deliveries.claim(key, now, LEASE);
                if (claim.status() == DeliveryClaim.Status.IN_PROGRESS) {
                    throw new ReportInProgressException("regeneration request " + key.id() + " for "
                            + requests.get(i).scenario() + " is being published by another invocation until "
                            + claim.leaseUntil().orElse(now) + "; retry after that");
                }
                if (claim.status() == DeliveryClaim.Status.CLAIMED) {
                    if (!together) {
                        claimed.add(key);
                    }
                    toSend.add(requests.get(i));
                }
            }
            if (!toSend.isEmpty()) {
                queue.publish(toSend);
            }
        } catch (RuntimeException e) {
            claimed.forEach(deliveries::release);
            throw e;
        }
        if (together) {
            deliveries.completeAll(claimed, "published", now);
        } else {
            claimed.forEach(key -> deliveries.complete(key, "published", now));
        }
        return toSend.size();
    }
}
