package dev.feedbackloop.classify;

import dev.feedbackloop.model.Run;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.store.HistoryEntry;
import dev.feedbackloop.store.Page;
import dev.feedbackloop.store.ReportCompletion;
import dev.feedbackloop.store.ResultRecord;
import dev.feedbackloop.store.ResultWriter;
import dev.feedbackloop.store.RunCounts;
import dev.feedbackloop.store.RunStore;
import dev.feedbackloop.store.StoredRun;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The run store as the classify stage uses it: the store itself, or, while a history load {@link #hold}s it, a store
 * whose results are written behind: each report's results go, in the order they were added, to one writer thread
 * of its own, which writes them through the store's own {@link ResultWriter} while the loading thread goes on with
 * the report (its scenarios, health) and the next. The engine's commits and the loading thread's work then overlap
 * instead of taking turns.
 *
 * <p>Nothing reads a result before it is written: every read of results here ({@link #results},
 * {@link #resultsOf}, {@link #history}, ...) and every completion marker ({@link #completeRun}) first waits until
 * the results added before it are in the store, and so does {@link #release}. A report's completion marker therefore
 * still covers results that are stored, and a write that failed fails the load no later than its release (nothing
 * of what was not released is marked complete, so loading again redoes it). Memory stays bounded: a report's writer
 * takes at most {@link #QUEUED} results ahead of the writer thread, then waits for it.
 *
 * <p>For one process loading a history (the command line's {@code ingest --manifest}); the Lambda path never holds,
 * and every call then goes straight to the store. Thread-safe.
 */
public final class WriteBehindRuns implements RunStore {

    /** Results a report's writer queues ahead of the writer thread: a few requests' worth (100 items each). */
    static final int QUEUED = 400;
    /** How long releasing or abandoning waits for the writer thread: only a hung store takes this long. */
    private static final long PATIENCE_MINUTES = 10;
    private static final Object FLUSH = new Object();
    private static final Object END = new Object();

    private final RunStore store;
    /** The writer thread while holding; null otherwise. */
    private ExecutorService writer;
    /** The first failure of the writer thread in this hold, thrown to the loading thread at its next call. */
    private volatile RuntimeException failure;
    /** Reports' writers opened and not closed: their results cannot be waited for until they are. */
    private int open;

    WriteBehindRuns(RunStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** From now on, writes results behind. */
    synchronized void hold() {
        if (writer != null) {
            throw new IllegalStateException("the run store is held already");
        }
        failure = null;
        open = 0;
        writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "feedback-results-behind");
            thread.setDaemon(true); // a load that never releases must not keep the process alive
            return thread;
        });
    }

    /**
     * Waits until every result added is in the store and stops holding.
     *
     * @throws RuntimeException what writing a result failed with (then the load fails: nothing it held is complete)
     */
    synchronized void release() {
        if (writer == null) {
            return;
        }
        try {
            awaitWritten();
        } finally {
            stop(false);
        }
    }

    /** Stops holding: results not written yet are dropped (the load failed; loading again writes them). */
    synchronized void abandon() {
        if (writer != null) {
            stop(true);
        }
    }

    private void stop(boolean now) {
        ExecutorService stopping = writer;
        writer = null;
        if (now) {
            stopping.shutdownNow();
        } else {
            stopping.shutdown();
        }
        try {
            if (!stopping.awaitTermination(PATIENCE_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the results writer did not stop in " + PATIENCE_MINUTES
                        + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the results writer stopped", e);
        }
    }

    /** Waits until the results added so far are written; throws what writing them failed with. */
    private synchronized void awaitWritten() {
        if (writer == null) {
            return;
        }
        if (open > 0) {
            // the writer thread waits for the end of that report's results: waiting for it here would never end
            throw new IllegalStateException("results read or completed while " + open + " report(s) still add"
                    + " results: close their writers first");
        }
        try {
            writer.submit(() -> { }).get(); // one thread, in order: every earlier report's results are done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for results to be written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the results writer failed", e.getCause());
        }
        throwFailure();
    }

    private void throwFailure() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public synchronized ResultWriter openResults(StoredRun run) {
        if (writer == null) {
            return store.openResults(run);
        }
        throwFailure();
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
        writer.execute(() -> write(run, queue));
        open++;
        return new Behind(queue);
    }

    /** On the writer thread: one report's results, until its writer is closed. */
    private void write(StoredRun run, BlockingQueue<Object> queue) {
        boolean ended = false;
        try (ResultWriter results = store.openResults(run)) {
            for (Object next = queue.take(); next != END; next = queue.take()) {
                if (next == FLUSH) {
                    results.flush();
                } else if (failure == null) {
                    results.add((ResultRecord) next);
                }
            }
            ended = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // abandoned
            return;
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (!ended) {
            drain(queue); // the loading thread still adds this report's results: take them, so it never waits
        }
    }

    private static void drain(BlockingQueue<Object> queue) {
        try {
            while (queue.take() != END) {
                // dropped: writing failed, and the failure fails the load
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void closed() {
        open--;
    }

    /** A report's results, handed to the writer thread in order. Not thread-safe, as a store's writer is not. */
    private final class Behind implements ResultWriter {
        private final BlockingQueue<Object> queue;
        private long added;
        private boolean closed;

        private Behind(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        @Override
        public void add(ResultRecord result) {
            throwFailure();
            put(Objects.requireNonNull(result, "result"));
            added++;
        }

        @Override
        public void flush() {
            put(FLUSH);
        }

        @Override
        public long written() {
            return added;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            put(END);
            closed();
        }

        private void put(Object next) {
            try {
                queue.put(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing results to their writer", e);
            }
        }
    }

    @Override
    public StoredRun putRun(Run run, Instant recordedAt) {
        return store.putRun(run, recordedAt);
    }

    @Override
    public Optional<StoredRun> findRun(RunKey key) {
        return store.findRun(key);
    }

    @Override
    public Map<RunKey, StoredRun> findRuns(Collection<RunKey> keys) {
        return store.findRuns(keys);
    }

    @Override
    public Page<String> listProjects(int limit, Optional<String> cursor) {
        return store.listProjects(limit, cursor);
    }

    @Override
    public Page<StoredRun> listRuns(String project, int limit, Optional<String> cursor) {
        return store.listRuns(project, limit, cursor);
    }

    @Override
    public Page<StoredRun> runsBetween(String project, Instant from, Instant to, int limit,
                                       Optional<String> cursor) {
        return store.runsBetween(project, from, to, limit, cursor);
    }

    @Override
    public Optional<StoredRun> previousRun(StoredRun run) {
        return store.previousRun(run);
    }

    @Override
    public boolean completeRun(RunKey key, String reportId, RunCounts counts) {
        awaitWritten();
        return store.completeRun(key, reportId, counts);
    }

    @Override
    public int completeRuns(List<ReportCompletion> completions) {
        awaitWritten();
        return store.completeRuns(completions);
    }

    @Override
    public boolean reportCompleted(RunKey key, String reportId) {
        return store.reportCompleted(key, reportId);
    }

    @Override
    public Page<HistoryEntry> history(String project, TestId test, int limit, Optional<String> cursor) {
        awaitWritten();
        return store.history(project, test, limit, cursor);
    }

    @Override
    public Page<ResultRecord> results(RunKey run, int limit, Optional<String> cursor) {
        awaitWritten();
        return store.results(run, limit, cursor);
    }

    @Override
    public Page<ResultRecord> failingResults(RunKey run, int limit, Optional<String> cursor) {
        awaitWritten();
        return store.failingResults(run, limit, cursor);
    }

    @Override
    public Page<ResultRecord> flakyResults(RunKey run, int limit, Optional<String> cursor) {
        awaitWritten();
        return store.flakyResults(run, limit, cursor);
    }

    @Override
    public List<ResultRecord> resultsOf(StoredRun run, Collection<TestId> tests) {
        awaitWritten();
        return store.resultsOf(run, tests);
    }

    @Override
    public Map<RunKey, List<ResultRecord>> resultsOfRuns(Map<StoredRun, ? extends Collection<TestId>> tests) {
        awaitWritten();
        return store.resultsOfRuns(tests);
    }

    @Override
    public Optional<TestCase> latestTestCase(String project, TestId test) {
        awaitWritten();
        return store.latestTestCase(project, test);
    }

    @Override
    public Map<TestId, TestCase> latestTestCases(String project, Collection<TestId> tests) {
        awaitWritten();
        return store.latestTestCases(project, tests);
    }
}
