package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import java.util.List;
import java.util.Map;
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

    /** Most source hashes one request keeps for a run: 2,000 files (a large suite's test files, not its code). */
    int MAX_HASHES = 2_000;

    /**
     * Keeps the content hashes of the test files {@code run}'s report names, as one record: the same hashes kept
     * again for the same run are the same record (a redelivery changes nothing); other hashes for the same run (a
     * sharded run uploading one report per shard) are another record beside it. Each record's arrival is announced
     * like a report's ({@link #runOfHashes}), so a run classified before its hashes came is observed again.
     *
     * @param hashes at most {@link #MAX_HASHES}
     * @return the record's name, as a storage notification names it; empty when {@code hashes} is empty
     * @throws StoreException when storage fails (retry: a record is written whole or not at all)
     */
    Optional<String> putHashes(RunKey run, List<SourceHash> hashes);

    /**
     * The hashes of the test files {@code run} shipped, by file as the report names it (records of several shards
     * together; where two name one file, the first record by name wins).
     *
     * @throws StoreException when storage fails
     */
    Map<String, String> hashes(RunKey run);

    /**
     * The run whose hashes record is named {@code key} (as a storage notification names the object).
     *
     * @return empty when {@code key} names no hashes record (a report, a source) or the record is gone
     * @throws StoreException when storage fails
     */
    Optional<RunKey> runOfHashes(String key);
}
