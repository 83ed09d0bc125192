package dev.feedbackloop.view;

import static dev.feedbackloop.testing.Samples.failed;
import static dev.feedbackloop.testing.Samples.fingerprint;
import static dev.feedbackloop.testing.Samples.flaky;
import static dev.feedbackloop.testing.Samples.observation;
import static dev.feedbackloop.testing.Samples.passed;

import dev.feedbackloop.adapter.dynamodb.DynamoMetricsStore;
import dev.feedbackloop.adapter.dynamodb.DynamoRecommendationBook;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.health.Execution;
import dev.feedbackloop.health.HealthJudge;
import dev.feedbackloop.health.HealthSettings;
import dev.feedbackloop.health.HealthUpdate;
import dev.feedbackloop.health.Outcome;
import dev.feedbackloop.health.Quarantine;
import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.DailyMetrics;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.StoredHealth;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TestLabel;
import dev.feedbackloop.testing.LoopFixture;
import dev.feedbackloop.testing.Samples;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small stored history of two projects on the real stores (DynamoDB Local): "web" has two runs on main, a
 * scenario seen three times (one of its tests named with a script tag and a bidi override), one seen once, and a
 * flaky test; "shop" has one run and one scenario. Each project has a test that turned flaky and was quarantined (in
 * "web" with a file, quotes in its name), and "web" has one day of metrics.
 */
final class ViewHistory implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Fingerprint LOCATOR = fingerprint(1);
    static final Fingerprint TIMEOUT = fingerprint(2);
    static final Fingerprint SHOP = fingerprint(3);
    static final String HOSTILE = "<script>alert(1)</script> pays \u202Eevil\u202C";

    static final TestId FLAKY_TEST = new TestId("00000000000000f1");
    static final TestId SHOP_FLAKY_TEST = new TestId("00000000000000f2");
    static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofHours(3)), ZoneOffset.UTC);

    final LoopFixture loop = new LoopFixture("views");
    final DynamoMetricsStore metrics = new DynamoMetricsStore(loop.dynamoDb, loop.settings);
    final StoredRun first;
    final StoredRun second;

    ViewHistory() {
        first = store("web", "r1", 1, List.of(failed("web", "checkout", LOCATOR, "locator('#pay') not found"),
                failed("web", HOSTILE, LOCATOR, "locator('#pay') not found"), passed("web", "search")));
        occur(first, LOCATOR, Category.SELECTOR_ISSUE, "checkout", HOSTILE);
        // No test is in both runs: with DynamoDB Local 2.6.1, a test's result in a later run was seen to drop the
        // failing-index (GSI2) entry of its result in an earlier run now and then, which would make this fixture flaky.
        second = store("web", "r2", 2, List.of(failed("web", "refund", LOCATOR, "locator('#pay') not found"),
                failed("web", "payment", TIMEOUT, "Timeout 30000ms exceeded"), flaky("web", "login")));
        occur(second, LOCATOR, Category.SELECTOR_ISSUE, "refund");
        occur(second, TIMEOUT, Category.TIMEOUT, "payment");
        StoredRun shop = store("shop", "s1", 1, List.of(failed("shop", "basket", SHOP, "shop secret failure")));
        occur(shop, SHOP, Category.ASSERTION_FAIL, "basket");
        flakyThenQuarantined("web", FLAKY_TEST, "e2e.auth", "login \"twice\"", Optional.of("auth.spec.ts"));
        flakyThenQuarantined("shop", SHOP_FLAKY_TEST, "tests.test_basket.TestBasket", "test_add", Optional.empty());
        metrics.put(new DailyMetrics("web", LocalDate.of(2026, 3, 1), 2, 6, 2, 3, 0, 0, 1,
                Map.of(Category.SELECTOR_ISSUE, 2L, Category.TIMEOUT, 1L), 2, T0.plus(Duration.ofHours(3))));
    }

    /** The reads of the scenario and run stores alone. */
    ProjectReads reads() {
        return new ProjectReads(loop.runs(), loop.scenarios(), Optional.empty(), Optional.empty(), CLOCK);
    }

    /** The reads with every store: metrics, recommendations and tests' health. */
    ProjectReads allReads() {
        return new ProjectReads(loop.runs(), loop.scenarios(), Optional.of(metrics), Optional.empty(), CLOCK)
                .withHealth(loop.health(), HealthSettings.defaults())
                .withRecommendations(new DynamoRecommendationBook(loop.dynamoDb, loop.settings));
    }

    /**
     * {@code count} tests of {@code project} that turned flaky over nine runs (a pass on retry every third), each
     * written once with its timeline; their ids, in id order.
     */
    List<TestId> flakyTests(String project, int count) {
        HealthJudge judge = new HealthJudge(HealthSettings.defaults());
        List<TestId> tests = new java.util.ArrayList<>();
        for (int n = 0; n < count; n++) {
            TestId test = Samples.id(project, "flaky " + n);
            TestHealth health = TestHealth.unseen(project, test);
            List<StateChange> changes = new java.util.ArrayList<>();
            for (int i = 1; i <= 9; i++) {
                Outcome outcome = i % 3 == 0 ? Outcome.PASSED_ON_RETRY : Outcome.PASSED;
                HealthUpdate update = judge.apply(health, Execution.of(test, new RunKey(project, "m" + i, 1),
                        T0.minus(Duration.ofHours(24 - i)), outcome));
                health = update.health();
                changes.addAll(update.changes());
            }
            if (!loop.health().write(project, List.of(new HealthWrite(health, 0, Optional.of(new TestLabel("e2e",
                    "flaky " + n, Optional.empty())), changes))).isEmpty()) {
                throw new IllegalStateException("nothing else writes this fixture's health");
            }
            tests.add(test);
        }
        tests.sort(java.util.Comparator.comparing(TestId::value));
        return tests;
    }

    /** Twelve runs with a pass on retry every third, then quarantined by a person for 14 days. */
    private void flakyThenQuarantined(String project, TestId test, String suite, String name, Optional<String> file) {
        HealthJudge judge = new HealthJudge(HealthSettings.defaults());
        Optional<TestLabel> label = Optional.of(new TestLabel(suite, name, file));
        for (int i = 1; i <= 12; i++) {
            Outcome outcome = i % 3 == 0 ? Outcome.PASSED_ON_RETRY : i % 3 == 1 && i > 3 ? Outcome.FAILED
                    : Outcome.PASSED;
            Execution e = new Execution(test, new RunKey(project, "h" + i, 1), T0.minus(Duration.ofHours(24 - i)),
                    Optional.of("c" + i), Optional.of("main"), outcome,
                    outcome.hadFailure() ? Optional.of(Category.TIMEOUT) : Optional.empty(),
                    outcome.hadFailure() ? Optional.of(TIMEOUT) : Optional.empty(), false);
            write(project, test, label, s -> judge.apply(s.health(), e));
        }
        Quarantine q = new Quarantine(Quarantine.Source.PERSON, "ana", "races the login redirect", T0,
                T0.plus(Duration.ofDays(14)));
        write(project, test, label, s -> judge.quarantine(s.health(), q));
    }

    private void write(String project, TestId test, Optional<TestLabel> label,
                       java.util.function.Function<StoredHealth, HealthUpdate> change) {
        StoredHealth stored = loop.health().find(project, List.of(test)).get(test);
        HealthUpdate update = change.apply(stored);
        if (update.changed() && !loop.health().write(project, List.of(new HealthWrite(update.health(),
                stored.version(), label, update.changes()))).isEmpty()) {
            throw new IllegalStateException("nothing else writes this fixture's health");
        }
    }

    private StoredRun store(String project, String runId, int hour, List<ResultRecord> results) {
        Run sample = Samples.run(project, runId, T0.plus(Duration.ofHours(hour)));
        StoredRun stored = loop.runs().putRun(sample, T0.plus(Duration.ofHours(hour)));
        loop.runs().putResults(stored, results);
        RunCounts counts = RunCounts.zero();
        for (ResultRecord result : results) {
            counts = counts.plus(result.result());
        }
        loop.runs().completeRun(stored.key(), "report-" + runId, counts);
        return loop.runs().findRun(stored.key()).orElseThrow();
    }

    private void occur(StoredRun run, Fingerprint fingerprint, Category category, String... tests) {
        TestId[] ids = Arrays.stream(tests).map(t -> Samples.id(run.key().project(), t)).toArray(TestId[]::new);
        loop.scenarios().recordOccurrences(run.key(), run.runTime(), List.of(observation(fingerprint, category,
                ids)));
    }

    @Override
    public void close() {
        loop.close();
    }
}
