package dev.feedbackloop.store;

import java.time.Duration;
import java.time.Instant;

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

    /** Drops an unfinished claim so that a redelivery may process it. Does nothing to a completed delivery. */
    void release(DeliveryKey key);
}
