package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.Execution;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.health.HealthUpdate;
import dev.feedbackloop.health.Outcome;
import dev.feedbackloop.health.Quarantine;
import dev.feedbackloop.health.RunTally;
import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.ReportTally;
import dev.feedbackloop.store.RunJudgement;
import dev.feedbackloop.store.RunVerdict;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.TestEntry;
import dev.feedbackloop.store.TestLabel;
import dev.feedbackloop.store.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Test health on DynamoDB Local: versioned writes, the timeline and its day index, lists, tallies. */
class DynamoHealthStoreTest {

    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("health");
    private static final DynamoHealthStore store = fixture.health();
    private static final HealthJudge JUDGE = new HealthJudge(HealthSettings.defaults());
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final Fingerprint TIMEOUT = new Fingerprint("00000000000000aa");

    private static TestId test(int n) {
        return new TestId(String.format("%016x", n));
    }

    private static Execution execution(String project, TestId test, int run, Outcome outcome) {
        boolean failed = outcome.hadFailure();
        return new Execution(test, new RunKey(project, "r" + run, 1), T0.plus(Duration.ofHours(run)),
                Optional.of("c" + run), Optional.of("main"), outcome,
                failed ? Optional.of(Category.TIMEOUT) : Optional.empty(),
                failed ? Optional.of(TIMEOUT) : Optional.empty(), false);
    }

    /** Applies the executions to what is stored, one write per execution, as the classify stage does. */
    private static void applyAll(String project, TestId test, List<Execution> executions) {
        for (Execution e : executions) {
            StoredHealth stored = store.find(project, List.of(test)).get(test);
            HealthUpdate update = JUDGE.apply(stored.health(), e);
            if (update.changed()) {
                assertThat(store.write(project, List.of(new HealthWrite(update.health(), stored.version(),
                        Optional.of(new TestLabel("e2e.checkout", "pays", Optional.of("checkout.spec.ts"))),
                        update.changes())))).isEmpty();
            }
        }
    }

    /** Passes, with a pass on retry every third run: flaky by the rules. */
    private static List<Execution> flakyHistory(String project, TestId test, int runs) {
        List<Execution> executions = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            executions.add(execution(project, test, i, i % 3 == 0 ? Outcome.PASSED_ON_RETRY
                    : i % 3 == 1 && i > 3 ? Outcome.FAILED : Outcome.PASSED));
        }
        return executions;
    }

    @Test
    void aTestNeverStored_isUnseen_andItsHealthRoundTripsExactly() {
        TestId id = test(1);
        assertThat(store.find("rt", List.of(id)).get(id)).isEqualTo(StoredHealth.unseen("rt", id));

        // 40 runs: 10 slide out of the window while the test is flaky, so its flaky tally round-trips too.
        applyAll("rt", id, flakyHistory("rt", id, 40));

        StoredHealth stored = store.find("rt", List.of(id)).get(id);
        TestHealth expected = TestHealth.unseen("rt", id);
        for (Execution e : flakyHistory("rt", id, 40)) {
            expected = JUDGE.apply(expected, e).health();
        }
        assertThat(stored.health()).isEqualTo(expected);
        assertThat(stored.health().verdict().state()).isEqualTo(HealthState.FLAKY);
        assertThat(stored.health().flakyBeforeWindow().executions()).isEqualTo(10);
        assertThat(stored.version()).isEqualTo(40);
        assertThat(stored.display()).isEqualTo("e2e.checkout > pays");
    }

    @Test
    void aWriteFromAStaleVersion_writesNothing_andNamesTheTestToReadAgain() {
        TestId id = test(2);
        applyAll("stale", id, flakyHistory("stale", id, 3));
        StoredHealth read = store.find("stale", List.of(id)).get(id);
        HealthUpdate mine = JUDGE.apply(read.health(), execution("stale", id, 4, Outcome.FAILED));
        HealthUpdate theirs = JUDGE.apply(read.health(), execution("stale", id, 5, Outcome.PASSED));

        assertThat(store.write("stale", List.of(new HealthWrite(theirs.health(), read.version(), Optional.empty(),
                theirs.changes())))).isEmpty();
        Set<TestId> retry = store.write("stale", List.of(new HealthWrite(mine.health(), read.version(),
                Optional.empty(), mine.changes())));

        assertThat(retry).containsExactly(id);
        StoredHealth now = store.find("stale", List.of(id)).get(id);
        assertThat(now.health()).isEqualTo(theirs.health());
        assertThat(now.version()).isEqualTo(read.version() + 1);
        assertThat(now.label()).as("a write without a label keeps none; the classify stage always has one")
                .isEmpty();
    }

    @Test
    void aTestBeingCreatedTwice_theSecondCreationIsRefused() {
        TestId id = test(3);
        HealthUpdate first = JUDGE.apply(TestHealth.unseen("twice", id), execution("twice", id, 1, Outcome.PASSED));

        assertThat(store.write("twice", List.of(new HealthWrite(first.health(), 0, Optional.empty(), List.of()))))
                .isEmpty();
        assertThat(store.write("twice", List.of(new HealthWrite(first.health(), 0, Optional.empty(), List.of()))))
                .containsExactly(id);
        assertThat(store.find("twice", List.of(id)).get(id).version()).isEqualTo(1);
    }

    @Test
    void onlyTheConflictingTransaction_isRefused_otherTestsOfTheBatchAreWritten() {
        List<HealthWrite> writes = new ArrayList<>();
        for (int i = 0; i < DynamoHealthStore.TESTS_PER_TRANSACTION + 5; i++) {
            TestId id = test(100 + i);
            writes.add(new HealthWrite(JUDGE.apply(TestHealth.unseen("batch", id),
                    execution("batch", id, 1, Outcome.PASSED)).health(), 0, Optional.empty(), List.of()));
        }
        HealthWrite last = writes.get(writes.size() - 1);
        store.write("batch", List.of(last)); // someone else created the last test meanwhile

        Set<TestId> retry = store.write("batch", writes);

        assertThat(retry).hasSize(5).contains(last.health().test());
        assertThat(store.tests("batch", 100, Optional.empty()).items()).hasSize(
                DynamoHealthStore.TESTS_PER_TRANSACTION + 1);
    }

    @Test
    void theTimeline_keepsEachChangeOnce_andTheDayIndexFindsTheDaysChanges() {
        TestId id = test(4);
        List<Execution> history = flakyHistory("timeline", id, 12);
        applyAll("timeline", id, history);
        List<TimelineEntry> timeline = store.timeline("timeline", id);
        StoredHealth stored = store.find("timeline", List.of(id)).get(id);
        StateChange again = new StateChange("timeline", id, timeline.get(0).at(), timeline.get(0).from(),
                timeline.get(0).to(), timeline.get(0).reason(), List.of(), Optional.empty(), Optional.empty());

        store.write("timeline", List.of(new HealthWrite(stored.health(), stored.version(), stored.label(),
                List.of(again))));

        assertThat(store.timeline("timeline", id)).hasSameSizeAs(timeline);
        assertThat(timeline).extracting(TimelineEntry::transition).contains("new -> flaky");
        TimelineEntry flaky = timeline.stream().filter(e -> e.to() == HealthState.FLAKY).findFirst().orElseThrow();
        assertThat(flaky.evidence()).anyMatch(e -> e.startsWith("passed on retry in run r"));
        assertThat(flaky.cause()).isPresent();
        LocalDate day = flaky.at().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        assertThat(store.changesOn("timeline", day)).extracting(TimelineEntry::test).contains(id);
        assertThat(store.changesOn("timeline", day.plusDays(1))).isEmpty();
    }

    @Test
    void testsAreListedByVerdict_andLeaveTheListWhenTheirVerdictChanges() {
        TestId id = test(5);
        applyAll("verdicts", id, flakyHistory("verdicts", id, 12));
        assertThat(store.withVerdict("verdicts", HealthState.FLAKY)).extracting(s -> s.health().test())
                .containsExactly(id);

        List<Execution> clean = new ArrayList<>();
        for (int i = 13; i <= 60; i++) {
            clean.add(execution("verdicts", id, i, Outcome.PASSED));
        }
        applyAll("verdicts", id, clean);

        assertThat(store.withVerdict("verdicts", HealthState.FLAKY)).isEmpty();
        assertThat(store.withVerdict("verdicts", HealthState.FIXED)).extracting(s -> s.health().test())
                .containsExactly(id);
        assertThatThrownBy(() -> store.withVerdict("verdicts", HealthState.HEALTHY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HEALTHY");
    }

    @Test
    void aQuarantine_isListed_untilItIsReleased() {
        TestId id = test(6);
        applyAll("quarantine", id, flakyHistory("quarantine", id, 12));
        StoredHealth stored = store.find("quarantine", List.of(id)).get(id);
        Quarantine q = new Quarantine(Quarantine.Source.PERSON, "ana", "flaky on checkout", T0.plus(Duration.ofDays(1)),
                T0.plus(Duration.ofDays(15)));
        HealthUpdate quarantined = JUDGE.quarantine(stored.health(), q);
        store.write("quarantine", List.of(new HealthWrite(quarantined.health(), stored.version(), stored.label(),
                quarantined.changes())));

        List<TestEntry> listed = store.quarantined("quarantine");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).quarantine()).contains(q);
        assertThat(listed.get(0).label().display()).isEqualTo("e2e.checkout > pays");
        assertThat(listed.get(0).quarantineAt(q.expires())).isEmpty();

        StoredHealth now = store.find("quarantine", List.of(id)).get(id);
        HealthUpdate released = JUDGE.release(now.health(), "ana", "race fixed", T0.plus(Duration.ofDays(2)));
        store.write("quarantine", List.of(new HealthWrite(released.health(), now.version(), now.label(),
                released.changes())));

        assertThat(store.quarantined("quarantine")).isEmpty();
        assertThat(store.timeline("quarantine", id)).extracting(TimelineEntry::actor).contains(Optional.of("ana"));
    }

    /** A test's history: flaky runs, a person's quarantine, more runs, the quarantine released, more runs. */
    private static List<java.util.function.Function<TestHealth, HealthUpdate>> quarantinedHistory(String project,
                                                                                                 TestId id) {
        List<java.util.function.Function<TestHealth, HealthUpdate>> steps = new ArrayList<>();
        List<Execution> executions = flakyHistory(project, id, 24);
        executions.subList(0, 12).forEach(e -> steps.add(h -> JUDGE.apply(h, e)));
        Quarantine q = new Quarantine(Quarantine.Source.PERSON, "ana", "flaky on checkout",
                T0.plus(Duration.ofHours(12)), T0.plus(Duration.ofDays(15)));
        steps.add(h -> JUDGE.quarantine(h, q));
        executions.subList(12, 18).forEach(e -> steps.add(h -> JUDGE.apply(h, e)));
        steps.add(h -> JUDGE.release(h, "ana", "race fixed", T0.plus(Duration.ofHours(19))));
        executions.subList(18, 24).forEach(e -> steps.add(h -> JUDGE.apply(h, e)));
        return steps;
    }

    @Test
    void foldedWrites_leaveWhatWritingThemOneByOneLeaves_healthVersionTimelineAndQuarantineMarker() {
        TestId id = test(9);
        TestLabel label = new TestLabel("e2e.checkout", "pays", Optional.of("checkout.spec.ts"));
        for (var step : quarantinedHistory("fold-one", id)) {
            StoredHealth stored = store.find("fold-one", List.of(id)).get(id);
            HealthUpdate update = step.apply(stored.health());
            if (update.changed()) {
                assertThat(store.write("fold-one", List.of(new HealthWrite(update.health(), stored.version(),
                        Optional.of(label), update.changes())))).isEmpty();
            }
        }
        StoredHealth held = store.find("fold-all", List.of(id)).get(id);
        dev.feedbackloop.store.FoldedHealthWrite fold = null;
        List<HealthState> quarantinedOnTheWay = new ArrayList<>();
        for (var step : quarantinedHistory("fold-all", id)) {
            HealthUpdate update = step.apply(held.health());
            if (update.changed()) {
                HealthWrite write = new HealthWrite(update.health(), held.version(), Optional.of(label),
                        update.changes());
                fold = fold == null ? dev.feedbackloop.store.FoldedHealthWrite.of(write) : fold.then(write);
                held = store.asStored(new StoredHealth(update.health(), held.version() + 1, Optional.of(label)));
                quarantinedOnTheWay.add(update.health().stateAt(T0.plus(Duration.ofHours(13))));
            }
        }

        assertThat(store.writeFolded("fold-all", List.of(fold))).isEmpty();

        assertThat(quarantinedOnTheWay).as("the history went through a quarantine").contains(HealthState.QUARANTINED);
        StoredHealth one = store.find("fold-one", List.of(id)).get(id);
        StoredHealth all = store.find("fold-all", List.of(id)).get(id);
        assertThat(all.version()).isEqualTo(one.version()).isEqualTo(fold.version()).isGreaterThan(20);
        assertThat(all.toString().replace("fold-all", "fold-one")).isEqualTo(one.toString());
        assertThat(store.timeline("fold-all", id).toString().replace("fold-all", "fold-one"))
                .isEqualTo(store.timeline("fold-one", id).toString());
        assertThat(store.timeline("fold-one", id)).hasSizeGreaterThan(2);
        assertThat(store.quarantined("fold-all")).isEqualTo(store.quarantined("fold-one")).isEmpty();
    }

    @Test
    void aFoldFromAStaleVersion_writesNothing_andNamesTheTestToReadAgain() {
        TestId id = test(10);
        applyAll("fold-stale", id, flakyHistory("fold-stale", id, 3));
        StoredHealth stored = store.find("fold-stale", List.of(id)).get(id);
        HealthUpdate update = JUDGE.apply(stored.health(), execution("fold-stale", id, 4, Outcome.FAILED));
        HealthWrite stale = new HealthWrite(update.health(), stored.version() - 1, stored.label(), update.changes());

        assertThat(store.writeFolded("fold-stale", List.of(dev.feedbackloop.store.FoldedHealthWrite.of(stale))))
                .containsExactly(id);
        assertThat(store.find("fold-stale", List.of(id)).get(id)).isEqualTo(stored);
    }

    @Test
    void aTestsItem_staysSmall_whateverTheLengthOfItsHistory() {
        TestId id = test(7);
        String longBranch = "feature/" + "x".repeat(200);
        List<Execution> history = new ArrayList<>();
        for (int i = 1; i <= 90; i++) {
            Outcome outcome = i % 4 == 0 ? Outcome.PASSED_ON_RETRY : i % 7 == 0 ? Outcome.FAILED : Outcome.PASSED;
            history.add(new Execution(id, new RunKey("bounded", "run-" + "y".repeat(100) + i, 1),
                    T0.plus(Duration.ofMinutes(i)), Optional.of("c".repeat(40) + i),
                    Optional.of(i % 2 == 0 ? "main" : longBranch + i), outcome,
                    outcome.hadFailure() ? Optional.of(Category.TIMEOUT) : Optional.empty(),
                    outcome.hadFailure() ? Optional.of(TIMEOUT) : Optional.empty(), false));
        }
        applyAll("bounded", id, history);

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                fixture.rawItem(Keys.testPk("bounded", id), HealthItems.HEALTH_SK);
        assertThat(ItemSize.of(item)).as("the window of 30 executions bounds the item").isLessThan(40_000);
        assertThat(store.find("bounded", List.of(id)).get(id).health().window()).hasSize(30);
    }

    @Test
    void aReportsTally_writtenTwice_isOneTally_andTheVerdictLandsOnTheRun() {
        RunKey run = new RunKey("tallies", "nightly-1", 1);
        fixture.runs().putRun(new Run(run, Optional.of("c1"), Optional.of("main"), Optional.empty(),
                Optional.empty(), Optional.of(T0), Optional.empty(), Map.of()), T0);
        ReportTally tally = new ReportTally("report-a", new RunTally(10, 9, Map.of(Category.INFRA, 9L)), false, 40,
                0);

        store.putTally(run, tally);
        store.putTally(run, tally.appliedWith(true));
        store.putTally(run, new ReportTally("report-b", new RunTally(5, 0, Map.of()), true, 10, 1));
        store.putVerdict(run, new RunVerdict(true, "9 of 15 failed", 2, 50, 1), T0);

        assertThat(store.tallies(run)).containsExactly(tally.appliedWith(true),
                new ReportTally("report-b", new RunTally(5, 0, Map.of()), true, 10, 1));
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                fixture.rawItem(Keys.runPk(run), Keys.RUN_SK);
        assertThat(item.get("outage").bool()).isTrue();
        assertThat(item.get("runId").s()).as("the run's own attributes stay").isEqualTo("nightly-1");
        assertThatThrownBy(() -> store.putVerdict(new RunKey("tallies", "no-such-run", 1), RunVerdict.NONE, T0))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void judgementsWrittenTogether_takeATransactionPerHundredWrites_andLeaveWhatWritingEachLeaves() {
        DynamoHealthStore local = new DynamoHealthStore(fixture.client, new DynamoSettings(fixture.table,
                StoreFixture.RAW_TTL, StoreFixture.FAST, BatchWrites.TRANSACTIONS));
        List<RunJudgement> judgements = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // 40 runs, 2 tallies and a verdict each: 120 writes
            RunKey run = new RunKey("judgements", String.format("r%03d", i), 1);
            fixture.runs().putRun(new Run(run, Optional.of("c1"), Optional.of("main"), Optional.empty(),
                    Optional.empty(), Optional.of(T0), Optional.empty(), Map.of()), T0);
            judgements.add(new RunJudgement(run, List.of(
                    new ReportTally("report-a", new RunTally(40, i, Map.of(Category.INFRA, (long) i)), false, 40, 0),
                    new ReportTally("report-b", new RunTally(5, 0, Map.of()), i % 2 == 0, 10, 1)),
                    Optional.of(new RunVerdict(i % 2 == 0, i + " of 15 failed", 2, 50, 1)), Optional.of(T0)));
        }
        fixture.counter.reset();

        local.putJudgements(judgements);

        assertThat(fixture.counter.calls()).containsExactly(Map.entry("TransactWriteItems", 2L));
        for (RunJudgement judgement : judgements) {
            assertThat(store.tallies(judgement.run())).containsExactlyElementsOf(judgement.tallies());
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                    fixture.rawItem(Keys.runPk(judgement.run()), Keys.RUN_SK);
            assertThat(DynamoHealthStore.verdictOf(item)).isEqualTo(judgement.verdict());
        }
        RunJudgement unrecorded = new RunJudgement(new RunKey("judgements", "no-such-run", 1), List.of(),
                Optional.of(RunVerdict.NONE), Optional.of(T0));
        ReportTally replaced = judgements.get(0).tallies().get(0).appliedWith(true);
        assertThatThrownBy(() -> local.putJudgements(List.of(new RunJudgement(judgements.get(0).run(),
                List.of(replaced), Optional.empty(), Optional.empty()), unrecorded)))
                .as("as putVerdict fails alone").isInstanceOf(StoreException.class);
        assertThat(store.tallies(judgements.get(0).run())).as("what came before it is written, as in turn")
                .contains(replaced);
    }
}
