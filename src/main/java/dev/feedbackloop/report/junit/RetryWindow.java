package dev.feedbackloop.report.junit;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Merges a test written as several {@code <testcase>} elements (one per retry: gotestsum {@code --rerun-fails},
 * Gradle's split reruns, web-test-runner, jest/mocha reporters with retries) into one result whose attempts keep
 * document order.
 *
 * <p>Elements merge when they share the enclosing suite path, the class name and the test name. To stay streaming,
 * only a bounded window of recent tests waits for retries: at most {@link #MAX_PENDING_TESTS} tests holding at most
 * {@link #MAX_PENDING_TEXT} characters of failure text and output. When the window is full the test seen first
 * leaves it and is handed on. <b>Consequence:</b> a retry written further away than that (more than 10,000 other
 * tests later, or after more than ~4 million characters of pending failure text) is reported as a second result for
 * the same test instead of being merged. Real reports write retries next to the first try or at the end of the same
 * package or file, well inside the window. Results leave in order of each test's first appearance.
 *
 * <p>A name can also be reused by genuinely different invocations in one suite: TestNG data-provider rows, a
 * copied {@code it("...")} title. Retry tools stop retrying once a try passes, so plain repeated elements are read
 * as retries only when every element but the last one did not pass: {@code F, F, P} is one flaky test, and so is
 * TestNG's {@code S, P} (TestNG writes a try it retries as skipped). Any other sequence ({@code P, F, P}) is a set of
 * invocations, reported as separate tests named {@code name}, {@code name [2]}, {@code name [3]}, ... in document
 * order: reading a data-provider row that failed as "flaky" would hide a real failure, while numbering a retry
 * sequence written in an unusual order only splits it. Elements in the rerun dialect (carrying
 * {@code <flakyFailure>}/{@code <rerunFailure>}) come from a writer that knows about reruns; Gradle splits one
 * test's executions into such elements at every non-failed result, so they always merge.
 */
final class RetryWindow {

    /** Tests waiting for retries at most; a pending passed test costs well under 1 KB. */
    static final int MAX_PENDING_TESTS = 10_000;
    /** Characters of text (failures, output) pending tests may hold: about 8 MB of heap. */
    static final long MAX_PENDING_TEXT = 4_000_000;

    private record Key(String suitePath, String suite, String name) {
    }

    private static final class Pending {
        final TestCase test;
        /** The attempts of each {@code <testcase>} element of this test, in document order. */
        final List<List<Attempt>> elements = new ArrayList<>(1);
        int attemptCount;
        long textLength;

        Pending(TestCase test) {
            this.test = test;
        }

        /** Whether the elements are executions of one test rather than distinct invocations sharing a name. */
        boolean isRetrySequence() {
            if (attemptCount > elements.size()) {
                return true; // rerun dialect: some element holds several executions
            }
            for (int i = 0; i < elements.size() - 1; i++) {
                if (TestStatus.of(elements.get(i)) == TestStatus.PASSED) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private final Consumer<TestResult> sink;
    private long pendingText;

    RetryWindow(Consumer<TestResult> sink) {
        this.sink = sink;
    }

    /** Adds a test case read inside {@code suite}, merging it with an earlier one of the same test. */
    void add(Suite suite, ParsedTestcase testcase) {
        Key key = new Key(suite.path(), testcase.test().suite(), testcase.test().name());
        Pending entry = pending.get(key);
        if (entry != null && entry.attemptCount + testcase.attempts().size() > TestcaseOutcome.MAX_ATTEMPTS) {
            emit(pending.remove(key)); // a test retried this often is reported in parts rather than held forever
            entry = null;
        }
        if (entry == null) {
            entry = new Pending(testcase.test());
            pending.put(key, entry);
        }
        entry.elements.add(testcase.attempts());
        entry.attemptCount += testcase.attempts().size();
        entry.textLength += testcase.textLength();
        pendingText += testcase.textLength();
        evictWhileOverBudget();
    }

    /** Hands on every pending test; called at the end of the document. */
    void flush() {
        Iterator<Pending> entries = pending.values().iterator();
        while (entries.hasNext()) {
            Pending entry = entries.next();
            entries.remove();
            emit(entry);
        }
    }

    private void evictWhileOverBudget() {
        Iterator<Pending> oldestFirst = pending.values().iterator();
        while ((pending.size() > MAX_PENDING_TESTS || pendingText > MAX_PENDING_TEXT) && oldestFirst.hasNext()) {
            Pending oldest = oldestFirst.next();
            oldestFirst.remove();
            emit(oldest);
        }
    }

    private void emit(Pending entry) {
        pendingText -= entry.textLength;
        if (entry.isRetrySequence()) {
            List<Attempt> attempts = new ArrayList<>(entry.attemptCount);
            for (List<Attempt> element : entry.elements) {
                for (Attempt attempt : element) {
                    attempts.add(attempt.withIndex(attempts.size()));
                }
            }
            sink.accept(TestResult.of(entry.test, attempts));
            return;
        }
        for (int i = 0; i < entry.elements.size(); i++) {
            TestCase test = i == 0 ? entry.test : entry.test.withName(entry.test.name() + " [" + (i + 1) + "]");
            sink.accept(TestResult.of(test, entry.elements.get(i)));
        }
    }
}
