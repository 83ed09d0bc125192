package dev.feedbackloop.store;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * What each project spent on model calls per UTC day, in micro-dollars, shared by every process that calls a model
 * (concurrent Lambda invocations), so that a daily budget holds across them. Adding within a limit is atomic.
 */
public interface SpendLedger {

    /**
     * Adds {@code micros} to the project's spend of {@code day} if the total stays at or below {@code limitMicros}.
     *
     * @return whether it was added (nothing is added otherwise)
     * @throws StoreException when the ledger's store fails
     */
    boolean addWithin(String project, LocalDate day, long micros, long limitMicros);

    /** Adds {@code micros} unconditionally; negative to give back part of an earlier addition. */
    void add(String project, LocalDate day, long micros);

    /** The project's spend of {@code day}, 0 when nothing was recorded. */
    long spent(String project, LocalDate day);

    /** A ledger in this process's memory: for one process (tests, a one-off command), never for Lambda. */
    static SpendLedger inMemory() {
        return new SpendLedger() {
            private final Map<String, Long> spent = new HashMap<>();

            @Override
            public synchronized boolean addWithin(String project, LocalDate day, long micros, long limitMicros) {
                long now = spent(project, day);
                if (now + micros > limitMicros) {
                    return false;
                }
                spent.put(project + '\u0000' + day, now + micros);
                return true;
            }

            @Override
            public synchronized void add(String project, LocalDate day, long micros) {
                spent.merge(project + '\u0000' + day, micros, Long::sum);
            }

            @Override
            public synchronized long spent(String project, LocalDate day) {
                return spent.getOrDefault(project + '\u0000' + day, 0L);
            }
        };
    }
}
