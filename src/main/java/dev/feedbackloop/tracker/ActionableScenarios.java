package dev.feedbackloop.tracker;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.recommend.IssueReport;
import dev.feedbackloop.recommend.Recommendation;
import dev.feedbackloop.recommend.RecommendationKind;
import dev.feedbackloop.recommend.RecommendationLoop;
import dev.feedbackloop.recommend.RecommendationStatus;
import dev.feedbackloop.recommend.TriageMemory;
import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.HealthStore;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TestLabel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The scenarios an issue tracker should show, read from the stored history: each scenario with an open immediate
 * fix (draft, accepted or ineffective; its highest-priority one), not silenced by a won't-fix or product-bug decision,
 * with its issue report, its test file and the commit of its latest run. Costs a few reads per scenario (the
 * scenario, its latest run link and run, its tests' labels).
 */
public final class ActionableScenarios {

    private final RecommendationLoop loop;
    private final dev.feedbackloop.store.ScenarioStore scenarios;
    private final RunStore runs;
    private final HealthStore health;
    private final IssueReport report;

    public ActionableScenarios(RecommendationLoop loop, dev.feedbackloop.store.ScenarioStore scenarios, RunStore runs,
                               HealthStore health, IssueReport report) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.health = Objects.requireNonNull(health, "health");
        this.report = Objects.requireNonNull(report, "report");
    }

    /** The project's actionable scenarios, most important first, at most {@code limit}. */
    public List<TrackedScenario> of(String project, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        TriageMemory memory = loop.memory(project);
        List<RecommendationStatus> open = Arrays.stream(RecommendationStatus.values())
                .filter(RecommendationStatus::open).toList();
        Set<Fingerprint> taken = new LinkedHashSet<>();
        List<TrackedScenario> found = new ArrayList<>();
        for (Recommendation r : loop.list(project, open, Integer.MAX_VALUE)) {
            if (found.size() >= limit) {
                break;
            }
            if (r.kind() != RecommendationKind.IMMEDIATE_FIX || r.scenario().isEmpty()
                    || memory.silenced(r.scenario().get()).isPresent() || !taken.add(r.scenario().get())) {
                continue;
            }
            scenarios.find(new ScenarioKey(project, r.scenario().get()))
                    .ifPresent(s -> found.add(tracked(r, s, memory)));
        }
        return found;
    }

    private TrackedScenario tracked(Recommendation r, Scenario s, TriageMemory memory) {
        return new TrackedScenario(s.key().fingerprint(), r.id(), r.advice().title(),
                report.markdown(r, Optional.of(s), memory), group(s.key().project(), r.tests()), s.lastSeen(),
                latestCommit(s.key()), s.occurrences(), s.runsAffected());
    }

    /** The file (else the suite) of the first of its tests the registry knows. */
    private Optional<String> group(String project, List<TestId> tests) {
        if (tests.isEmpty()) {
            return Optional.empty();
        }
        Map<TestId, StoredHealth> known = health.find(project, tests);
        return tests.stream().map(known::get).filter(Objects::nonNull).map(StoredHealth::label)
                .flatMap(Optional::stream).map(ActionableScenarios::fileOrSuite).flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> fileOrSuite(TestLabel label) {
        return label.file().or(() -> Optional.of(label.suite()).filter(s -> !s.isBlank()));
    }

    private Optional<String> latestCommit(ScenarioKey key) {
        List<AffectedRun> latest = scenarios.affectedRuns(key, 1, Optional.empty()).items();
        return latest.stream().findFirst().flatMap(a -> runs.findRun(a.run())).map(StoredRun::run)
                .flatMap(run -> run.commitSha()).filter(c -> c.matches("[0-9a-fA-F]{7,64}"));
    }
}
