package dev.feedbackloop.history;

import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.scenario.AffectedTest;
import java.util.Objects;
import java.util.Optional;

/**
 * A test a scenario affected, with its name when one is still stored.
 *
 * @param link     the scenario ↔ test link: runs it failed in with the scenario, first and last seen
 * @param testCase suite and name from the test's newest stored result; empty once results expired
 */
public record CoveredTest(AffectedTest link, Optional<TestCase> testCase) {

    public CoveredTest {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(testCase, "testCase");
    }

    public TestId test() {
        return link.test();
    }
}
