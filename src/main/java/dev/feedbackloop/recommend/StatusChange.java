package dev.feedbackloop.recommend;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded move of a recommendation's status: who, when and why.
 *
 * @param from   the status before
 * @param to     the status after
 * @param by     a person's name, or {@code feedback-loop} for the loop's own moves; not blank
 * @param at     when
 * @param reason why; may be empty, never null
 */
public record StatusChange(RecommendationStatus from, RecommendationStatus to, String by, Instant at,
                           String reason) {

    /** The name the loop signs its own moves with (drafting, verifying, finding a fix ineffective). */
    public static final String LOOP = "feedback-loop";

    public StatusChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (by == null || by.isBlank() || by.length() > 200) {
            throw new IllegalArgumentException("a status change needs who made it (1-200 characters), was '" + by
                    + "'");
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
