package dev.feedbackloop.history;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.store.ResultRecord;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One test in a run's changes.
 *
 * @param test        its id
 * @param testCase    suite and name
 * @param now         its status in the run; empty when the run did not report it
 * @param before      its status in the previous run; empty when that run did not report it, or there is none
 * @param category    the root cause of its failure in the run, else of its failure before (for a fixed test)
 * @param fingerprint the scenario of that failure
 * @param headline    the first line of that failure
 */
public record TestChange(TestId test, TestCase testCase, Optional<TestStatus> now, Optional<TestStatus> before,
                         Optional<Category> category, Optional<Fingerprint> fingerprint, Optional<String> headline) {

    /** By suite, then name: the order a reader looks for a test in. */
    static final Comparator<TestChange> BY_NAME = Comparator.comparing((TestChange c) -> c.testCase().suite())
            .thenComparing(c -> c.testCase().name()).thenComparing(c -> c.test().value());

    public TestChange {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(testCase, "testCase");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(fingerprint, "fingerprint");
        headline = Objects.requireNonNull(headline, "headline").filter(h -> !h.isBlank());
    }

    /**
     * A test as {@code seen} shows it in one run: its status there, and its failure's cause and first line. Only the
     * suite, name and file of the test are kept (the file routes a failure to its owners), and no attempt text, so a
     * view holding thousands stays small.
     */
    static TestChange seen(ResultRecord seen) {
        TestCase test = seen.result().test();
        return new TestChange(seen.testId(), new TestCase(test.suite(), test.name(), test.file(),
                java.util.OptionalInt.empty(), java.util.List.of(), java.util.Map.of()),
                Optional.of(seen.result().status()), Optional.empty(), seen.category(), seen.fingerprint(),
                seen.result().lastFailure().map(f -> f.headline().strip().lines().findFirst().orElse("")));
    }

    /** This test with its status in the previous run. */
    TestChange before(Optional<TestStatus> status) {
        return new TestChange(test, testCase, now, status, category, fingerprint, headline);
    }

    /** This test, seen in the previous run, with its status now. */
    TestChange now(Optional<TestStatus> status) {
        return new TestChange(test, testCase, status, now, category, fingerprint, headline);
    }
}
