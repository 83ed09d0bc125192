package dev.feedbackloop.report.junit;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.TestCase;
import java.util.List;

/**
 * One {@code <testcase>} element as read: the test and the attempts this element records (more than one when it
 * carries surefire/Gradle {@code <flakyFailure>} or {@code <rerunFailure>} elements), indexed from 0.
 *
 * @param test       the test
 * @param attempts   one or more attempts in execution order
 * @param textLength characters of failure text and output held, for the merge window's memory budget
 */
record ParsedTestcase(TestCase test, List<Attempt> attempts, long textLength) {

    ParsedTestcase {
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("test case '" + test.name() + "' has no attempt");
        }
    }
}
