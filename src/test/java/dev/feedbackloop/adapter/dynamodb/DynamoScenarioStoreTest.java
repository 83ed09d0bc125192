package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.testing.Samples.fingerprint;
import static dev.feedbackloop.testing.Samples.ids;
import static dev.feedbackloop.testing.Samples.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.Evidence;
import dev.feedbackloop.scenario.AffectedRun;
import dev.feedbackloop.scenario.AffectedTest;
import dev.feedbackloop.scenario.Analysis;
import dev.feedbackloop.scenario.Impact;
import dev.feedbackloop.scenario.Scenario;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.scenario.ScenarioObservation;
import dev.feedbackloop.store.OccurrenceOutcome;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario counting and listings on the real DynamoDB engine (DynamoDB Local, in-process). */
class DynamoScenarioStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("scenarios");
    private static final DynamoScenarioStore store = fixture.scenarios();

    @Test
    void firstObservation_createsTheScenario() {
        Fingerprint fp = fingerprint(1);
        OccurrenceOutcome outcome = store.recordOccurrences(run("first", "r1"), T0,
                List.of(observation(fp, Category.SELECTOR_ISSUE, ids("first", 0, 3))));

        Scenario scenario = store.find(new ScenarioKey("first", fp)).orElseThrow();
        assertThat(outcome).isEqualTo(new OccurrenceOutcome(1, 3, 0, 3, 1));
        assertThat(counts(scenario)).containsExactly(3L, 3L, 1L);
        assertThat(scenario.firstSeen()).isEqualTo(T0);
        assertThat(scenario.lastSeen()).isEqualTo(T0);
        assertThat(scenario.category()).isEqualTo(Category.SELECTOR_ISSUE);
        assertThat(scenario.sampleMessage()).contains("#pay");
    }

    @Test
    void sameRunRecordedTwice_countsOnce() {
        Fingerprint fp = fingerprint(2);
        List<ScenarioObservation> seen = List.of(observation(fp, Category.TIMEOUT, ids("twice", 0, 5)));
        store.recordOccurrences(run("twice", "r1"), T0, seen);
        Scenario before = store.find(new ScenarioKey("twice", fp)).orElseThrow();

        OccurrenceOutcome again = store.recordOccurrences(run("twice", "r1"), T0, seen);

        assertThat(again).isEqualTo(new OccurrenceOutcome(0, 0, 5, 0, 0));
        assertThat(store.find(new ScenarioKey("twice", fp))).contains(before);
    }

    @Test
    void laterRuns_addOccurrences_butCountEachTestAndRunOnce() {
        Fingerprint fp = fingerprint(3);
        store.recordOccurrences(run("later", "r1"), T0, List.of(observation(fp, Category.TIMEOUT, ids("later", 0, 3))));
        store.recordOccurrences(run("later", "r2"), T0.plusSeconds(3600),
                List.of(observation(fp, Category.TIMEOUT, ids("later", 1, 5))));

        Scenario scenario = store.find(new ScenarioKey("later", fp)).orElseThrow();
        assertThat(counts(scenario)).containsExactly(7L, 5L, 2L);
        assertThat(scenario.lastSeen()).isEqualTo(T0.plusSeconds(3600));
        assertThat(store.affectedTests(scenario.key(), 100, Optional.empty()).items())
                .filteredOn(t -> t.test().equals(ids("later", 1, 2)[0]))
                .singleElement().extracting(AffectedTest::occurrences).isEqualTo(2L);
    }

    @Test
    void shardsOfOneRun_countTheRunOnce_andAnOverlappingTestOnce() {
        Fingerprint fp = fingerprint(4);
        RunKey run = run("shards", "r1");
        store.recordOccurrences(run, T0, List.of(observation(fp, Category.TIMEOUT, ids("shards", 0, 4))));
        OccurrenceOutcome second = store.recordOccurrences(run, T0,
                List.of(observation(fp, Category.TIMEOUT, ids("shards", 3, 8))));

        assertThat(second).isEqualTo(new OccurrenceOutcome(0, 4, 1, 4, 0));
        assertThat(counts(store.find(new ScenarioKey("shards", fp)).orElseThrow())).containsExactly(8L, 8L, 1L);
    }

    @Test
    void aLargeObservation_spansTransactions_andStillCountsOnce() {
        Fingerprint fp = fingerprint(5);
        List<ScenarioObservation> seen = List.of(observation(fp, Category.INFRA, ids("large", 0, 130)));
        fixture.counter.reset();

        store.recordOccurrences(run("large", "r1"), T0, seen);
        long transactions = fixture.counter.calls("TransactWriteItems");
        store.recordOccurrences(run("large", "r1"), T0, seen);

        assertThat(transactions).isEqualTo(3); // 130 tests, 48 per transaction
        assertThat(fixture.counter.calls("TransactWriteItems")).isEqualTo(3);
        assertThat(counts(store.find(new ScenarioKey("large", fp)).orElseThrow())).containsExactly(130L, 130L, 1L);
    }

    @Test
    void manySmallScenarios_shareTransactions() {
        List<ScenarioObservation> seen = IntStream.range(0, 60).mapToObj(i -> observation(fingerprint(400 + i),
                Category.ASSERTION_FAIL, ids("small", i, i + 1))).toList();
        fixture.counter.reset();

        OccurrenceOutcome outcome = store.recordOccurrences(run("small", "r1"), T0, seen);
        long transactions = fixture.counter.calls("TransactWriteItems");
        store.recordOccurrences(run("small", "r1"), T0, seen);

        assertThat(outcome).isEqualTo(new OccurrenceOutcome(60, 60, 0, 60, 60));
        assertThat(transactions).isEqualTo(3); // 4 actions per one-test scenario, 25 scenarios per transaction
        assertThat(fixture.counter.calls("TransactWriteItems")).isEqualTo(3);
        assertThat(store.mostFrequent("small", 100, Optional.empty()).items()).hasSize(60)
                .allSatisfy(s -> assertThat(counts(s)).containsExactly(1L, 1L, 1L));
    }

    @Test
    void responseLostAfterCommit_thenRetried_leavesNoDoubleCounts() {
        List<ScenarioObservation> seen = fiveScenarios("lost");
        fixture.faults.loseResponse("TransactWriteItems", 3);

        assertThatThrownBy(() -> store.recordOccurrences(run("lost", "r1"), T0, seen))
                .isInstanceOf(StoreException.class).hasMessageContaining("lost after it executed");
        store.recordOccurrences(run("lost", "r1"), T0, seen);
        store.recordOccurrences(run("lost", "r2"), T0.plusSeconds(60), seen);

        for (int i = 0; i < 5; i++) {
            Scenario scenario = store.find(new ScenarioKey("lost", fingerprint(100 + i))).orElseThrow();
            assertThat(counts(scenario)).as("scenario %d", i).containsExactly(2L * (30 + i), 30L + i, 2L);
        }
    }

    @Test
    void sendFailedHalfWay_thenRetried_countsEverythingOnce() {
        List<ScenarioObservation> seen = fiveScenarios("unsent");
        fixture.faults.failSend("TransactWriteItems", 4);

        assertThatThrownBy(() -> store.recordOccurrences(run("unsent", "r1"), T0, seen))
                .isInstanceOf(StoreException.class).hasMessageContaining("could not be sent");
        assertThat(store.find(new ScenarioKey("unsent", fingerprint(103)))).isEmpty();
        OccurrenceOutcome retry = store.recordOccurrences(run("unsent", "r1"), T0, seen);

        assertThat(retry.alreadyCounted()).isEqualTo(30 + 31 + 32);
        assertThat(retry.occurrencesAdded()).isEqualTo(33 + 34);
        for (int i = 0; i < 5; i++) {
            Scenario scenario = store.find(new ScenarioKey("unsent", fingerprint(100 + i))).orElseThrow();
            assertThat(counts(scenario)).as("scenario %d", i).containsExactly(30L + i, 30L + i, 1L);
        }
    }

    @Test
    void concurrentDeliveries_countExactly() throws Exception {
        Fingerprint fp = fingerprint(6);
        int runs = 6;
        // A dozen writers on one scenario take turns. How many turns one of them waits depends on the scheduler, not
        // on the code under test: attempts are left practically unbounded, so that only the counts can fail this.
        DynamoScenarioStore patient = new DynamoScenarioStore(fixture.client, new DynamoSettings(fixture.table,
                StoreFixture.RAW_TTL, new Backoff(Duration.ofMillis(1), Duration.ofMillis(50), 10_000)), fixture.clock);
        ExecutorService pool = Executors.newFixedThreadPool(2 * runs);
        CyclicBarrier start = new CyclicBarrier(2 * runs);
        List<Callable<OccurrenceOutcome>> deliveries = new ArrayList<>();
        for (int d = 0; d < 2 * runs; d++) {
            int r = d % runs; // every run delivered twice, all at once; runs share the scenario, not their tests
            deliveries.add(() -> {
                start.await();
                return patient.recordOccurrences(run("concurrent", "r" + r), T0,
                        List.of(observation(fp, Category.TIMEOUT, ids("concurrent", r * 5, r * 5 + 5))));
            });
        }
        long added = 0;
        try {
            for (Future<OccurrenceOutcome> outcome : pool.invokeAll(deliveries)) {
                added += outcome.get().occurrencesAdded();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(added).isEqualTo(5L * runs);
        assertThat(counts(store.find(new ScenarioKey("concurrent", fp)).orElseThrow()))
                .containsExactly(5L * runs, 5L * runs, (long) runs);
    }

    @Test
    void anOlderRunArrivingLate_widensFirstSeen_butKeepsTheLatestDescription() {
        Fingerprint fp = fingerprint(7);
        store.recordOccurrences(run("late", "new"), T0, List.of(observation(fp, Category.URL_MISMATCH,
                ids("late", 0, 1))));
        store.recordOccurrences(run("late", "old"), T0.minus(Duration.ofDays(2)),
                List.of(observation(fp, Category.TIMEOUT, ids("late", 1, 2))));

        Scenario scenario = store.find(new ScenarioKey("late", fp)).orElseThrow();
        assertThat(scenario.firstSeen()).isEqualTo(T0.minus(Duration.ofDays(2)));
        assertThat(scenario.lastSeen()).isEqualTo(T0);
        assertThat(scenario.category()).isEqualTo(Category.URL_MISMATCH);
    }

    @Test
    void scenarios_listMostFrequentFirst_andMostRecentFirst() {
        int[] tests = {2, 9, 5, 1};
        for (int i = 0; i < tests.length; i++) {
            store.recordOccurrences(run("ranking", "r" + i), T0.plusSeconds(i * 60L),
                    List.of(observation(fingerprint(200 + i), Category.TIMEOUT, ids("ranking", 0, tests[i]))));
        }

        Page<Scenario> top = store.mostFrequent("ranking", 3, Optional.empty());
        Page<Scenario> rest = store.mostFrequent("ranking", 3, top.next());

        assertThat(top.items()).extracting(Scenario::occurrences).containsExactly(9L, 5L, 2L);
        assertThat(rest.items()).extracting(Scenario::occurrences).containsExactly(1L);
        assertThat(store.recentlySeen("ranking", 10, Optional.empty()).items())
                .extracting(s -> s.key().fingerprint()).containsExactly(fingerprint(203), fingerprint(202),
                        fingerprint(201), fingerprint(200));
    }

    @Test
    void aTestsScenarios_areOneQuery() {
        TestId test = ids("per-test", 0, 1)[0];
        store.recordOccurrences(run("per-test", "r1"), T0, List.of(
                observation(fingerprint(301), Category.TIMEOUT, test),
                observation(fingerprint(302), Category.INFRA, ids("per-test", 1, 2))));
        store.recordOccurrences(run("per-test", "r2"), T0, List.of(observation(fingerprint(303), Category.TIMEOUT,
                test)));

        assertThat(store.scenariosOfTest("per-test", test, 10, Optional.empty()).items())
                .extracting(a -> a.scenario().fingerprint()).containsExactly(fingerprint(301), fingerprint(303));
    }

    @Test
    void analyses_areStoredOnce_andListedNewestFirst() {
        ScenarioKey key = new ScenarioKey("analyses", fingerprint(9));
        Analysis older = analysis(key, "r1:rules-v1", T0);
        Analysis newer = analysis(key, "r2:rules-v1", T0.plusSeconds(60));

        assertThat(store.putAnalysis(older)).isTrue();
        assertThat(store.putAnalysis(newer)).isTrue();
        assertThat(store.putAnalysis(newer)).isFalse();

        assertThat(store.analyses(key, 10, Optional.empty()).items()).containsExactly(newer, older);
    }

    @Test
    void analysesPutTogether_inOneTransactionWhereWritesAreTransactions_orOneByOneOnceOneIsStored() {
        DynamoScenarioStore local = new DynamoScenarioStore(fixture.client, new DynamoSettings(fixture.table,
                StoreFixture.RAW_TTL, StoreFixture.FAST, BatchWrites.TRANSACTIONS), fixture.clock);
        ScenarioKey a = new ScenarioKey("analyses-together", fingerprint(11));
        ScenarioKey b = new ScenarioKey("analyses-together", fingerprint(12));
        List<Analysis> analyses = List.of(analysis(a, "r1:rules-v1", T0), analysis(b, "r1:rules-v1", T0));
        fixture.counter.reset();

        assertThat(local.putAnalyses(List.of(analyses.get(0), analyses.get(1), analyses.get(0))))
                .as("an analysis given twice is stored once").isEqualTo(2);
        assertThat(fixture.counter.calls()).containsOnlyKeys("TransactWriteItems").containsValue(1L);
        List<Analysis> again = List.of(analyses.get(1), analysis(a, "r2:rules-v1", T0.plusSeconds(60)));
        assertThat(local.putAnalyses(again)).as("the second is new").isEqualTo(1);
        assertThat(store.putAnalyses(List.of(analysis(b, "r3:rules-v1", T0.plusSeconds(90)), analyses.get(0))))
                .as("one PutItem each where writes are item batches").isEqualTo(1);

        assertThat(store.analyses(a, 10, Optional.empty()).items()).containsExactly(again.get(1), analyses.get(0));
        assertThat(store.analyses(b, 10, Optional.empty()).items()).hasSize(2);
    }

    @Test
    void manyAnalysesPutTogether_takeATransactionPerHundred_andAgainWithoutThoseStoredBefore() {
        DynamoScenarioStore local = new DynamoScenarioStore(fixture.client, new DynamoSettings(fixture.table,
                StoreFixture.RAW_TTL, StoreFixture.FAST, BatchWrites.TRANSACTIONS), fixture.clock);
        List<Analysis> outage = new ArrayList<>();
        for (int i = 0; i < 130; i++) { // an outage's report: more scenarios than one transaction takes
            outage.add(analysis(new ScenarioKey("analyses-many", fingerprint(1000 + i)), "r1:rules-v1", T0));
        }
        fixture.counter.reset();

        assertThat(local.putAnalyses(outage.subList(0, 40))).isEqualTo(40);
        assertThat(local.putAnalyses(outage)).as("the 90 not stored before").isEqualTo(90);

        assertThat(fixture.counter.calls()).as("40 at once; then 100 (refused, again without the 40 stored), 30")
                .containsOnlyKeys("TransactWriteItems").containsValue(4L);
        assertThat(local.putAnalyses(outage)).as("a report delivered again stores nothing").isZero();
        for (Analysis analysis : outage) {
            assertThat(store.analyses(analysis.scenario(), 10, Optional.empty()).items()).containsExactly(analysis);
        }
    }

    @Test
    void scenariosFoundTogether_areWhatFindingEachFinds() {
        RunKey run = run("find-all", "r1");
        TestId[] tests = ids("find-all", 0, 2);
        store.recordOccurrences(run, T0, List.of(observation(fingerprint(21), Category.TIMEOUT, tests[0]),
                observation(fingerprint(22), Category.TIMEOUT, tests[1])));
        ScenarioKey first = new ScenarioKey("find-all", fingerprint(21));
        ScenarioKey second = new ScenarioKey("find-all", fingerprint(22));
        ScenarioKey never = new ScenarioKey("find-all", fingerprint(23));

        Map<ScenarioKey, Scenario> found = store.findAll(List.of(first, never, second));

        assertThat(found).containsOnlyKeys(first, second);
        assertThat(found.get(first)).isEqualTo(store.find(first).orElseThrow());
        assertThat(found.get(second)).isEqualTo(store.find(second).orElseThrow());
    }

    @Test
    void markersAndRunLinks_carryTheRawTimeToLive() {
        RunKey run = run("ttl", "r1");
        TestId test = ids("ttl", 0, 1)[0];
        store.recordOccurrences(run, T0, List.of(observation(fingerprint(10), Category.TIMEOUT, test)));
        long expected = fixture.clock.instant().plus(StoreFixture.RAW_TTL).getEpochSecond();
        ScenarioKey key = new ScenarioKey("ttl", fingerprint(10));

        assertThat(fixture.rawItem(Keys.runPk(run), Keys.occurrenceSk(test)).get(FeedbackTable.EXPIRES_AT).n())
                .isEqualTo(Long.toString(expected));
        assertThat(fixture.rawItem(Keys.scenarioPk(key), Keys.scenarioRunSk(run)).get(FeedbackTable.EXPIRES_AT).n())
                .isEqualTo(Long.toString(expected));
        assertThat(fixture.rawItem(Keys.scenarioPk(key), Keys.SCENARIO_SK)).doesNotContainKey(FeedbackTable.EXPIRES_AT);
    }

    private static List<Long> counts(Scenario scenario) {
        return List.of(scenario.occurrences(), scenario.testsAffected(), scenario.runsAffected());
    }

    /** Five scenarios with 30..34 tests each: too large to share a transaction, so five transactions. */
    private static List<ScenarioObservation> fiveScenarios(String project) {
        return IntStream.range(0, 5).mapToObj(i -> observation(fingerprint(100 + i), Category.TIMEOUT,
                ids(project, i * 100, i * 100 + 30 + i))).toList();
    }

    @Test
    void affectedRuns_areListedNewestFirstByRunTime_whateverTheArrivalOrder() {
        Fingerprint fp = fingerprint(40);
        store.recordOccurrences(run("runs", "r3"), T0.plusSeconds(3 * 3600),
                List.of(observation(fp, Category.TIMEOUT, ids("runs", 0, 2))));
        store.recordOccurrences(run("runs", "r1"), T0.plusSeconds(3600),
                List.of(observation(fp, Category.TIMEOUT, ids("runs", 0, 1))));
        store.recordOccurrences(run("runs", "r2"), T0.plusSeconds(2 * 3600),
                List.of(observation(fp, Category.TIMEOUT, ids("runs", 1, 2))));
        ScenarioKey key = new ScenarioKey("runs", fp);

        Page<AffectedRun> first = store.affectedRuns(key, 2, Optional.empty());
        Page<AffectedRun> rest = store.affectedRuns(key, 2, first.next());

        assertThat(first.items()).extracting(r -> r.run().runId()).containsExactly("r3", "r2");
        assertThat(rest.items()).extracting(r -> r.run().runId()).containsExactly("r1");
        assertThat(first.items().get(0).seenAt()).isEqualTo(T0.plusSeconds(3 * 3600));
        assertThat(store.affectedRuns(new ScenarioKey("runs", fingerprint(41)), 5, Optional.empty()).items())
                .isEmpty();
    }

    private static RunKey run(String project, String runId) {
        return new RunKey(project, runId, 1);
    }

    private static Analysis analysis(ScenarioKey key, String id, Instant at) {
        return new Analysis(key, id, at, Category.SELECTOR_ISSUE, 0.9,
                List.of(new Evidence("selector.not-found", "message", "locator('#pay') resolved to 0 elements")),
                Optional.of("The pay button lost its id"), List.of(fingerprint(11)),
                List.of("fails on every browser"), new Impact(3, 4, 2, Optional.of("checkout")), "rules-v1");
    }

}
