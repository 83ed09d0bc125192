package dev.feedbackloop.store;

import java.util.Objects;

/**
 * Identity of one delivery of work, for at-least-once deduplication.
 *
 * @param kind what was delivered
 * @param id   its identity within the kind: a webhook delivery id, {@code bucket/key#etag} of an S3 object, a
 *             regeneration request's deduplication key (received or published); not blank, any length (long ids are
 *             hashed in keys)
 */
public record DeliveryKey(Kind kind, String id) {

    /** What was delivered. */
    public enum Kind {
        /** A signed webhook call carrying a report. */
        WEBHOOK,
        /** An S3 object-created notification for an uploaded report. */
        S3_OBJECT,
        /** A regeneration request taken from the queue. */
        REGENERATION,
        /**
         * A regeneration request about to be published by the run that raised it: claimed before sending and completed
         * after, so that a retried run does not send it again (an outbox record; the id is its deduplication key).
         */
        PUBLICATION,
        /** A project's daily digest, sent once per project and UTC day (the id is {@code project/day}). */
        DIGEST
    }

    public DeliveryKey {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " delivery needs an id");
        }
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
