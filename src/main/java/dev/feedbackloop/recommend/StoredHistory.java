package dev.feedbackloop.recommend;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.function.Function;
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

    /**
     * The newest {@code runLimit} runs of the project that have a result for one of {@code tests}, oldest first, as
     * the ledger counts them: a skipped test did not run; passed means passed on every attempt (flaky is not a
     * success). Stored runs carry no source hash: tests are matched by id alone here.
     */
    public List<RunObservation> observations(String project, Collection<TestId> tests) {
        return observationsSince(project, tests, Instant.MIN);
    }

    /**
     * As {@link #observations}, but only of the runs from {@code since} on: the nightly catch-up reads what the day
     * brought (runs are listed newest first, so the listing stops at the first older run), not the history.
     */
    public List<RunObservation> observationsSince(String project, Collection<TestId> tests, Instant since) {
        List<RunObservation> observed = new ArrayList<>();
        if (tests.isEmpty()) {
            return observed;
        }
        Optional<String> cursor = Optional.empty();
        int read = 0;
        boolean older = false;
        do {
            Page<StoredRun> page = runs.listRuns(project, Math.min(PAGE, runLimit - read), cursor);
            for (StoredRun run : page.items()) {
                if (run.runTime().isBefore(since)) {
                    older = true;
                    break;
                }
                observation(run, tests, file -> Optional.empty()).ifPresent(observed::add);
            }
            read += page.items().size();
            cursor = page.next();
        } while (!older && cursor.isPresent() && read < runLimit);
        observed.sort(java.util.Comparator.comparing(RunObservation::at).thenComparing(RunObservation::run));
        return observed;
    }

    /**
     * One stored run as the ledger counts it, with each test's source hash as {@code sourceHash} gives it for the
     * test's file (where sources are at hand, e.g. a checkout at ingest); empty when none of the tests ran in it.
     */
    public Optional<RunObservation> observation(RunKey key, Collection<TestId> tests,
                                                Function<String, Optional<String>> sourceHash) {
        return tests.isEmpty() ? Optional.empty()
                : runs.findRun(key).flatMap(run -> observation(run, tests, sourceHash));
    }

    private Optional<RunObservation> observation(StoredRun run, Collection<TestId> tests,
                                                 Function<String, Optional<String>> sourceHash) {
        List<RunObservation.TestObservation> results = runs.resultsOf(run, tests).stream()
                .filter(r -> r.result().status() != TestStatus.SKIPPED)
                .map(r -> new RunObservation.TestObservation(r.testId(), r.result().status() == TestStatus.PASSED,
                        r.result().test().file().flatMap(sourceHash))).toList();
        RunKey key = run.run().key();
        return results.isEmpty() ? Optional.empty() : Optional.of(new RunObservation(key.runId() + "#"
                + key.attempt(), run.runTime(), run.run().commitSha(), run.run().branch(), results));
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
