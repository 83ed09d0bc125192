package dev.feedbackloop.history;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.HistoryNote;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The read views of a project's history, from the storage ports alone: every listing is paged, nothing is scanned,
 * and what a view holds is bounded by what it shows (a run's changes hold one small record per failing test of the
 * two runs compared). Thread-safe if its ports are.
 */
public final class ProjectHistory {

    /** Most attempts of one CI run looked for when no attempt is given. */
    static final int MAX_ATTEMPTS = 100;
    private static final int PAGE = 500;

    private final RunStore runs;
    private final ScenarioStore scenarios;

    public ProjectHistory(RunStore runs, ScenarioStore scenarios) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
    }

    /**
     * A project's scenarios, most frequent first, with their details.
     *
     * @param tests tests listed per scenario, 0..1000
     * @param runs  runs listed per scenario, 0..1000
     */
    public Page<ScenarioDetails> scenarios(String project, int limit, int tests, int runs) {
        Page<Scenario> page = scenarios.mostFrequent(project, limit, Optional.empty());
        Optional<Instant> latestRun = latestRunTime(project);
        return new Page<>(details(page.items(), latestRun, tests, runs), page.next());
    }

    /** The time of the project's latest run, by run time. */
    public Optional<Instant> latestRunTime(String project) {
        return runs.listRuns(project, 1, Optional.empty()).items().stream().findFirst().map(StoredRun::runTime);
    }

    /** One scenario's details; {@code latestRun} is the project's latest run time (for its history note). */
    public ScenarioDetails details(Scenario scenario, Optional<Instant> latestRun, int tests, int runs) {
        return details(List.of(scenario), latestRun, tests, runs).get(0);
    }

    /**
     * The details of {@code listed} (scenarios of one project), in their order. Each scenario's latest analysis,
     * test links and run links are a Query each; the runs and the tests' names of all of them are read together
     * ({@link RunStore#findRuns}, {@link RunStore#latestTestCases}), so a store that batches reads them in a few
     * requests rather than one per run and test.
     */
    public List<ScenarioDetails> details(List<Scenario> listed, Optional<Instant> latestRun, int tests, int runs) {
        List<Links> links = listed.stream().map(s -> links(s, tests, runs)).toList();
        Map<String, List<TestId>> testsByProject = new LinkedHashMap<>();
        List<RunKey> runKeys = new ArrayList<>();
        for (Links l : links) {
            l.tests().forEach(t -> testsByProject.computeIfAbsent(l.scenario().key().project(),
                    p -> new ArrayList<>()).add(t.test()));
            l.runs().stream().limit(runs).forEach(r -> runKeys.add(r.run()));
        }
        Map<TestId, TestCase> names = new HashMap<>();
        testsByProject.forEach((project, ids) -> names.putAll(this.runs.latestTestCases(project, ids)));
        Map<RunKey, StoredRun> found = runKeys.isEmpty() ? Map.of() : this.runs.findRuns(runKeys);
        return links.stream().map(l -> l.details(latestRun, runs, names, found)).toList();
    }

    /** What one scenario's details are read from before its runs and tests' names. */
    private Links links(Scenario scenario, int tests, int runs) {
        Optional<Analysis> latest = scenarios.analyses(scenario.key(), 1, Optional.empty()).items().stream()
                .findFirst();
        List<AffectedTest> testLinks = tests == 0 ? List.of()
                : scenarios.affectedTests(scenario.key(), tests, Optional.empty()).items();
        // One run more than shown tells whether there are more: a page's cursor alone does not (a page that ends
        // exactly at the last item still has one).
        List<AffectedRun> runLinks = runs == 0 ? List.of()
                : scenarios.affectedRuns(scenario.key(), Math.min(runs + 1, 1000), Optional.empty()).items();
        return new Links(scenario, latest, testLinks, runLinks);
    }

    private record Links(Scenario scenario, Optional<Analysis> latest, List<AffectedTest> tests,
                         List<AffectedRun> runs) {

        ScenarioDetails details(Optional<Instant> latestRun, int runsShown, Map<TestId, TestCase> names,
                                Map<RunKey, StoredRun> found) {
            List<String> notes = new ArrayList<>();
            notes.add(HistoryNote.of(scenario, latestRun));
            latest.ifPresent(a -> a.patternInsights().stream().filter(i -> !HistoryNote.isStoredHistoryNote(i))
                    .forEach(notes::add));
            List<CoveredTest> covered = tests.stream()
                    .map(link -> new CoveredTest(link, Optional.ofNullable(names.get(link.test())))).toList();
            List<CoveredRun> coveredRuns = runs.stream().limit(runsShown)
                    .map(link -> new CoveredRun(link, Optional.ofNullable(found.get(link.run())))).toList();
            return new ScenarioDetails(scenario, latest.flatMap(Analysis::rootCause), notes, covered,
                    scenario.testsAffected() > covered.size(), coveredRuns, runs.size() > runsShown);
        }
    }

    /**
     * A run by id: the given attempt, or without one the latest attempt stored (attempts are looked for from 1 up
     * while they exist, as CI numbers them).
     */
    public Optional<StoredRun> findRun(String project, String runId, Optional<Integer> attempt) {
        if (attempt.isPresent()) {
            return runs.findRun(new RunKey(project, runId, attempt.get()));
        }
        Optional<StoredRun> latest = Optional.empty();
        for (int a = 1; a <= MAX_ATTEMPTS; a++) {
            Optional<StoredRun> found = runs.findRun(new RunKey(project, runId, a));
            if (found.isEmpty()) {
                return latest;
            }
            latest = found;
        }
        return latest;
    }

    /** The project's most recent runs, newest first, for telling a user which runs exist. */
    public List<StoredRun> recentRuns(String project, int limit) {
        return runs.listRuns(project, limit, Optional.empty()).items();
    }

    /** What {@code run} changed since the run before it on its branch. */
    public RunChanges changes(StoredRun run) {
        Optional<StoredRun> previous = runs.previousRun(run);
        Map<TestId, TestChange> failingNow = seen(run.key(), runs::failingResults);
        Map<TestId, TestChange> failingBefore = previous.map(p -> seen(p.key(), runs::failingResults))
                .orElse(Map.of());
        List<TestId> newIds = failingNow.keySet().stream().filter(t -> !failingBefore.containsKey(t)).toList();
        Map<TestId, TestStatus> statusBefore = previous.map(p -> statuses(p, newIds)).orElse(Map.of());
        List<TestChange> newFailures = new ArrayList<>();
        List<TestChange> stillFailing = new ArrayList<>();
        failingNow.forEach((test, now) -> {
            TestChange before = failingBefore.get(test);
            if (before != null) {
                stillFailing.add(now.before(before.now()));
            } else {
                newFailures.add(now.before(Optional.ofNullable(statusBefore.get(test))));
            }
        });
        List<TestId> gone = failingBefore.keySet().stream().filter(t -> !failingNow.containsKey(t)).toList();
        Map<TestId, TestStatus> statusNow = statuses(run, gone);
        List<TestChange> fixed = new ArrayList<>();
        List<TestChange> notRun = new ArrayList<>();
        for (TestId test : gone) {
            TestChange change = failingBefore.get(test).now(Optional.ofNullable(statusNow.get(test)));
            if (change.now().equals(Optional.of(TestStatus.PASSED))) {
                fixed.add(change);
            } else if (change.now().isEmpty() || change.now().get() == TestStatus.SKIPPED) {
                notRun.add(change);
            } // flaky now: listed with the flaky tests
        }
        List<TestChange> flaky = new ArrayList<>();
        forEachPage(run.key(), runs::flakyResults, record -> flaky.add(TestChange.seen(record).before(Optional
                .ofNullable(failingBefore.get(record.testId())).flatMap(TestChange::now))));
        return new RunChanges(run, previous, run.run().branch().isPresent(), newFailures, stillFailing, fixed, notRun,
                flaky);
    }

    /** The statuses of {@code tests} in {@code run}, for those it reported. */
    private Map<TestId, TestStatus> statuses(StoredRun run, List<TestId> tests) {
        Map<TestId, TestStatus> statuses = new HashMap<>();
        for (int from = 0; from < tests.size(); from += PAGE) {
            runs.resultsOf(run, tests.subList(from, Math.min(tests.size(), from + PAGE)))
                    .forEach(r -> statuses.put(r.testId(), r.result().status()));
        }
        return statuses;
    }

    /** Every result of a listing, as the small record a change shows. */
    private Map<TestId, TestChange> seen(RunKey run, PagedListing listing) {
        Map<TestId, TestChange> seen = new LinkedHashMap<>();
        forEachPage(run, listing, record -> seen.put(record.testId(), TestChange.seen(record)));
        return seen;
    }

    private static void forEachPage(RunKey run, PagedListing listing, Consumer<ResultRecord> each) {
        Optional<String> cursor = Optional.empty();
        do {
            Page<ResultRecord> page = listing.page(run, PAGE, cursor);
            page.items().forEach(each);
            cursor = page.next();
        } while (cursor.isPresent());
    }

    /** A paged listing of a run's results. */
    @FunctionalInterface
    private interface PagedListing {
        Page<ResultRecord> page(RunKey run, int limit, Optional<String> cursor);
    }
}
