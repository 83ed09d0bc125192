package dev.feedbackloop.rootcause;

import dev.feedbackloop.fingerprint.Fingerprint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The root cause assigned to one failure, with what supports it.
 *
 * @param category        the root cause
 * @param confidence      0..1: how sure the rules are (1 = an unambiguous structural signal)
 * @param evidence        the rules that fired and on what text, strongest first; empty only for {@code UNKNOWN}
 * @param failureType     the kind of failure, normally {@code category.failureType()}
 * @param severity        1..5, normally {@code category.severity()}
 * @param autoFixable     whether regenerating the test can fix it; never true for BOT_BLOCK, AUTH_EXPIRED, INFRA,
 *                        nor when a rule for one of them contests the winner
 * @param assertionMethod the failed assertion method where one is named ({@code toHaveURL}, {@code assertEquals})
 * @param fingerprint     identity of the root cause across runs and tests
 */
public record Classification(Category category, double confidence, List<Evidence> evidence, FailureType failureType,
                             int severity, boolean autoFixable, Optional<String> assertionMethod,
                             Fingerprint fingerprint) {

    public Classification {
        Objects.requireNonNull(category, "category");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
        evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
        Objects.requireNonNull(failureType, "failureType");
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("severity must be within 1..5, was " + severity);
        }
        if (autoFixable && !category.autoFixable()) {
            throw new IllegalArgumentException(category + " is never auto-fixable");
        }
        assertionMethod = Objects.requireNonNull(assertionMethod, "assertionMethod").filter(m -> !m.isBlank());
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** A classification with the category's own failure type, severity and fixability. */
    public static Classification of(Category category, double confidence, List<Evidence> evidence,
                                    Optional<String> assertionMethod, Fingerprint fingerprint) {
        return new Classification(category, confidence, evidence, category.failureType(), category.severity(),
                category.autoFixable(), assertionMethod, fingerprint);
    }
}
