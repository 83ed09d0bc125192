package dev.feedbackloop.tracker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Files actionable scenarios as issues, once each: lists the tracker's labelled issues, plans with
 * {@link IssuePlanner}, and (when applying) performs the plan in order. Running it again with the same scenarios
 * plans nothing, so a retried or repeated sync writes no duplicate.
 */
public final class IssueSync {

    private final IssueTracker tracker;
    private final IssuePlanner planner;

    public IssueSync(IssueTracker tracker, IssuePlanner planner) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    /**
     * An action and, once applied, the issue it wrote to.
     *
     * @param number the issue's number; empty for a create not applied
     */
    public record Done(IssueAction action, Optional<Integer> number) {
    }

    /** The outcome: what was planned and, when applied, done. */
    public record Outcome(String repository, boolean applied, int issuesListed, List<Done> actions) {

        public Outcome {
            actions = List.copyOf(actions);
        }

        public long count(Class<? extends IssueAction> kind) {
            return actions.stream().filter(d -> kind.isInstance(d.action())).count();
        }
    }

    /**
     * Plans and, when {@code apply}, writes.
     *
     * @throws IssueTrackerException when the tracker refuses; actions done before stay done, and a second run
     *                               picks up where this one stopped
     */
    public Outcome sync(List<TrackedScenario> scenarios, boolean apply) {
        return sync(scenarios, apply, done -> { });
    }

    /**
     * Plans and, when {@code apply}, writes, telling {@code progress} of each action as it is done (or, in a dry
     * run, planned), so that what was written before a refusal is known.
     *
     * @throws IssueTrackerException when the tracker refuses; actions done before stay done, and a second run
     *                               picks up where this one stopped
     */
    public Outcome sync(List<TrackedScenario> scenarios, boolean apply, Consumer<Done> progress) {
        List<TrackedIssue> issues = tracker.labelled(IssuePlanner.LABEL);
        Map<Integer, Set<String>> commented = new HashMap<>();
        List<IssueAction> plan = planner.plan(scenarios, issues, number -> commented.computeIfAbsent(number,
                n -> commitsCommented(n)));
        List<Done> done = new ArrayList<>();
        for (IssueAction action : plan) {
            Done one = new Done(action, apply ? Optional.of(apply(action)) : existingNumber(action));
            done.add(one);
            progress.accept(one);
        }
        return new Outcome(tracker.repository(), apply, issues.size(), done);
    }

    private Set<String> commitsCommented(int number) {
        Set<String> commits = new java.util.LinkedHashSet<>();
        tracker.comments(number).forEach(body -> commits.addAll(Markers.commits(body)));
        return commits;
    }

    private int apply(IssueAction action) {
        if (action instanceof IssueAction.Create c) {
            return tracker.create(c.title(), c.body(), c.labels());
        } else if (action instanceof IssueAction.Update u) {
            tracker.edit(u.number(), u.titleChanged() ? Optional.of(u.title()) : Optional.empty(),
                    Optional.of(u.body()), Optional.empty());
            return u.number();
        } else if (action instanceof IssueAction.Reopen r) {
            tracker.edit(r.number(), Optional.of(r.title()), Optional.of(r.body()), Optional.of(IssueState.OPEN));
            return r.number();
        }
        IssueAction.Comment c = (IssueAction.Comment) action;
        tracker.comment(c.number(), c.body());
        return c.number();
    }

    private static Optional<Integer> existingNumber(IssueAction action) {
        if (action instanceof IssueAction.Update u) {
            return Optional.of(u.number());
        } else if (action instanceof IssueAction.Reopen r) {
            return Optional.of(r.number());
        } else if (action instanceof IssueAction.Comment c) {
            return Optional.of(c.number());
        }
        return Optional.empty();
    }
}
