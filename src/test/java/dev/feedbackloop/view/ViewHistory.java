package dev.feedbackloop.view;

import static dev.feedbackloop.testing.Samples.failed;
import static dev.feedbackloop.testing.Samples.fingerprint;
import static dev.feedbackloop.testing.Samples.flaky;
import static dev.feedbackloop.testing.Samples.observation;
import static dev.feedbackloop.testing.Samples.passed;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.StoredRun;
import dev.feedbackloop.testing.LoopFixture;
import dev.feedbackloop.testing.Samples;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A small stored history of two projects on the real stores (DynamoDB Local): "web" has two runs on main, a
 * scenario seen three times (one of its tests named with a script tag and a bidi override), one seen once, and a
 * flaky test; "shop" has one run and one scenario.
 */
final class ViewHistory implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Fingerprint LOCATOR = fingerprint(1);
    static final Fingerprint TIMEOUT = fingerprint(2);
    static final Fingerprint SHOP = fingerprint(3);
    static final String HOSTILE = "<script>alert(1)</script> pays \u202Eevil\u202C";

    final LoopFixture loop = new LoopFixture("views");
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
    }

    ProjectReads reads() {
        return new ProjectReads(loop.runs(), loop.scenarios(), Optional.empty(), Optional.empty(),
                Clock.fixed(T0.plus(Duration.ofHours(3)), ZoneOffset.UTC));
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
