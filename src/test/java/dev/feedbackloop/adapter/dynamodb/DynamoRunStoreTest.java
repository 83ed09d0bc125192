package dev.feedbackloop.adapter.dynamodb;

import static dev.feedbackloop.testing.Samples.failed;
import static dev.feedbackloop.testing.Samples.fingerprint;
import static dev.feedbackloop.testing.Samples.flaky;
import static dev.feedbackloop.testing.Samples.passed;
import static dev.feedbackloop.testing.Samples.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.store.HistoryEntry;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ReportCompletion;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.ResultWriter;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunState;
import dev.feedbackloop.store.StoreException;
import dev.feedbackloop.store.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Runs, results and history on the real DynamoDB engine (DynamoDB Local, in-process). */
class DynamoRunStoreTest {

    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("runs");
    private static final DynamoRunStore store = fixture.runs();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void putRun_isIdempotent_andKeepsTheFirstRecording() {
        Run run = run("idem", "r1", T0);
        StoredRun first = store.putRun(run, T0.plusSeconds(90));
        StoredRun second = store.putRun(run("idem", "r1", T0.plusSeconds(5)), T0.plusSeconds(500));

        assertThat(second).isEqualTo(first);
        assertThat(second.recordedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(store.listRuns("idem", 10, Optional.empty()).items()).hasSize(1);
        assertThat(store.findRun(run.key())).contains(first);
    }

    @Test
    void listRuns_isNewestFirst_acrossPages() {
        for (int i = 0; i < 5; i++) {
            store.putRun(run("listing", "run-" + i, T0.plus(Duration.ofHours(i))), T0.plus(Duration.ofDays(1)));
        }
        // A start time far in the future is a clock or unit error: the run sorts by when it was recorded.
        store.putRun(run("listing", "skewed", Instant.parse("2090-01-01T00:00:00Z")), T0.plusSeconds(30));

        Page<StoredRun> first = store.listRuns("listing", 4, Optional.empty());
        Page<StoredRun> rest = store.listRuns("listing", 4, first.next());

        List<String> ids = new ArrayList<>();
        first.items().forEach(r -> ids.add(r.key().runId()));
        rest.items().forEach(r -> ids.add(r.key().runId()));
        assertThat(ids).containsExactly("run-4", "run-3", "run-2", "run-1", "skewed", "run-0");
        assertThat(first.next()).isPresent();
    }

    @Test
    void history_isOneQuery_newestFirst() {
        for (int i = 0; i < 4; i++) {
            StoredRun run = store.putRun(run("hist", "run-" + i, T0.plus(Duration.ofHours(i))), T0);
            store.putResults(run, List.of(i % 2 == 0 ? passed("hist", "pays") : failed("hist", "pays",
                    fingerprint(7), "boom " + i), passed("hist", "other")));
        }
        fixture.counter.reset();

        Page<HistoryEntry> history = store.history("hist", passed("hist", "pays").testId(), 10, Optional.empty());

        assertThat(history.items()).extracting(h -> h.run().runId())
                .containsExactly("run-3", "run-2", "run-1", "run-0");
        assertThat(history.items()).extracting(HistoryEntry::status)
                .containsExactly(TestStatus.FAILED, TestStatus.PASSED, TestStatus.FAILED, TestStatus.PASSED);
        assertThat(history.items().get(0).headline()).contains("boom 3");
        assertThat(history.items().get(0).fingerprint()).contains(fingerprint(7));
        assertThat(fixture.counter.calls()).containsExactly(Map.entry("Query", 1L));
    }

    @Test
    void results_writtenTwice_remainOnePerTest() {
        StoredRun run = store.putRun(run("twice", "r1", T0), T0);
        List<ResultRecord> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            results.add(i % 10 == 0 ? failed("twice", "t" + i, fingerprint(1), "x") : passed("twice", "t" + i));
        }
        store.putResults(run, results);
        store.putResults(store.putRun(run("twice", "r1", T0), T0.plusSeconds(60)), results);

        assertThat(all(run.key())).hasSize(60);
        assertThat(store.history("twice", results.get(0).testId(), 10, Optional.empty()).items()).hasSize(1);
        assertThat(store.failingResults(run.key(), 100, Optional.empty()).items()).hasSize(6);
    }

    @Test
    void results_areWrittenInBatchesOf25() {
        StoredRun run = store.putRun(run("batches", "r1", T0), T0);
        List<ResultRecord> results = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            results.add(passed("batches", "t" + i));
        }
        fixture.counter.reset();

        store.putResults(run, results);

        assertThat(fixture.counter.calls()).containsExactly(Map.entry("BatchWriteItem", 5L));
    }

    @Test
    void results_inTransactions_areWrittenInRequestsOf100_andReadAsFromBatches() {
        DynamoRunStore transactional = new DynamoRunStore(fixture.client, new DynamoSettings(fixture.table,
                StoreFixture.RAW_TTL, StoreFixture.FAST, BatchWrites.TRANSACTIONS), fixture.clock);
        StoredRun batched = store.putRun(run("tx-100", "batched", T0), T0);
        StoredRun transacted = transactional.putRun(run("tx-100", "transacted", T0), T0);
        List<ResultRecord> results = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            results.add(i % 7 == 0 ? failed("tx-100", "t" + i, fingerprint(i % 3), "boom " + i)
                    : passed("tx-100", "t" + i));
        }
        store.putResults(batched, results);
        fixture.counter.reset();

        transactional.putResults(transacted, results);

        assertThat(fixture.counter.calls()).containsExactly(Map.entry("TransactWriteItems", 3L));
        assertThat(all(transacted.key())).containsExactlyInAnyOrderElementsOf(all(batched.key()))
                .containsExactlyInAnyOrderElementsOf(results);
    }

    @Test
    void results_inTransactions_stayUnderTheRequestSizeLimit() {
        DynamoRunStore transactional = new DynamoRunStore(fixture.client, new DynamoSettings(fixture.table,
                StoreFixture.RAW_TTL, StoreFixture.FAST, BatchWrites.TRANSACTIONS), fixture.clock);
        StoredRun run = transactional.putRun(run("tx-size", "r1", T0), T0);
        List<ResultRecord> results = new ArrayList<>();
        for (int i = 0; i < 80; i++) { // about 58 KB each once trimmed: 4.6 MB in all, too much for one transaction
            results.add(failed("tx-size", "t" + i, fingerprint(1), ("line " + i + " of a long failure\n")
                    .repeat(2_200)));
        }
        fixture.counter.reset();

        transactional.putResults(run, results);

        assertThat(fixture.counter.calls()).containsExactly(Map.entry("TransactWriteItems", 2L));
        assertThat(all(run.key())).hasSize(80);
    }

    @Test
    void result_roundTripsWithItsAttemptsAndClassification() {
        StoredRun run = store.putRun(run("trip", "r1", T0), T0);
        ResultRecord failing = failed("trip", "declines card", fingerprint(3), "expected 200, got 500");
        ResultRecord retried = flaky("trip", "retried");
        store.putResults(run, List.of(failing, retried));

        List<ResultRecord> read = all(run.key());

        assertThat(read).containsExactlyInAnyOrder(failing, retried);
        assertThat(store.failingResults(run.key(), 10, Optional.empty()).items()).containsExactly(failing);
    }

    @Test
    void duplicateTestInOneBatch_keepsTheLaterResult() {
        StoredRun run = store.putRun(run("dupes", "r1", T0), T0);
        ResultRecord first = failed("dupes", "same", fingerprint(1), "first");
        ResultRecord second = passed("dupes", "same");

        try (ResultWriter writer = store.openResults(run)) {
            writer.add(first);
            writer.add(second);
        }

        assertThat(all(run.key())).containsExactly(second);
    }

    @Test
    void completeRun_addsEachReportsCountsOnce() {
        RunKey key = store.putRun(run("complete", "r1", T0), T0).key();
        RunCounts shard1 = new RunCounts(10, 8, 1, 0, 1, 0, 1000);
        RunCounts shard2 = new RunCounts(5, 5, 0, 0, 0, 0, 500);

        assertThat(store.completeRun(key, "sha-1", shard1)).isTrue();
        assertThat(store.completeRun(key, "sha-1", shard1)).isFalse();
        assertThat(store.completeRun(key, "sha-2", shard2)).isTrue();

        StoredRun stored = store.findRun(key).orElseThrow();
        assertThat(stored.state()).isEqualTo(RunState.COMPLETE);
        assertThat(stored.counts()).isEqualTo(shard1.plus(shard2));
        assertThat(store.reportCompleted(key, "sha-1")).isTrue();
        assertThat(store.reportCompleted(key, "sha-3")).isFalse();
    }

    @Test
    void aReportsCompletionMarker_belongsToItsRunAndAttempt() {
        RunKey nightly1 = store.putRun(run("markers", "nightly-1", T0), T0).key();
        RunKey nightly2 = store.putRun(run("markers", "nightly-2", T0), T0).key();
        RunKey rerun = store.putRun(new Run(new RunKey("markers", "nightly-1", 2), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(T0), Optional.empty(), Map.of()), T0)
                .key();
        RunCounts counts = new RunCounts(3, 3, 0, 0, 0, 0, 30);

        assertThat(store.completeRun(nightly1, "same-bytes", counts)).isTrue();

        assertThat(store.reportCompleted(nightly2, "same-bytes")).isFalse();
        assertThat(store.reportCompleted(rerun, "same-bytes")).isFalse();
        assertThat(store.completeRun(nightly2, "same-bytes", counts)).as("the same bytes count for another run")
                .isTrue();
        assertThat(store.completeRun(rerun, "same-bytes", counts)).as("and for another attempt").isTrue();
        assertThat(store.findRun(nightly2).orElseThrow().counts()).isEqualTo(counts);
    }

    @Test
    void reportsCompletedTogether_takeATransactionPerFifty_noRunTwiceInOne_asCompletingEachInTurn() {
        DynamoRunStore transactional = new DynamoRunStore(fixture.client, new DynamoSettings(fixture.table,
                StoreFixture.RAW_TTL, StoreFixture.FAST, BatchWrites.TRANSACTIONS), fixture.clock);
        List<RunKey> runs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            runs.add(store.putRun(run("complete-all", String.format("r%03d", i), T0), T0).key());
        }
        RunCounts counts = new RunCounts(10, 8, 1, 0, 1, 0, 1000);
        List<ReportCompletion> completions = new ArrayList<>();
        runs.forEach(run -> completions.add(new ReportCompletion(run, "sha-1", counts)));
        completions.add(new ReportCompletion(runs.get(59), "sha-2", counts)); // a second shard of the last run
        fixture.counter.reset();

        assertThat(transactional.completeRuns(completions)).isEqualTo(61);

        assertThat(fixture.counter.calls()).as("50, then 10 (the last run's second report waits for the next), 1")
                .containsExactly(Map.entry("TransactWriteItems", 3L));
        assertThat(store.findRun(runs.get(0)).orElseThrow().counts()).isEqualTo(counts);
        assertThat(store.findRun(runs.get(59)).orElseThrow().counts()).isEqualTo(counts.plus(counts));
        assertThat(runs).allMatch(run -> store.reportCompleted(run, "sha-1"));

        fixture.counter.reset();
        List<ReportCompletion> again = List.of(completions.get(0), new ReportCompletion(runs.get(1), "sha-3",
                counts));
        assertThat(transactional.completeRuns(again)).as("a report completed before is not counted again")
                .isEqualTo(1);
        assertThat(fixture.counter.calls()).as("the cancelled transaction, then one each")
                .containsExactly(Map.entry("TransactWriteItems", 3L));
        assertThat(store.findRun(runs.get(0)).orElseThrow().counts()).isEqualTo(counts);
        assertThat(store.findRun(runs.get(1)).orElseThrow().counts()).isEqualTo(counts.plus(counts));

        List<ReportCompletion> unrecorded = List.of(new ReportCompletion(runs.get(2), "sha-4", counts),
                new ReportCompletion(new RunKey("complete-all", "never-put", 1), "sha-1", counts));
        assertThatThrownBy(() -> transactional.completeRuns(unrecorded)).as("as completeRun fails alone")
                .isInstanceOf(StoreException.class).hasMessageContaining("run not recorded");
        assertThat(store.reportCompleted(runs.get(2), "sha-4")).as("the ones before it completed, as in turn")
                .isTrue();
    }

    @Test
    void resultsOfSeveralRuns_areOneBatchGet_andWhatResultsOfEachRunGives() {
        StoredRun first = store.putRun(run("results-of-runs", "r1", T0), T0);
        StoredRun second = store.putRun(run("results-of-runs", "r2", T0.plusSeconds(60)), T0);
        store.putResults(first, List.of(passed("results-of-runs", "a"), failed("results-of-runs", "b",
                fingerprint(4), "boom")));
        store.putResults(second, List.of(failed("results-of-runs", "a", fingerprint(4), "boom again")));
        List<dev.feedbackloop.model.TestId> tests = List.of(passed("results-of-runs", "a").testId(),
                passed("results-of-runs", "b").testId(), passed("results-of-runs", "never-ran").testId());
        fixture.counter.reset();

        Map<RunKey, List<ResultRecord>> found = store.resultsOfRuns(Map.of(first, tests, second, tests));

        assertThat(fixture.counter.calls()).containsExactly(Map.entry("BatchGetItem", 1L));
        assertThat(found).containsOnlyKeys(first.key(), second.key());
        assertThat(found.get(first.key())).containsExactlyInAnyOrderElementsOf(store.resultsOf(first, tests))
                .hasSize(2);
        assertThat(found.get(second.key())).containsExactlyInAnyOrderElementsOf(store.resultsOf(second, tests))
                .extracting(r -> r.result().status().name()).containsExactly("FAILED");
    }

    @Test
    void completeRun_ofAnUnrecordedRun_failsNamingIt() {
        RunKey key = new RunKey("complete", "never-put", 1);
        assertThatThrownBy(() -> store.completeRun(key, "sha-1", RunCounts.zero()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("RUN#complete#00001#never-put")
                .hasMessageContaining("run not recorded");
    }

    @Test
    void rawResults_carryTheirTimeToLive() {
        Instant recordedAt = Instant.parse("2026-03-02T08:00:00Z");
        StoredRun run = store.putRun(run("ttl", "r1", T0), recordedAt);
        ResultRecord result = passed("ttl", "expires");
        store.putResults(run, List.of(result));

        Map<String, AttributeValue> item = fixture.rawItem(Keys.testPk("ttl", result.testId()),
                Keys.resultSk(run.runTime(), run.key()));

        assertThat(item.get(FeedbackTable.EXPIRES_AT).n())
                .isEqualTo(Long.toString(recordedAt.plus(StoreFixture.RAW_TTL).getEpochSecond()));
        assertThat(fixture.rawItem(Keys.runPk(run.key()), Keys.RUN_SK)).doesNotContainKey(FeedbackTable.EXPIRES_AT);
    }

    @Test
    void longFailureText_isTrimmedToFitTheItemBudget() {
        StoredRun run = store.putRun(run("big", "r1", T0), T0);
        String huge = "at com.acme.Checkout.pay(Checkout.java:42)\n".repeat(4000); // ~170 KB per field
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(new Attempt(i, AttemptStatus.FAILED, 10, Optional.of(new Failure("boom " + i,
                    Optional.of("AssertionError"), Optional.of(huge))), huge, huge));
        }
        TestCase test = TestCase.of("Checkout", "huge");
        store.putResults(run, List.of(ResultRecord.of(test.id("big"), TestResult.of(test, attempts))));

        Map<String, AttributeValue> item = fixture.rawItem(Keys.testPk("big", test.id("big")),
                Keys.resultSk(run.runTime(), run.key()));
        ResultRecord read = all(run.key()).get(0);

        assertThat(ItemSize.of(item)).isLessThanOrEqualTo(ResultItems.BUDGET + 1024);
        assertThat(read.result().attempts()).hasSize(4);
        assertThat(read.result().attempts().get(3).failure().orElseThrow().message()).isEqualTo("boom 3");
        assertThat(read.result().attempts().get(0).failure().orElseThrow().stackTrace().orElseThrow())
                .startsWith("at com.acme.Checkout.pay").contains("characters omitted");
    }

    private List<ResultRecord> all(RunKey run) {
        List<ResultRecord> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<ResultRecord> page = store.results(run, 50, cursor);
            all.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        return all;
    }

    @Test
    void previousRun_isTheRunJustBeforeOnTheSameBranch_byRunTime_whateverTheArrivalOrder() {
        StoredRun third = store.putRun(onBranch("prev", "r3", "main", T0.plus(Duration.ofHours(3))), T0);
        StoredRun feature = store.putRun(onBranch("prev", "f1", "feat/ünï", T0.plus(Duration.ofHours(2))), T0);
        StoredRun first = store.putRun(onBranch("prev", "r1", "main", T0.plus(Duration.ofHours(1))), T0);
        StoredRun second = store.putRun(onBranch("prev", "r2", "main", T0.plus(Duration.ofHours(2))), T0);

        assertThat(store.previousRun(third)).as("the feature branch's run in between does not count")
                .map(r -> r.key().runId()).contains("r2");
        assertThat(store.previousRun(second)).map(r -> r.key().runId()).contains("r1");
        assertThat(store.previousRun(first)).isEmpty();
        assertThat(store.previousRun(feature)).as("nothing earlier on its branch").isEmpty();
    }

    @Test
    void previousRun_ofARunWithoutABranch_isTheProjectsRunJustBefore_andAReRunFollowsItsFirstAttempt() {
        Run plain = new Run(new RunKey("nobranch", "n2", 1), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(T0.plus(Duration.ofHours(2))), Optional.empty(), Map.of());
        store.putRun(onBranch("nobranch", "n1", "main", T0.plus(Duration.ofHours(1))), T0);
        StoredRun second = store.putRun(plain, T0);
        StoredRun rerun = store.putRun(new Run(new RunKey("nobranch", "n2", 2), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(T0.plus(Duration.ofHours(2))), Optional.empty(),
                Map.of()), T0);

        assertThat(store.previousRun(second)).map(r -> r.key().runId()).contains("n1");
        assertThat(store.previousRun(rerun)).as("same time: attempt 1 sorts first").map(StoredRun::key)
                .contains(new RunKey("nobranch", "n2", 1));
    }

    @Test
    void flakyResults_areTheirOwnSparseListing_andResultsOfReadsChosenTests() {
        StoredRun run = store.putRun(run("flaky", "r1", T0), T0);
        store.putResults(run, List.of(passed("flaky", "a"), flaky("flaky", "b"), failed("flaky", "c", fingerprint(3),
                "boom"), flaky("flaky", "d")));

        assertThat(store.flakyResults(run.key(), 10, Optional.empty()).items())
                .extracting(r -> r.result().test().name()).containsExactlyInAnyOrder("b", "d");
        assertThat(store.failingResults(run.key(), 10, Optional.empty()).items())
                .extracting(r -> r.result().test().name()).containsExactly("c");
        assertThat(store.resultsOf(run, List.of(passed("flaky", "a").testId(), passed("flaky", "c").testId(),
                passed("flaky", "never-ran").testId())))
                .extracting(r -> r.result().test().name() + "=" + r.result().status())
                .containsExactlyInAnyOrder("a=PASSED", "c=FAILED");
    }

    @Test
    void latestTestCase_namesATestKnownById() {
        StoredRun run = store.putRun(run("names", "r1", T0), T0);
        store.putResults(run, List.of(passed("names", "pays by card")));

        assertThat(store.latestTestCase("names", passed("names", "pays by card").testId()))
                .map(TestCase::name).contains("pays by card");
        assertThat(store.latestTestCase("names", passed("names", "unknown").testId())).isEmpty();
    }

    private static Run onBranch(String project, String runId, String branch, Instant startedAt) {
        return new Run(new RunKey(project, runId, 1), Optional.of("abc123"), Optional.of(branch), Optional.empty(),
                Optional.empty(), Optional.of(startedAt), Optional.empty(), Map.of());
    }
}
