package dev.feedbackloop.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to claiming a delivery.
 *
 * @param status     whether the caller may process it
 * @param result     for {@link Status#ALREADY_COMPLETED}: what the first processing recorded as its result
 * @param leaseUntil for {@link Status#IN_PROGRESS}: when the other processing's claim lapses
 */
public record DeliveryClaim(Status status, Optional<String> result, Optional<Instant> leaseUntil) {

    /** Whether the caller may process the delivery. */
    public enum Status {
        /** The caller holds the claim: process it, then complete or release. */
        CLAIMED,
        /** Processed before: skip it, answer with the stored result. */
        ALREADY_COMPLETED,
        /** Another invocation is processing it right now: fail this one so it is redelivered later. */
        IN_PROGRESS
    }

    public DeliveryClaim {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
    }

    public static DeliveryClaim claimed() {
        return new DeliveryClaim(Status.CLAIMED, Optional.empty(), Optional.empty());
    }

    public static DeliveryClaim completed(String result) {
        return new DeliveryClaim(Status.ALREADY_COMPLETED, Optional.of(result), Optional.empty());
    }

    public static DeliveryClaim inProgress(Instant leaseUntil) {
        return new DeliveryClaim(Status.IN_PROGRESS, Optional.empty(), Optional.of(leaseUntil));
    }
}
