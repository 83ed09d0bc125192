package dev.feedbackloop.store;

import dev.feedbackloop.health.StateChange;
import dev.feedbackloop.model.TestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Successive {@link HealthWrite}s of one test, each computed from the state the one before left, folded into one
 * write that leaves what writing them one by one leaves: the last health at the version the last write would have
 * given it, every timeline entry of every write, and the quarantine marker as the last write that touched it left it.
 * A history load applies a test's results of many reports in memory and writes the test once
 * ({@link HealthStore#writeFolded}) instead of once per report.
 *
 * @param readVersion the version the first write was computed from: the store must still hold it
 * @param last        the last write
 * @param changing    the writes that carry timeline entries, oldest first (the quarantine marker follows them)
 */
public record FoldedHealthWrite(long readVersion, HealthWrite last, List<HealthWrite> changing) {

    public FoldedHealthWrite {
        Objects.requireNonNull(last, "last");
        changing = List.copyOf(Objects.requireNonNull(changing, "changing"));
        if (readVersion < 0 || readVersion > last.readVersion()) {
            throw new IllegalArgumentException("a fold of test " + last.health().test() + " starts at version "
                    + readVersion + ", which must be within 0.." + last.readVersion() + " (its last write's)");
        }
        for (HealthWrite write : changing) {
            if (!write.health().test().equals(last.health().test())
                    || !write.health().project().equals(last.health().project())) {
                throw new IllegalArgumentException("write of test " + write.health().test() + " folded into the"
                        + " writes of test " + last.health().test());
            }
            if (write.changes().isEmpty() || write.readVersion() < readVersion
                    || write.readVersion() > last.readVersion()) {
                throw new IllegalArgumentException("a changing write of test " + write.health().test() + " at version "
                        + write.readVersion() + " must have changes and lie within " + readVersion + ".."
                        + last.readVersion());
            }
        }
    }

    /** The fold of one write. */
    public static FoldedHealthWrite of(HealthWrite write) {
        return new FoldedHealthWrite(write.readVersion(), write, write.changes().isEmpty() ? List.of()
                : List.of(write));
    }

    /**
     * This fold followed by {@code next}, which must have been computed from the state this fold leaves.
     *
     * @throws IllegalArgumentException when {@code next} is of another test or was read at another version
     */
    public FoldedHealthWrite then(HealthWrite next) {
        if (!next.health().test().equals(test()) || !next.health().project().equals(last.health().project())) {
            throw new IllegalArgumentException("write of test " + next.health().test() + " folded after the writes"
                    + " of test " + test());
        }
        if (next.readVersion() != version()) {
            throw new IllegalArgumentException("write of test " + test() + " read at version " + next.readVersion()
                    + " cannot follow writes that leave version " + version());
        }
        if (next.changes().isEmpty()) {
            return new FoldedHealthWrite(readVersion, next, changing);
        }
        List<HealthWrite> more = new ArrayList<>(changing);
        more.add(next);
        return new FoldedHealthWrite(readVersion, next, more);
    }

    public TestId test() {
        return last.health().test();
    }

    /** The version the store holds once the fold is written: the last write's. */
    public long version() {
        return last.readVersion() + 1;
    }

    /** Every timeline entry of the folded writes, oldest first. */
    public List<StateChange> changes() {
        return changing.stream().flatMap(write -> write.changes().stream()).toList();
    }
}
