package dev.feedbackloop.scenario;

import java.util.Objects;
import java.util.Optional;

/**
 * How much a scenario hurts, as an analysis assessed it.
 *
 * @param severity      1 (cosmetic) to 5 (blocks everything)
 * @param testsAffected distinct tests affected when assessed
 * @param runsAffected  distinct runs affected when assessed
 * @param summary       a sentence on scope ("checkout flow, all browsers"), if given
 */
public record Impact(int severity, long testsAffected, long runsAffected, Optional<String> summary) {

    public Impact {
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("impact severity must be within 1..5, was " + severity);
        }
        if (testsAffected < 0 || runsAffected < 0) {
            throw new IllegalArgumentException("affected counts must be >= 0, were " + testsAffected + " tests and "
                    + runsAffected + " runs");
        }
        summary = Objects.requireNonNull(summary, "summary").filter(s -> !s.isBlank());
    }
}
