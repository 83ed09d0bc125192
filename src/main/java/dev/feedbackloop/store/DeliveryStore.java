package dev.feedbackloop.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Idempotency records for deliveries (webhook calls, S3 notifications, queue messages), so that the same delivery
 * processed twice has its effect once. Records expire after the raw-data time to live.
 *
 * <p>Use: {@link #claim}; on {@code CLAIMED} process, then {@link #complete}; if processing fails, {@link #release}
 * so the redelivery can claim it at once (a crashed invocation's claim lapses after its lease instead).
 */
public interface DeliveryStore {

    /**
     * Claims a delivery for processing.
     *
     * @param lease how long the claim holds if the caller dies without completing or releasing (longer than the
     *              processing can take: the function timeout)
     */
    DeliveryClaim claim(DeliveryKey key, Instant now, Duration lease);

    /**
     * Marks a claimed delivery processed.
     *
     * @param result a short summary answered to later duplicates (at most 4 KB of text)
     */
    void complete(DeliveryKey key, String result, Instant now);

    /**
     * Claims several deliveries, each as {@link #claim} claims it, in fewer requests where the store can: what a
     * history load does with a report's regeneration requests. What is stored and answered is what claiming them one
     * by one stores and answers.
     *
     * @return each key's claim, in the order of {@code keys}
     */
    default List<DeliveryClaim> claimAll(List<DeliveryKey> keys, Instant now, Duration lease) {
        return keys.stream().map(key -> claim(key, now, lease)).toList();
    }

    /** Marks several claimed deliveries processed, each as {@link #complete} marks it, in fewer requests where it can. */
    default void completeAll(List<DeliveryKey> keys, String result, Instant now) {
        keys.forEach(key -> complete(key, result, now));
    }

    /** Drops an unfinished claim so that a redelivery may process it. Does nothing to a completed delivery. */
    void release(DeliveryKey key);
}
