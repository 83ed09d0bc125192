package dev.feedbackloop.testing;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioObservation;
import dev.feedbackloop.store.ResultRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/** Small builders of runs, results and observations for storage tests. */
public final class Samples {

    private Samples() {
    }

    public static Run run(String project, String runId, Instant startedAt) {
        return new Run(new RunKey(project, runId, 1), Optional.of("abc123"), Optional.of("main"),
                Optional.of("github-actions"), Optional.of("https://ci.example/runs/" + runId), Optional.of(startedAt),
                Optional.of(startedAt.plusSeconds(60)), Map.of("browser", "chromium"));
    }

    public static TestCase test(String name) {
        return new TestCase("e2e/checkout.spec.ts", name, Optional.of("e2e/checkout.spec.ts"), OptionalInt.of(12),
                List.of("@smoke"), Map.of("priority", "P1"));
    }

    public static TestId id(String project, String name) {
        return test(name).id(project);
    }

    public static ResultRecord passed(String project, String name) {
        TestCase test = test(name);
        return ResultRecord.of(test.id(project), TestResult.of(test, List.of(Attempt.passed(0, 120))));
    }

    public static ResultRecord failed(String project, String name, Fingerprint fingerprint, String message) {
        TestCase test = test(name);
        TestResult result = TestResult.of(test, List.of(Attempt.failing(0, AttemptStatus.FAILED, 300,
                Failure.of(message, "Error", "Error: " + message + "\n    at checkout.spec.ts:12:5"))));
        return new ResultRecord(test.id(project), result, Optional.of(fingerprint),
                Optional.of(Category.SELECTOR_ISSUE));
    }

    public static ResultRecord flaky(String project, String name) {
        TestCase test = test(name);
        return ResultRecord.of(test.id(project), TestResult.of(test, List.of(
                Attempt.failing(0, AttemptStatus.FAILED, 100, Failure.of("first try failed")),
                Attempt.passed(1, 90))));
    }

    /** A fingerprint made from a small number, for readable tests. */
    public static Fingerprint fingerprint(int n) {
        return new Fingerprint(String.format(Locale.ROOT, "%016x", n));
    }

    public static ScenarioObservation observation(Fingerprint fingerprint, Category category, TestId... tests) {
        return new ScenarioObservation(fingerprint, category, category.failureType(), category.severity(),
                category.autoFixable(), new LinkedHashSet<>(Arrays.asList(tests)),
                "locator('#pay') resolved to 0 elements", Optional.empty(), Map.of("browser", "chromium"),
                Optional.empty());
    }

    /** Test ids of tests {@code t<from>..t<to-1>}. */
    public static TestId[] ids(String project, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> id(project, "t" + i)).toArray(TestId[]::new);
    }
}
