package dev.feedbackloop.view;

import dev.feedbackloop.history.RunChanges;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.history.ScenarioDetails;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.rollup.DailyFigures;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.PendingRecommendation;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a project's dashboard shows, read once: every renderer (HTML, Markdown, Slack) works from this alone.
 * Sections the store has nothing for are empty lists, and renderers leave them out.
 *
 * @param project         the project
 * @param generatedAt     when it was read
 * @param scenarios       the top scenarios by impact (occurrences), with their details
 * @param moreScenarios   whether the project has more scenarios than listed
 * @param categories      root causes over the listed scenarios, most occurrences first
 * @param recentRuns      the latest runs, newest first
 * @param latestChanges   what the latest run changed since the run before it
 * @param flaky           tests flaky in the recent runs, most often first
 * @param metrics         daily figures, newest first, when the nightly rollup computed them
 * @param recommendations pending recommendations, highest priority first
 * @param health          tests the health judge calls broken or flaky (broken first), with their quarantine: the
 *                        first ones only when there are more than a page lists
 * @param healthTotal     how many tests are broken or flaky in all, at least as many as {@code health} holds
 * @param fixes           recommendations past the request (drafts, accepted, implemented, verified ...), highest
 *                        priority first, with their diffs and status
 * @param figures         the newest nightly figures (success metrics, early warnings), when the rollup stored some
 * @param timelines       the newest timeline entries (newest first) of the {@code health} tests a page shows open;
 *                        a test not in it had its timeline left unread
 * @param latestAttachments the screenshots and traces stored for the latest run's failing attempts (references only,
 *                          read from the table), by test, attempt and name
 */
public record Dashboard(String project, Instant generatedAt, List<ScenarioDetails> scenarios, boolean moreScenarios,
                        List<CategoryShare> categories, List<StoredRun> recentRuns,
                        Optional<RunChanges> latestChanges, List<FlakyTest> flaky, List<DailyMetrics> metrics,
                        List<PendingRecommendation> recommendations, List<StoredHealth> health,
                        List<Recommendation> fixes, Optional<DailyFigures> figures,
                        Map<TestId, List<TimelineEntry>> timelines, long healthTotal,
                        List<StoredAttachment> latestAttachments) {

    /** A dashboard without the latest run's attachments. */
    public Dashboard(String project, Instant generatedAt, List<ScenarioDetails> scenarios, boolean moreScenarios,
                     List<CategoryShare> categories, List<StoredRun> recentRuns, Optional<RunChanges> latestChanges,
                     List<FlakyTest> flaky, List<DailyMetrics> metrics, List<PendingRecommendation> recommendations,
                     List<StoredHealth> health, List<Recommendation> fixes, Optional<DailyFigures> figures,
                     Map<TestId, List<TimelineEntry>> timelines, long healthTotal) {
        this(project, generatedAt, scenarios, moreScenarios, categories, recentRuns, latestChanges, flaky, metrics,
                recommendations, health, fixes, figures, timelines, healthTotal, List.of());
    }

    /** A dashboard whose {@code health} holds every broken or flaky test. */
    public Dashboard(String project, Instant generatedAt, List<ScenarioDetails> scenarios, boolean moreScenarios,
                     List<CategoryShare> categories, List<StoredRun> recentRuns, Optional<RunChanges> latestChanges,
                     List<FlakyTest> flaky, List<DailyMetrics> metrics, List<PendingRecommendation> recommendations,
                     List<StoredHealth> health, List<Recommendation> fixes, Optional<DailyFigures> figures,
                     Map<TestId, List<TimelineEntry>> timelines) {
        this(project, generatedAt, scenarios, moreScenarios, categories, recentRuns, latestChanges, flaky, metrics,
                recommendations, health, fixes, figures, timelines, health.size());
    }

    /** A dashboard with no timeline read. */
    public Dashboard(String project, Instant generatedAt, List<ScenarioDetails> scenarios, boolean moreScenarios,
                     List<CategoryShare> categories, List<StoredRun> recentRuns, Optional<RunChanges> latestChanges,
                     List<FlakyTest> flaky, List<DailyMetrics> metrics, List<PendingRecommendation> recommendations,
                     List<StoredHealth> health, List<Recommendation> fixes, Optional<DailyFigures> figures) {
        this(project, generatedAt, scenarios, moreScenarios, categories, recentRuns, latestChanges, flaky, metrics,
                recommendations, health, fixes, figures, Map.of());
    }

    /** A dashboard without the later stages' sections (no health, recommendations or nightly figures stored). */
    public Dashboard(String project, Instant generatedAt, List<ScenarioDetails> scenarios, boolean moreScenarios,
                     List<CategoryShare> categories, List<StoredRun> recentRuns, Optional<RunChanges> latestChanges,
                     List<FlakyTest> flaky, List<DailyMetrics> metrics, List<PendingRecommendation> recommendations) {
        this(project, generatedAt, scenarios, moreScenarios, categories, recentRuns, latestChanges, flaky, metrics,
                recommendations, List.of(), List.of(), Optional.empty(), Map.of());
    }

    public Dashboard {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(generatedAt, "generatedAt");
        scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios"));
        categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
        recentRuns = List.copyOf(Objects.requireNonNull(recentRuns, "recentRuns"));
        Objects.requireNonNull(latestChanges, "latestChanges");
        flaky = List.copyOf(Objects.requireNonNull(flaky, "flaky"));
        metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
        recommendations = List.copyOf(Objects.requireNonNull(recommendations, "recommendations"));
        health = List.copyOf(Objects.requireNonNull(health, "health"));
        fixes = List.copyOf(Objects.requireNonNull(fixes, "fixes"));
        Objects.requireNonNull(figures, "figures");
        timelines = Objects.requireNonNull(timelines, "timelines").entrySet().stream().collect(
                java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        latestAttachments = List.copyOf(Objects.requireNonNull(latestAttachments, "latestAttachments"));
        if (healthTotal < health.size()) {
            throw new IllegalArgumentException("healthTotal " + healthTotal + " is below the " + health.size()
                    + " tests listed");
        }
    }
}
