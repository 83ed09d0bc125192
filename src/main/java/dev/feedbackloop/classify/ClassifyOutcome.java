package dev.feedbackloop.classify;

import dev.feedbackloop.model.RunKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What classifying one stored report did.
 *
 * @param status                 how it ended
 * @param key                    the report's object key
 * @param run                    the run it belongs to; empty when ignored
 * @param tests                  tests in the report (0 unless {@link Status#CLASSIFIED})
 * @param failing                failed and errored tests among them
 * @param scenarios              distinct scenarios (fingerprints) its failures fell into
 * @param scenariosCreated       scenarios seen for the first time
 * @param occurrencesAdded       (run, test) occurrences counted now (0 when an earlier attempt had counted them)
 * @param analysesStored         analyses stored now
 * @param regenerationsPublished regeneration requests sent now
 * @param message                why it was ignored or rejected; empty otherwise
 */
public record ClassifyOutcome(Status status, String key, Optional<RunKey> run, long tests, long failing,
                              int scenarios, int scenariosCreated, long occurrencesAdded, int analysesStored,
                              int regenerationsPublished, Optional<String> message) {

    /** How classifying a report ended. */
    public enum Status {
        /** Parsed, classified and stored now. */
        CLASSIFIED,
        /** An earlier delivery of the same report was classified completely; nothing was done. */
        ALREADY_CLASSIFIED,
        /** Not a report of this store (outside the reports prefix, or not named like one). */
        IGNORED,
        /** The stored object is not a readable report; retrying cannot help, so it is logged and dropped. */
        REJECTED
    }

    public ClassifyOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(message, "message");
    }

    static ClassifyOutcome skipped(Status status, String key, Optional<RunKey> run, String message) {
        return new ClassifyOutcome(status, key, run, 0, 0, 0, 0, 0, 0, 0, Optional.of(message));
    }
}
