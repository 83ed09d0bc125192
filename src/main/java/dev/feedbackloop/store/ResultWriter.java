package dev.feedbackloop.store;

/**
 * Writes one run's results as they stream out of a parser, in batches, so that memory stays bounded whatever the
 * report size. Not thread-safe.
 *
 * <p>Results are keyed by (run, test): writing a test twice in the same run keeps the last write, and writing the
 * same results again after a failure leaves exactly one result per test.
 */
public interface ResultWriter extends AutoCloseable {

    /**
     * Queues one result, writing a batch when enough are queued.
     *
     * @throws StoreException when a batch cannot be written (then nothing should be assumed about this batch)
     */
    void add(ResultRecord result);

    /** Writes everything queued. */
    void flush();

    /** Results written so far, counting each write (a test written twice counts twice). */
    long written();

    /** Flushes. */
    @Override
    void close();
}
