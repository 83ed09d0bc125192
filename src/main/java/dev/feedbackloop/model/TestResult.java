package dev.feedbackloop.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one test went in one run: its final status and every attempt in execution order.
 *
 * @param test     the test
 * @param status   final status, always {@link TestStatus#of(List)} of the attempts
 * @param attempts one or more attempts, indexed 0..n-1 in execution order
 */
public record TestResult(TestCase test, TestStatus status, List<Attempt> attempts) {

    public TestResult {
        Objects.requireNonNull(test, "test");
        attempts = List.copyOf(Objects.requireNonNull(attempts, "attempts"));
        TestStatus derived = TestStatus.of(attempts);
        if (status != derived) {
            throw new IllegalArgumentException("status " + status + " of '" + test.name()
                    + "' contradicts its attempts, which give " + derived);
        }
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).index() != i) {
                throw new IllegalArgumentException("attempt " + i + " of '" + test.name() + "' has index "
                        + attempts.get(i).index());
            }
        }
    }

    /** A result whose status is derived from its attempts. */
    public static TestResult of(TestCase test, List<Attempt> attempts) {
        return new TestResult(test, TestStatus.of(attempts), attempts);
    }

    /** This result with {@code later} attempts appended after its own, as when a report lists a retry separately. */
    public TestResult plusAttempts(List<Attempt> later) {
        List<Attempt> merged = new ArrayList<>(attempts.size() + later.size());
        merged.addAll(attempts);
        for (Attempt attempt : later) {
            merged.add(attempt.withIndex(merged.size()));
        }
        return of(test, merged);
    }

    /** Total wall time over all attempts, in milliseconds. */
    public long durationMillis() {
        long total = 0;
        for (Attempt attempt : attempts) {
            total += attempt.durationMillis();
        }
        return total;
    }

    /**
     * The last attempt that failed with a failure: what the test most recently failed with, the one failure a
     * result is classified by. Empty when no attempt failed, or none that failed carries a failure.
     */
    public Optional<Attempt> lastFailingAttempt() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            Attempt attempt = attempts.get(i);
            if (attempt.status().isFailing() && attempt.failure().isPresent()) {
                return Optional.of(attempt);
            }
        }
        return Optional.empty();
    }

    /** The failure of {@link #lastFailingAttempt()}. */
    public Optional<Failure> lastFailure() {
        return lastFailingAttempt().flatMap(Attempt::failure);
    }
}
