package dev.feedbackloop.analyze;

import dev.feedbackloop.model.RunKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What analysing one stored report did.
 *
 * @param status                 how it ended
 * @param key                    the report's object key
 * @param run                    the run it belongs to; empty when ignored
 * @param tests                  tests in the report (0 unless {@link Status#ANALYSED})
 * @param failing                failed and errored tests among them
 * @param scenarios              distinct scenarios (fingerprints) its failures fell into
 * @param scenariosCreated       scenarios seen for the first time
 * @param occurrencesAdded       (run, test) occurrences counted now (0 when an earlier attempt had counted them)
 * @param analysesStored         analyses stored now
 * @param regenerationsPublished regeneration requests sent now
 * @param message                why it was ignored or rejected; empty otherwise
 */
public record AnalysisOutcome(Status status, String key, Optional<RunKey> run, long tests, long failing,
                              int scenarios, int scenariosCreated, long occurrencesAdded, int analysesStored,
                              int regenerationsPublished, Optional<String> message) {

    /** How the analysis of a report ended. */
    public enum Status {
        /** Parsed, classified and stored now. */
        ANALYSED,
        /** An earlier delivery of the same report was analysed completely; nothing was done. */
        ALREADY_ANALYSED,
        /** Not a report of this store (outside the reports prefix, or not named like one). */
        IGNORED,
        /** The stored object is not a readable report; retrying cannot help, so it is logged and dropped. */
        REJECTED
    }

    public AnalysisOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(message, "message");
    }

    static AnalysisOutcome skipped(Status status, String key, Optional<RunKey> run, String message) {
        return new AnalysisOutcome(status, key, run, 0, 0, 0, 0, 0, 0, 0, Optional.of(message));
    }
}
