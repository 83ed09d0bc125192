package dev.feedbackloop.regenerate;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the source of a failing test is found: a checkout on disk for the command line ({@link SourceRoot}), the
 * sources shipped beside a report on AWS; and where the page at a failure is found. Implementations return the file
 * redacted, or nothing.
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

    /**
     * The source hashes of {@code run}'s test files, by file as a report names it: hex SHA-256 of the redacted file
     * ({@link TestSource#sha256}), how the loop sees that a test's source changed. By default the hash of
     * {@link #find(RunKey, String)}; sources shipped with a run ({@link ShippedSources}) also have the hashes of the
     * passing tests' files, which are shipped without their content. The function is for one observation of the run:
     * it may read what it needs once.
     */
    default Function<String, Optional<String>> hashesOf(RunKey run) {
        return file -> find(run, file).map(TestSource::sha256);
    }

    /**
     * The page at {@code test}'s failure in {@code run} (the {@code # Page snapshot} of Playwright's
     * {@code error-context}), redacted and at most {@link PageContext#MAX_CHARS} characters: by default none; page
     * snapshots shipped with a run ({@link ShippedSources}) are found by run and test.
     */
    default Optional<String> pageSnapshot(RunKey run, TestId test) {
        return Optional.empty();
    }

    /**
     * Sources from {@code sources} and page snapshots from {@code pages}: the command line reads sources from its
     * checkout, and page snapshots from what was shipped with the run (as on AWS).
     */
    static TestSources withPageSnapshots(TestSources sources, TestSources pages) {
        return new TestSources() {
            @Override
            public Optional<TestSource> find(String file) {
                return sources.find(file);
            }

            @Override
            public Optional<TestSource> find(RunKey run, String file) {
                return sources.find(run, file);
            }

            @Override
            public Function<String, Optional<String>> hashesOf(RunKey run) {
                return sources.hashesOf(run);
            }

            @Override
            public Optional<String> pageSnapshot(RunKey run, TestId test) {
                return pages.pageSnapshot(run, test);
            }

            @Override
            public String toString() {
                return sources + " with page snapshots from " + pages;
            }
        };
    }
}
