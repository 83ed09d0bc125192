package dev.feedbackloop.report.junit;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
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
 * <p>The same bound means a name reused by genuinely different tests in one suite (TestNG data providers, a copied
 * {@code it("...")} title) is also read as retries: the report gives no way to tell them apart.
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
        final List<Attempt> attempts = new ArrayList<>(1);
        long textLength;

        Pending(TestCase test) {
            this.test = test;
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
        if (entry != null && entry.attempts.size() + testcase.attempts().size() > TestcaseOutcome.MAX_ATTEMPTS) {
            emit(pending.remove(key)); // a test retried this often is reported in parts rather than held forever
            entry = null;
        }
        if (entry == null) {
            entry = new Pending(testcase.test());
            pending.put(key, entry);
        }
        for (Attempt attempt : testcase.attempts()) {
            entry.attempts.add(attempt.withIndex(entry.attempts.size()));
        }
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
        sink.accept(TestResult.of(entry.test, entry.attempts));
    }
}
