package dev.feedbackloop.guard;

import java.util.Locale;

/** How much a finding weighs: an error rejects the fix, a warning is shown to the reviewer only. */
public enum Severity {
    /** The fix makes the test pass without fixing it, or reaches beyond it: rejected. */
    ERROR,
    /** Worth a reviewer's look, but the fix is kept. */
    WARNING;

    /** The lower-case name used in output: {@code error}, {@code warning}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
