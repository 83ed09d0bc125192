package dev.feedbackloop.recommend;

import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one run says of the tests recommendations track: each test's result and, when the test's source was seen,
 * the hash of that source.
 *
 * @param run     {@code <runId>#<attempt>}: the key a redelivered run shares, so it never counts twice
 * @param at      the run's time
 * @param commit  the commit it tested, when known
 * @param branch  the branch it tested, when known
 * @param results the tracked tests' results in it
 */
public record RunObservation(String run, Instant at, Optional<String> commit, Optional<String> branch,
                             List<TestObservation> results) {

    private static final Pattern RUN = Pattern.compile(".+#\\d+");

    public RunObservation {
        if (run == null || !RUN.matcher(run).matches()) {
            throw new IllegalArgumentException("an observed run is named <runId>#<attempt>, was '" + run + "'");
        }
        Objects.requireNonNull(at, "at");
        commit = Objects.requireNonNull(commit, "commit").filter(c -> !c.isBlank());
        branch = Objects.requireNonNull(branch, "branch").filter(b -> !b.isBlank());
        results = List.copyOf(Objects.requireNonNull(results, "results"));
    }

    /** The result of {@code test} in this run, if it ran. */
    public Optional<TestObservation> result(TestId test) {
        return results.stream().filter(r -> r.test().equals(test)).findFirst();
    }

    /**
     * One test's result in a run.
     *
     * @param test       the test
     * @param passed     whether it passed in the end
     * @param sourceHash hex SHA-256 of the test's (redacted) source file as the run had it, when it was seen
     */
    public record TestObservation(TestId test, boolean passed, Optional<String> sourceHash) {

        private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public TestObservation {
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(sourceHash, "sourceHash");
            sourceHash.ifPresent(h -> {
                if (!SHA256.matcher(h).matches()) {
                    throw new IllegalArgumentException("source hash of " + test.value()
                            + " must be 64 lower-case hex digits, was '" + h + "'");
                }
            });
        }
    }
}
