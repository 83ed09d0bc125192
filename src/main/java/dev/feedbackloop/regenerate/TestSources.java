package dev.feedbackloop.regenerate;

import dev.feedbackloop.model.RunKey;
import java.util.Optional;

/**
 * Where the source of a failing test is found: a checkout on disk for the command line ({@link SourceRoot}), the
 * sources shipped beside a report on AWS. Implementations return the file redacted, or nothing.
 */
@FunctionalInterface
public interface TestSources {

    /** No sources at all: every analysis is made without code, and gives no code fix. */
    TestSources NONE = file -> Optional.empty();

    /**
     * The source of {@code file} (a path as a report names it).
     *
     * @return empty when the file is not there, is outside the sources, or is too large to send whole
     */
    Optional<TestSource> find(String file);

    /**
     * The source of {@code file} as {@code run} had it: by default the same as {@link #find(String)}; sources
     * shipped with a run's reports ({@link ShippedSources}) are found by run.
     */
    default Optional<TestSource> find(RunKey run, String file) {
        return find(file);
    }
}
