package dev.feedbackloop.model;

import java.util.List;

/** Final status of a test in one run, derived from all of its attempts. */
public enum TestStatus {
    /** Every attempt that ran passed. */
    PASSED,
    /** No attempt passed and at least one failed an assertion. */
    FAILED,
    /** No attempt passed and every attempt that ran ended in an error. */
    ERROR,
    /** No attempt ran. */
    SKIPPED,
    /** Both passing and failing attempts in the same run, typically passed after a failed try. */
    FLAKY;

    /** Whether the test ended without a pass: {@link #FAILED} or {@link #ERROR}. Flaky is not failing. */
    public boolean isFailing() {
        return this == FAILED || this == ERROR;
    }

    /**
     * Derives the final status from attempts in execution order.
     *
     * <p>Passing and failing attempts together make a test {@link #FLAKY}, whatever their order. All failing
     * attempts are {@link #FAILED} (or {@link #ERROR} when every one was an error): retrying a broken test does not
     * make it flaky. Skipped attempts count only when nothing else ran.
     *
     * @throws IllegalArgumentException when {@code attempts} is empty
     */
    public static TestStatus of(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a test result needs at least one attempt");
        }
        boolean passed = false;
        boolean failed = false;
        boolean errored = false;
        for (Attempt attempt : attempts) {
            switch (attempt.status()) {
                case PASSED -> passed = true;
                case FAILED -> failed = true;
                case ERROR -> errored = true;
                case SKIPPED -> { }
            }
        }
        if (passed && (failed || errored)) {
            return FLAKY;
        }
        if (passed) {
            return PASSED;
        }
        if (failed) {
            return FAILED;
        }
        return errored ? ERROR : SKIPPED;
    }
}
