package dev.feedbackloop.rootcause;

import dev.feedbackloop.fingerprint.NormalizedFailure;
import dev.feedbackloop.model.Failure;
import java.util.Objects;

/**
 * A failure with its root cause.
 *
 * @param failure        the failure classified, as the caller gave it (redacted)
 * @param normalized     its normalised text and fingerprint
 * @param classification its root cause
 */
public record ClassifiedFailure(Failure failure, NormalizedFailure normalized, Classification classification) {

    public ClassifiedFailure {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(normalized, "normalized");
        Objects.requireNonNull(classification, "classification");
    }
}
