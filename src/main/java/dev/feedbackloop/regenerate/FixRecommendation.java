package dev.feedbackloop.regenerate;

import dev.feedbackloop.guard.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a person reviews for one piece of fix work: always a draft, never applied anywhere by itself.
 *
 * @param outcome       how the work ended
 * @param generated     whether a model wrote it (false for the playbook)
 * @param rootCause     the model's root cause, when it gave one
 * @param fix           the proposed file, only when the guard accepted it ({@link FixOutcome#DRAFT})
 * @param confidence    the primary hypothesis's confidence, when there is one
 * @param guardFindings the guard's findings on the last proposed fix (warnings on an accepted one, the reasons on a
 *                      rejected one); empty when no fix was proposed
 * @param advice        what to do: the playbook's steps, or the fix's steps
 * @param note          what happened, in a sentence for people (an error, how to turn a model on)
 */
public record FixRecommendation(FixOutcome outcome, boolean generated, Optional<FixAnswer.RootCause> rootCause,
                                Optional<FixAnswer.ProposedFix> fix, OptionalDouble confidence,
                                List<Finding> guardFindings, List<String> advice, String note) {

    public FixRecommendation {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rootCause, "rootCause");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(confidence, "confidence");
        guardFindings = List.copyOf(guardFindings);
        advice = List.copyOf(advice);
        Objects.requireNonNull(note, "note");
        if (fix.isPresent() != (outcome == FixOutcome.DRAFT)) {
            throw new IllegalArgumentException("a fix is kept exactly on a DRAFT, outcome was " + outcome);
        }
    }
}
