package dev.feedbackloop.fingerprint;

import java.util.Objects;

/**
 * A failure's text reduced to what identifies its root cause, and the fingerprint of that text.
 *
 * @param text        the normalised text: error type, the first message lines that matter and the first meaningful
 *                    stack frames, one per line; at most {@link FailureNormalizer#MAX_LENGTH} characters
 * @param head        the part of {@code text} before the stack frames (type and message lines): what clustering
 *                    compares, since the frames differ from test to test
 * @param fingerprint the hash of {@code text}
 */
public record NormalizedFailure(String text, String head, Fingerprint fingerprint) {

    public NormalizedFailure {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
