package dev.feedbackloop.health;

import java.util.Objects;

/**
 * Whether a run was an outage, and why.
 *
 * @param outage whether its executions count as evidence for nothing
 * @param reason the figures behind the decision, in one sentence
 */
public record OutageVerdict(boolean outage, String reason) {

    public OutageVerdict {
        Objects.requireNonNull(reason, "reason");
    }
}
