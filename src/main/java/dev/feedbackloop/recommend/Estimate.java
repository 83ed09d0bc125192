package dev.feedbackloop.recommend;

import java.util.Objects;

/**
 * An effort or impact grade with the reason for it, so a reader can disagree with the reason rather than the grade.
 *
 * @param level  the grade
 * @param reason why, one sentence; not blank
 */
public record Estimate(Level level, String reason) {

    public Estimate {
        Objects.requireNonNull(level, "level");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an estimate of " + level + " needs a reason, was '" + reason + "'");
        }
    }
}
