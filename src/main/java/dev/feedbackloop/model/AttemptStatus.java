package dev.feedbackloop.model;

/** Outcome of one execution of a test (one try; a retried test has several). */
public enum AttemptStatus {
    /** The test ran and met every expectation. */
    PASSED,
    /** An assertion or expectation did not hold (JUnit {@code <failure>}, Playwright {@code failed}). */
    FAILED,
    /** The test could not complete: an unexpected exception, a crash or a timeout (JUnit {@code <error>}). */
    ERROR,
    /** The test did not run (disabled, filtered, or skipped at run time). */
    SKIPPED;

    /** Whether this attempt counts against the test: {@link #FAILED} or {@link #ERROR}. */
    public boolean isFailing() {
        return this == FAILED || this == ERROR;
    }
}
