package dev.feedbackloop.tracker;

import java.util.List;
import java.util.Optional;

/**
 * An issue tracker (GitHub's issues in {@code adapter.github}). Implementations pace their writes to the tracker's
 * limits and fail with {@link IssueTrackerException} naming the repository and what was refused.
 */
public interface IssueTracker {

    /** The repository, as messages name it ({@code owner/name}). */
    String repository();

    /** Every issue (open and closed, no pull requests) carrying {@code label}, all pages. */
    List<TrackedIssue> labelled(String label);

    /** The bodies of an issue's comments, oldest first, all pages. */
    List<String> comments(int number);

    /** Opens an issue; returns its number. */
    int create(String title, String body, List<String> labels);

    /** Changes an issue's title, body and state; an empty one is left as it is. */
    void edit(int number, Optional<String> title, Optional<String> body, Optional<IssueState> state);

    /** Adds a comment. */
    void comment(int number, String body);
}
