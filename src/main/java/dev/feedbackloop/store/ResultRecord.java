package dev.feedbackloop.store;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.rootcause.Category;
import java.util.Objects;
import java.util.Optional;

/**
 * One test's result in one run, as stored: the result with its attempts, and the root cause its failure was
 * classified as.
 *
 * <p>Long text in the attempts (messages, stack traces, output) is trimmed on the way into the store so that an item
 * stays small; a result read back may carry shortened text and, for a test run more than 50 times, only its first
 * and last 25 attempts.
 *
 * @param testId      the test's id in its project
 * @param result      the result; failure text already redacted by the caller
 * @param fingerprint the scenario its failure belongs to; empty for passing and skipped tests
 * @param category    the root cause of its failure; empty when not (yet) classified
 */
public record ResultRecord(TestId testId, TestResult result, Optional<Fingerprint> fingerprint,
                           Optional<Category> category) {

    public ResultRecord {
        Objects.requireNonNull(testId, "testId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(category, "category");
    }

    /** An unclassified result. */
    public static ResultRecord of(TestId testId, TestResult result) {
        return new ResultRecord(testId, result, Optional.empty(), Optional.empty());
    }
}
