package dev.feedbackloop.tracker;

/** The tracker refused or could not be reached; the message names the repository and what to do. */
public final class IssueTrackerException extends RuntimeException {

    public IssueTrackerException(String message) {
        super(message);
    }

    public IssueTrackerException(String message, Throwable cause) {
        super(message, cause);
    }
}
