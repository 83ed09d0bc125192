package dev.feedbackloop.tracker;

import dev.feedbackloop.redact.Redactor;
import java.util.Objects;
import java.util.Optional;

/**
 * The issue sync as a step of the nightly job: after the night refreshed the project's recommendations, caught up on
 * its runs and judged its fixes, the project's actionable scenarios are synced to its tracker (applied). The tracker
 * failing is reported, never thrown: the rollup is done by then, and the next night syncs again (the sync is
 * idempotent: issues carry a marker).
 */
public final class NightlyIssueSync {

    /** Actionable scenarios synced per project and night, most important first. */
    public static final int SCENARIO_LIMIT = 200;

    private final ActionableScenarios scenarios;
    private final IssuePlanner planner;

    public NightlyIssueSync(ActionableScenarios scenarios) {
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        this.planner = new IssuePlanner(Redactor.standard());
    }

    /**
     * One project's sync.
     *
     * @param outcome what was done, when the tracker answered
     * @param failure why not, when it did not (the tracker's message, naming the repository)
     */
    public record Synced(String project, Optional<IssueSync.Outcome> outcome, Optional<String> failure) {

        public Synced {
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** Syncs the project's actionable scenarios to {@code tracker}. */
    public Synced sync(String project, IssueTracker tracker) {
        try {
            IssueSync.Outcome outcome = new IssueSync(tracker, planner).sync(scenarios.of(project, SCENARIO_LIMIT),
                    true);
            return new Synced(project, Optional.of(outcome), Optional.empty());
        } catch (IssueTrackerException e) {
            return new Synced(project, Optional.empty(), Optional.of(e.getMessage()));
        }
    }
}
