package dev.feedbackloop.bench.history;

import java.util.List;
import java.util.Optional;

/**
 * How one test went in one run: its attempts in order (a retry follows a failure until one passes or the retries
 * run out), or the reason it was skipped.
 *
 * @param plan       the test
 * @param attempts   its executions; empty when skipped
 * @param skipReason the skip message, when it did not run
 */
record Execution(TestPlan plan, List<Attempt> attempts, Optional<String> skipReason) {

    Execution {
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty() == skipReason.isEmpty()) {
            throw new IllegalArgumentException("an execution of " + plan.test().name()
                    + " has attempts or a skip reason, exactly one");
        }
    }

    /**
     * One attempt.
     *
     * @param failure what went wrong, empty when it passed
     * @param millis  how long it took
     */
    record Attempt(Optional<SimulatedFailure> failure, long millis) {
        boolean passed() {
            return failure.isEmpty();
        }
    }

    boolean skipped() {
        return skipReason.isPresent();
    }

    /** Ran, and its last attempt failed. */
    boolean failed() {
        return !skipped() && !attempts.get(attempts.size() - 1).passed();
    }

    /** Failed, then passed on a retry within the run. */
    boolean passedOnRetry() {
        return attempts.size() > 1 && attempts.get(attempts.size() - 1).passed();
    }

    /** Whether its last failure was an infrastructure error. */
    boolean failedOnInfrastructure() {
        return failed() && attempts.get(attempts.size() - 1).failure().orElseThrow().cause() == Cause.INFRA;
    }
}
