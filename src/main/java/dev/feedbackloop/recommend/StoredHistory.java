package dev.feedbackloop.recommend;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the loop reads from the stored history: a project's scenarios as {@link ScenarioFacts}, and the runs of a
 * recommendation's tests as {@link RunOutcome}s (a run counts when one of the tests has a result in it; the
 * scenario occurred in it when the scenario's run links name it). Bounded: the newest {@code runLimit} runs.
 */
public final class StoredHistory {

    private static final int PAGE = 100;

    private final RunStore runs;
    private final ScenarioStore scenarios;
    private final int runLimit;

    public StoredHistory(RunStore runs, ScenarioStore scenarios, int runLimit) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
        if (runLimit < 1) {
            throw new IllegalArgumentException("run limit must be at least 1, was " + runLimit);
        }
        this.runLimit = runLimit;
    }

    /** The project's scenarios, most frequent first, at most {@code limit}, each with a sample of its tests. */
    public List<ScenarioFacts> scenarios(String project, int limit) {
        List<ScenarioFacts> found = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Scenario> page = scenarios.mostFrequent(project, Math.min(PAGE, limit - found.size()), cursor);
            for (Scenario scenario : page.items()) {
                List<TestId> tests = scenarios.affectedTests(scenario.key(), Recommendation.MAX_TESTS,
                        Optional.empty()).items().stream().map(AffectedTest::test).toList();
                found.add(new ScenarioFacts(scenario, tests, Optional.empty()));
            }
            cursor = page.next();
        } while (cursor.isPresent() && found.size() < limit);
        return found;
    }

    /** The runs of a recommendation's tests, newest {@code runLimit} runs of the project considered. */
    public List<RunOutcome> outcomes(Recommendation recommendation) {
        Set<RunKey> seen = new HashSet<>();
        for (var fingerprint : recommendation.evidence().scenarios()) {
            ScenarioKey key = new ScenarioKey(recommendation.project(), fingerprint);
            Optional<String> cursor = Optional.empty();
            do {
                Page<AffectedRun> page = scenarios.affectedRuns(key, PAGE, cursor);
                page.items().forEach(r -> seen.add(r.run()));
                cursor = page.next();
            } while (cursor.isPresent() && seen.size() < runLimit);
        }
        List<RunOutcome> outcomes = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int read = 0;
        do {
            Page<StoredRun> page = runs.listRuns(recommendation.project(), Math.min(PAGE, runLimit - read), cursor);
            for (StoredRun run : page.items()) {
                RunKey key = run.run().key();
                if (seen.contains(key) || !runs.resultsOf(run, recommendation.tests()).isEmpty()) {
                    outcomes.add(new RunOutcome(key.runId() + "#" + key.attempt(), run.runTime(), seen.contains(key)));
                }
            }
            read += page.items().size();
            cursor = page.next();
        } while (cursor.isPresent() && read < runLimit);
        return outcomes;
    }
}
