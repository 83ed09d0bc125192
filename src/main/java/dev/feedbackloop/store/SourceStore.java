package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import java.util.List;
import java.util.Optional;

/**
 * Test sources shipped with a run's reports: each content kept once under its hash, and each run's files pointing at
 * their content (see docs/STORAGE.md). Writes are idempotent: the same sources stored again for the same run change
 * nothing.
 */
public interface SourceStore {

    /**
     * Keeps {@code sources} for {@code run}: the contents first, then the run's references to them, so a reference
     * never points at nothing.
     *
     * @return how many contents were new (not kept before for the project)
     * @throws StoreException when storage fails (retry: nothing is half-visible)
     */
    int put(RunKey run, List<ShippedSource> sources);

    /**
     * The source {@code run} shipped for {@code file} (as the report names it).
     *
     * @return empty when the run shipped none for that file
     * @throws StoreException when storage fails
     */
    Optional<ShippedSource> find(RunKey run, String file);
}
