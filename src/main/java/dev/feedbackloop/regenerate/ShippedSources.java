package dev.feedbackloop.regenerate;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.store.ShippedSource;
import dev.feedbackloop.store.SourceStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Test sources as CI shipped them with a run's reports ({@code feedback upload}, kept by ingest in a
 * {@link SourceStore}): what the {@code regenerate} function shows a model on AWS, where no checkout is at hand. Found
 * by the run that raised the request and the file as its report names it; kept redacted, and checked again here
 * against the size a model is given whole. The page snapshots shipped with a run are found here too, by test.
 */
public final class ShippedSources implements TestSources {

    private final SourceStore store;

    public ShippedSources(SourceStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Without a run nothing was shipped for it. */
    @Override
    public Optional<TestSource> find(String file) {
        return Optional.empty();
    }

    @Override
    public Optional<TestSource> find(RunKey run, String file) {
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        return store.find(run, file).filter(s -> s.content().length() <= TestSource.MAX_CHARS)
                .map(ShippedSources::toTestSource);
    }

    /**
     * The hashes {@code run} shipped for its report's test files ({@link SourceStore#hashes}, read once, on the first
     * lookup), and for a file without one the hash of its whole shipped source (a client that shipped no hashes).
     */
    @Override
    public Function<String, Optional<String>> hashesOf(RunKey run) {
        AtomicReference<Map<String, String>> hashes = new AtomicReference<>();
        return file -> {
            if (file == null || file.isBlank()) {
                return Optional.empty();
            }
            Map<String, String> read = hashes.updateAndGet(h -> h != null ? h : store.hashes(run));
            Optional<String> shipped = Optional.ofNullable(read.get(file));
            return shipped.isPresent() ? shipped : store.find(run, file).map(ShippedSource::sha256);
        };
    }

    /**
     * The page snapshot {@code run} shipped for {@code test} ({@code POST /sources}), taken through
     * {@link PageContext} again: whatever a sender put there, an {@code # Instructions} block never reaches a model.
     */
    @Override
    public Optional<String> pageSnapshot(RunKey run, TestId test) {
        return store.find(run, ShippedSource.pageSnapshotFile(test))
                .flatMap(s -> PageContext.fromErrorContext(s.content(), Redactor.standard()));
    }

    private static TestSource toTestSource(ShippedSource shipped) {
        return new TestSource(shipped.path(), shipped.content(), shipped.sha256());
    }
}
