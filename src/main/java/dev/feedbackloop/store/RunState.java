package dev.feedbackloop.store;

/** Where the ingestion of a run stands. */
public enum RunState {
    /** Recorded; its results and scenarios may still be on their way (or a failed ingest awaits its retry). */
    INGESTING,
    /** At least one report of the run was fully stored: results, scenario occurrences and counts. */
    COMPLETE
}
