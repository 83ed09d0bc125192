package dev.feedbackloop.classify;

import dev.feedbackloop.fingerprint.NormalizedFailure;
import dev.feedbackloop.model.Failure;
import java.util.Objects;

/**
 * A failure after analysis.
 *
 * @param failure        the failure with secrets redacted: the only form that may be stored or sent to an LLM
 * @param normalized     its normalised text and fingerprint
 * @param classification its root cause
 */
public record AnalyzedFailure(Failure failure, NormalizedFailure normalized, Classification classification) {

    public AnalyzedFailure {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(normalized, "normalized");
        Objects.requireNonNull(classification, "classification");
    }
}
