package dev.feedbackloop.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fix proposed for a pending recommendation (by the model, through the fix guard): what turns it into a draft.
 * Filled by the regenerate stage and stored with {@link RecommendationStore#proposeFix}.
 *
 * @param summary    what the fix changes and why, one paragraph, already redacted
 * @param diff       the change as a unified diff, already redacted; may be empty when the fix is advice only
 * @param direction  the approach, as a short key (e.g. {@code selector:role-locator}, {@code wait:web-first}) that
 *                   triage memory matches rejected approaches on; lower-case letters, digits, ':', '-', '.'
 * @param author     who or what proposed it (a model id, or a person)
 * @param proposedAt when
 */
public record ProposedFix(String summary, String diff, String direction, String author, Instant proposedAt) {

    private static final Pattern DIRECTION = Pattern.compile("[a-z0-9][a-z0-9:.-]{0,79}");

    public ProposedFix {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a proposed fix needs a summary, was '" + summary + "'");
        }
        Objects.requireNonNull(diff, "diff");
        if (direction == null || !DIRECTION.matcher(direction).matches()) {
            throw new IllegalArgumentException("fix direction must be 1-80 of a-z, 0-9, ':', '.', '-', was '"
                    + direction + "'");
        }
        if (author == null || author.isBlank()) {
            throw new IllegalArgumentException("a proposed fix needs an author, was '" + author + "'");
        }
        Objects.requireNonNull(proposedAt, "proposedAt");
    }
}
