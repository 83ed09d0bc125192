package dev.feedbackloop.tracker;

import dev.feedbackloop.fingerprint.Fingerprint;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An issue as the tracker lists it.
 *
 * @param number   the issue's number in its repository, at least 1
 * @param title    its title
 * @param state    open or closed
 * @param closedAt when it was closed; present exactly when closed (a tracker that omits it gives the epoch)
 * @param labels   its label names
 * @param body     its body, empty when it has none
 */
public record TrackedIssue(int number, String title, IssueState state, Optional<Instant> closedAt,
                           Set<String> labels, String body) {

    public TrackedIssue {
        if (number < 1) {
            throw new IllegalArgumentException("issue number must be at least 1, was " + number);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(closedAt, "closedAt");
        if (state == IssueState.CLOSED && closedAt.isEmpty()) {
            closedAt = Optional.of(Instant.EPOCH);
        }
        if (state == IssueState.OPEN) {
            closedAt = Optional.empty();
        }
        labels = Set.copyOf(Objects.requireNonNull(labels, "labels"));
        body = body == null ? "" : body;
    }

    /** The scenarios whose hidden markers the body holds. */
    public Set<Fingerprint> scenarios() {
        return Markers.scenarios(body);
    }

    /** Whether people asked for no more comments (the {@code quiet} label, any case). */
    public boolean quiet() {
        return labels.stream().anyMatch(IssuePlanner.QUIET_LABEL::equalsIgnoreCase);
    }

    public boolean open() {
        return state == IssueState.OPEN;
    }
}
