package dev.feedbackloop.health;

import dev.feedbackloop.model.TestStatus;
import java.util.Objects;

/** How one execution of a test (one test in one run attempt) ended, as its health sees it. */
public enum Outcome {
    /** Every attempt that ran passed. */
    PASSED,
    /** No attempt passed; at least one failed an assertion. */
    FAILED,
    /** No attempt passed; the attempts ended in errors. */
    ERROR,
    /** Nothing ran: neither a pass nor a failure, so it counts for nothing. */
    SKIPPED,
    /** Passed after a failed attempt within the same run: the strongest sign of flakiness there is. */
    PASSED_ON_RETRY;

    /** The outcome of a result with this final status ({@code FLAKY} is a pass on retry). */
    public static Outcome of(TestStatus status) {
        return switch (Objects.requireNonNull(status, "status")) {
            case PASSED -> PASSED;
            case FAILED -> FAILED;
            case ERROR -> ERROR;
            case SKIPPED -> SKIPPED;
            case FLAKY -> PASSED_ON_RETRY;
        };
    }

    /** Whether the test ended green: {@link #PASSED} or {@link #PASSED_ON_RETRY}. */
    public boolean passed() {
        return this == PASSED || this == PASSED_ON_RETRY;
    }

    /** Whether the test ended red: {@link #FAILED} or {@link #ERROR}. */
    public boolean failedFinally() {
        return this == FAILED || this == ERROR;
    }

    /** Whether any attempt failed: a final failure or a pass on retry. */
    public boolean hadFailure() {
        return failedFinally() || this == PASSED_ON_RETRY;
    }

    /** Whether the execution was clean: passed with no failed attempt. */
    public boolean clean() {
        return this == PASSED;
    }
}
