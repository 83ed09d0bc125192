package dev.feedbackloop.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.store.HealthWrite;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.store.TestLabel;
import dev.feedbackloop.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batched lookups the dashboard reads a page of scenarios with ({@code findRuns}, {@code latestTestCases}) give
 * what one lookup per key gives, over more keys than one BatchGetItem takes, with keys that match nothing, in a few
 * requests.
 */
class DynamoBatchedLookupsTest {

    @RegisterExtension
    static final StoreFixture fixture = new StoreFixture("batched");
    private static final DynamoRunStore runs = fixture.runs();
    private static final DynamoHealthStore health = fixture.health();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void findRuns_givesWhatFindRunGivesForEachKey_leavingOutKeysWithNoRun_inOneBatchGetPer100Keys() {
        List<RunKey> keys = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            keys.add(runs.putRun(Samples.run("many-runs", "r" + i, T0.plusSeconds(i)), T0.plusSeconds(i)).key());
        }
        keys.add(new RunKey("many-runs", "never", 1));
        keys.add(new RunKey("many-runs", "r7", 2));
        keys.add(new RunKey("other", "r1", 1));
        keys.add(keys.get(3));
        fixture.counter.reset();

        Map<RunKey, StoredRun> batched = runs.findRuns(keys);

        assertThat(fixture.counter.calls("BatchGetItem")).isEqualTo(2);
        assertThat(fixture.counter.totalCalls()).isEqualTo(2);
        assertThat(batched).hasSize(130).doesNotContainKeys(new RunKey("many-runs", "never", 1),
                new RunKey("many-runs", "r7", 2), new RunKey("other", "r1", 1));
        for (RunKey key : keys) {
            assertThat(Optional.ofNullable(batched.get(key))).as("run " + key).isEqualTo(runs.findRun(key));
        }
        assertThat(runs.findRuns(List.of())).isEmpty();
    }

    @Test
    void latestTestCases_givesTheSuiteNameAndFileOfEachTestsNewestResult_fromHealthLabelsWhereTheyAreWhole() {
        String project = "many-tests";
        StoredRun older = runs.putRun(Samples.run(project, "older", T0), T0);
        StoredRun newer = runs.putRun(Samples.run(project, "newer", T0.plus(Duration.ofHours(1))),
                T0.plus(Duration.ofHours(1)));
        // 120 tests, each moved to a new file by the newer run; a name long enough for the health label to cut it.
        List<TestCase> before = new ArrayList<>();
        List<TestCase> now = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String name = i == 7 ? "long " + "x".repeat(600) : "test " + i;
            before.add(new TestCase("e2e.checkout", name, Optional.of("old/checkout.spec.ts"), OptionalInt.of(3),
                    List.of(), Map.of()));
            now.add(new TestCase("e2e.checkout", name, Optional.of("e2e/checkout.spec.ts"), OptionalInt.of(9),
                    List.of("@smoke"), Map.of()));
        }
        runs.putResults(older, before.stream().map(t -> passed(project, t)).toList());
        runs.putResults(newer, now.stream().map(t -> passed(project, t)).toList());
        // The health step labels 110 of them as their newest report gave them; 10 have no health item.
        List<HealthWrite> labelled = IntStream.range(0, 110).mapToObj(i -> now.get(i)).map(t -> new HealthWrite(
                TestHealth.unseen(project, t.id(project)), 0, Optional.of(new TestLabel(t.suite(), t.name(),
                t.file())), List.of())).toList();
        assertThat(health.write(project, labelled)).isEmpty();
        List<TestId> tests = new ArrayList<>(now.stream().map(t -> t.id(project)).toList());
        tests.add(Samples.id(project, "never ran"));
        tests.add(Samples.id(project, "nor this"));
        tests.add(tests.get(0));
        fixture.counter.reset();

        Map<TestId, TestCase> batched = runs.latestTestCases(project, tests);

        assertThat(fixture.counter.calls("BatchGetItem")).as("122 distinct tests").isEqualTo(2);
        assertThat(fixture.counter.calls("Query")).as("10 unlabelled, 1 cut label, 2 unknown").isEqualTo(13);
        assertThat(batched).hasSize(120).doesNotContainKeys(Samples.id(project, "never ran"),
                Samples.id(project, "nor this"));
        for (TestId test : tests) {
            assertThat(Optional.ofNullable(batched.get(test)).map(DynamoBatchedLookupsTest::shown)).as("test " + test)
                    .isEqualTo(runs.latestTestCase(project, test).map(DynamoBatchedLookupsTest::shown));
        }
        assertThat(batched.get(now.get(0).id(project)).file()).contains("e2e/checkout.spec.ts");
    }

    /** What a page shows of a test: its suite, name and file. */
    private static List<Object> shown(TestCase test) {
        return List.of(test.suite(), test.name(), test.file());
    }

    private static ResultRecord passed(String project, TestCase test) {
        return ResultRecord.of(test.id(project), TestResult.of(test, List.of(Attempt.passed(0, 50))));
    }
}
