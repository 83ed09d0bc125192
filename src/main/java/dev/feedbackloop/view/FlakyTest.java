package dev.feedbackloop.view;

import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.Objects;

/**
 * A test that was flaky (failed, then passed on a retry) in some of the runs looked at.
 *
 * @param test       its id
 * @param testCase   suite and name, from its latest flaky result
 * @param flakyRuns  runs it was flaky in, among those looked at; at least 1
 * @param runsLooked runs looked at
 * @param lastFlaky  the run time of the latest run it was flaky in
 */
public record FlakyTest(TestId test, TestCase testCase, int flakyRuns, int runsLooked, Instant lastFlaky) {

    public FlakyTest {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(testCase, "testCase");
        if (flakyRuns < 1 || flakyRuns > runsLooked) {
            throw new IllegalArgumentException("a flaky test is flaky in 1.." + runsLooked + " runs, was "
                    + flakyRuns);
        }
        Objects.requireNonNull(lastFlaky, "lastFlaky");
    }
}
