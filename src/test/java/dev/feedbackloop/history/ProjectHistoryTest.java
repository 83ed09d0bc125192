package dev.feedbackloop.history;

import static dev.feedbackloop.testing.Samples.failed;
import static dev.feedbackloop.testing.Samples.fingerprint;
import static dev.feedbackloop.testing.Samples.flaky;
import static dev.feedbackloop.testing.Samples.observation;
import static dev.feedbackloop.testing.Samples.passed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.Impact;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.ScenarioStore;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.testing.LoopFixture;
import dev.feedbackloop.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read views on the real stores (DynamoDB Local, in-process). */
class ProjectHistoryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Fingerprint FP = fingerprint(9);

    private final LoopFixture loop = new LoopFixture("history");
    private final RunStore runs = loop.runs();
    private final ScenarioStore scenarios = loop.scenarios();
    private final ProjectHistory history = new ProjectHistory(runs, scenarios);

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void aRunsChangesAreAgainstTheRunBeforeItOnItsBranch() {
        store("r1", "main", 1, failed("web", "still", FP, "boom"), failed("web", "fixed", FP, "boom"),
                passed("web", "broke"), failed("web", "dropped", FP, "boom"), failed("web", "skipped", FP, "boom"),
                failed("web", "wobbles", FP, "boom"));
        store("f1", "feature", 2, failed("web", "broke", FP, "only on the feature branch"));
        StoredRun second = store("r2", "main", 3, failed("web", "still", FP, "boom again"),
                passed("web", "fixed"), failed("web", "broke", FP, "new boom"), skipped("skipped"),
                flaky("web", "wobbles"), failed("web", "brand new", FP, "boom"));

        RunChanges changes = history.changes(second);

        assertThat(changes.previous()).map(r -> r.key().runId()).contains("r1");
        assertThat(changes.byBranch()).isTrue();
        assertThat(names(changes.newFailures())).containsExactly("brand new", "broke");
        assertThat(changes.newFailures()).extracting(TestChange::before)
                .containsExactly(Optional.empty(), Optional.of(TestStatus.PASSED));
        assertThat(names(changes.stillFailing())).containsExactly("still");
        assertThat(changes.stillFailing().get(0).headline()).contains("boom again");
        assertThat(changes.stillFailing().get(0).category()).contains(Category.SELECTOR_ISSUE);
        assertThat(names(changes.fixed())).containsExactly("fixed");
        assertThat(changes.fixed().get(0).now()).contains(TestStatus.PASSED);
        assertThat(names(changes.notRun())).containsExactly("dropped", "skipped");
        assertThat(names(changes.flaky())).containsExactly("wobbles");
        assertThat(changes.flaky().get(0).before()).contains(TestStatus.FAILED);
    }

    @Test
    void theFirstRunOfABranchHasNoPreviousAndEveryFailureIsNew() {
        StoredRun first = store("r1", "main", 1, failed("web", "a", FP, "boom"), passed("web", "b"));

        RunChanges changes = history.changes(first);

        assertThat(changes.previous()).isEmpty();
        assertThat(names(changes.newFailures())).containsExactly("a");
        assertThat(changes.stillFailing()).isEmpty();
        assertThat(changes.fixed()).isEmpty();
    }

    @Test
    void aRunIsFoundByIdAtItsLatestAttemptUnlessOneIsGiven() {
        store("r1", "main", 1);
        runs.putRun(new Run(new RunKey("web", "r1", 2), Optional.empty(), Optional.of("main"), Optional.empty(),
                Optional.empty(), Optional.of(T0.plus(Duration.ofHours(2))), Optional.empty(), Map.of()), T0);

        assertThat(history.findRun("web", "r1", Optional.empty())).map(r -> r.key().attempt()).contains(2);
        assertThat(history.findRun("web", "r1", Optional.of(1))).map(r -> r.key().attempt()).contains(1);
        assertThat(history.findRun("web", "nope", Optional.empty())).isEmpty();
    }

    @Test
    void aScenariosDetailsListItsTestsByNameItsRunsNewestFirstAndATrueHistoryNote() {
        StoredRun older = store("r1", "main", 1, failed("web", "pays", FP, "boom"));
        StoredRun newer = store("r2", "main", 2, failed("web", "pays", FP, "boom"), failed("web", "refunds", FP,
                "boom"));
        // The newer run arrives first, as in a backfill: its analysis (the newest by run time) stored an old-style note.
        scenarios.recordOccurrences(newer.key(), newer.runTime(), List.of(observation(FP, Category.SELECTOR_ISSUE,
                Samples.id("web", "pays"), Samples.id("web", "refunds"))));
        scenarios.putAnalysis(analysis(newer, List.of("new: first seen in this run", "every failing test of the run"
                + " of 2026-03-01 12:00 UTC failed with it")));
        scenarios.recordOccurrences(older.key(), older.runTime(), List.of(observation(FP, Category.SELECTOR_ISSUE,
                Samples.id("web", "pays"))));
        scenarios.putAnalysis(analysis(older, List.of()));

        ScenarioDetails details = history.scenarios("web", 10, 5, 5).items().get(0);

        assertThat(details.cause()).contains("A locator did not resolve: #pay");
        assertThat(details.notes()).containsExactly(
                "recurring: seen in 2 runs from 2026-03-01 to 2026-03-01, 2 tests affected in all",
                "every failing test of the run of 2026-03-01 12:00 UTC failed with it");
        assertThat(details.tests()).extracting(t -> t.testCase().orElseThrow().name())
                .containsExactlyInAnyOrder("pays", "refunds");
        assertThat(details.tests()).filteredOn(t -> t.testCase().orElseThrow().name().equals("pays"))
                .extracting(t -> t.link().occurrences()).containsExactly(2L);
        assertThat(details.runs()).extracting(r -> r.link().run().runId()).containsExactly("r2", "r1");
        assertThat(details.runs().get(0).run().orElseThrow().run().buildUrl()).contains("https://ci.example/runs/r2");
        assertThat(details.moreTests()).isFalse();
        assertThat(details.moreRuns()).isFalse();
    }

    private StoredRun store(String runId, String branch, int hour, ResultRecord... results) {
        Run sample = Samples.run("web", runId, T0.plus(Duration.ofHours(hour)));
        Run run = new Run(sample.key(), sample.commitSha(), Optional.of(branch), sample.ciProvider(),
                sample.buildUrl(), sample.startedAt(), sample.finishedAt(), sample.environment());
        StoredRun stored = runs.putRun(run, T0.plus(Duration.ofHours(hour)));
        runs.putResults(stored, List.of(results));
        return stored;
    }

    private static ResultRecord skipped(String name) {
        var test = Samples.test(name);
        return ResultRecord.of(test.id("web"), TestResult.of(test, List.of(new Attempt(0, dev.feedbackloop.model.AttemptStatus.SKIPPED, 0, Optional.empty(), "", ""))));
    }

    private static Analysis analysis(StoredRun run, List<String> insights) {
        return new Analysis(new ScenarioKey("web", FP), "test:" + run.key().runId(), run.runTime(),
                Category.SELECTOR_ISSUE, 0.9, List.of(), Optional.of("A locator did not resolve: #pay"), List.of(),
                insights, new Impact(3, 1, 1, Optional.empty()), "rules-v3");
    }

    private static List<String> names(List<TestChange> changes) {
        return changes.stream().map(c -> c.testCase().name()).toList();
    }
}
