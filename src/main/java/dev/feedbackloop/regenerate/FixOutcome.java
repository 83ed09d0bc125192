package dev.feedbackloop.regenerate;

/** How a piece of fix work ended; stored on its recommendation, which a person reviews in every case. */
public enum FixOutcome {
    /** A model proposed a fix and the guard accepted it: a draft for a person to review, never applied by itself. */
    DRAFT,
    /** A model proposed fixes twice and the guard rejected both: only the root cause and the findings are kept. */
    REJECTED_BY_GUARD,
    /**
     * A model gave a root cause but no fix that can be kept: it declined (no source, not a test problem, too little
     * evidence), or its fix could not be guarded (a framework the guard does not know).
     */
    ANALYSIS_ONLY,
    /** No model is configured: the category's playbook, not generated. */
    PLAYBOOK,
    /**
     * A model is configured but this failure was not sent to it ({@link ModelCallPolicy}: seen once off the default
     * branch, a flaky test, a root cause no rewrite fixes): the category's playbook, not generated, and why.
     */
    NOT_ASKED,
    /** The model call failed for good (refusal, truncation, nonsense, budget, key): the original test is kept. */
    MODEL_FAILED,
    /**
     * An earlier delivery claimed this work and ended without storing an answer (it may have been billed): not asked
     * again, so that no piece of work is paid for twice; a person can ask for it again.
     */
    ABANDONED
}
