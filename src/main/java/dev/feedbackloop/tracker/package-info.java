/**
 * Filing scenarios as issues, once each: which actionable scenarios an issue tracker should show, and what to do for
 * each given the issues it already has (create, update, comment once per commit, reopen a recent recurrence, or a new
 * issue linking an old one). Pure: the tracker is the port {@link dev.feedbackloop.tracker.IssueTracker} (GitHub in
 * {@code adapter.github}); {@link dev.feedbackloop.tracker.IssuePlanner} decides without I/O. See
 * {@code docs/github-issues.md}.
 */
package dev.feedbackloop.tracker;
