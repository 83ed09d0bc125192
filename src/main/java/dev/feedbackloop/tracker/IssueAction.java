package dev.feedbackloop.tracker;

import dev.feedbackloop.fingerprint.Fingerprint;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One write the planner decided on; {@link #describe()} says it in a line (titles as sent, already redacted). */
public sealed interface IssueAction {

    /** A line for people: what is done, to which issue, with its title. */
    String describe();

    /** The scenarios the action is about. */
    List<Fingerprint> scenarios();

    /**
     * A new issue.
     *
     * @param follows the closed issue it follows, when its scenarios recurred too long after that one was closed
     */
    record Create(String title, String body, List<String> labels, List<Fingerprint> scenarios,
                  Optional<Integer> follows) implements IssueAction {

        public Create {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(body, "body");
            labels = List.copyOf(labels);
            scenarios = List.copyOf(scenarios);
            Objects.requireNonNull(follows, "follows");
        }

        @Override
        public String describe() {
            return "create  \"" + title + "\" (" + IssuePlanner.count(scenarios) + follows.map(n -> ", follows #" + n)
                    .orElse("") + ")";
        }
    }

    /** New title or body for an open issue (its scenarios' counts, a scenario joining its group). */
    record Update(int number, String title, String body, boolean titleChanged, List<Fingerprint> scenarios)
            implements IssueAction {

        public Update {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(body, "body");
            scenarios = List.copyOf(scenarios);
        }

        @Override
        public String describe() {
            return "update  #" + number + " \"" + title + "\" (" + (titleChanged ? "title and body" : "body") + ", "
                    + IssuePlanner.count(scenarios) + ")";
        }
    }

    /** A closed issue whose scenarios recurred soon after it was closed: open again, with its body brought up to date. */
    record Reopen(int number, String title, String body, Duration afterClose, List<Fingerprint> scenarios)
            implements IssueAction {

        public Reopen {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(afterClose, "afterClose");
            scenarios = List.copyOf(scenarios);
        }

        @Override
        public String describe() {
            return "reopen  #" + number + " \"" + title + "\" (recurred " + IssuePlanner.days(afterClose)
                    + " after it was closed)";
        }
    }

    /** A comment on a new occurrence: one per commit, remembered by the commit's marker in the comment. */
    record Comment(int number, String title, String commit, String body, List<Fingerprint> scenarios)
            implements IssueAction {

        public Comment {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(body, "body");
            scenarios = List.copyOf(scenarios);
        }

        @Override
        public String describe() {
            return "comment #" + number + " \"" + title + "\" (seen again at commit " + commit.substring(0, 7) + ")";
        }
    }
}
