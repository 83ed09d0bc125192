package dev.feedbackloop.tracker;

/** Whether an issue is open. */
public enum IssueState {
    /** Open: updated and commented on while its scenarios recur. */
    OPEN,
    /** Closed by a person (or a fix): reopened or followed by a new issue when its scenarios recur. */
    CLOSED
}
