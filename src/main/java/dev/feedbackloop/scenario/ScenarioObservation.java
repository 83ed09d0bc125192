package dev.feedbackloop.scenario;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.FailureType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one run saw of one scenario: which tests failed with the fingerprint, and how it was classified.
 *
 * @param fingerprint        the root cause
 * @param category           its category
 * @param failureType        its kind
 * @param severity           1..5
 * @param autoFixable        whether regenerating a test can fix it
 * @param tests              the tests that failed with it in this run; at least one, in first-seen order
 * @param sampleMessage      one failure message, already redacted by the caller
 * @param reproductionRecipe how to reproduce it, if known
 * @param environment        the run's environment facts
 * @param snapshotRef        where large context of this failure is kept ({@code s3://...}), if any
 */
public record ScenarioObservation(Fingerprint fingerprint, Category category, FailureType failureType, int severity,
                                  boolean autoFixable, Set<TestId> tests, String sampleMessage,
                                  Optional<String> reproductionRecipe, Map<String, String> environment,
                                  Optional<String> snapshotRef) {

    public ScenarioObservation {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(failureType, "failureType");
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("severity of " + fingerprint + " must be within 1..5, was " + severity);
        }
        tests = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(tests, "tests")));
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("an observation of " + fingerprint + " needs at least one test");
        }
        Objects.requireNonNull(sampleMessage, "sampleMessage");
        reproductionRecipe = Objects.requireNonNull(reproductionRecipe, "reproductionRecipe").filter(r -> !r.isBlank());
        environment = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(environment, "environment")));
        snapshotRef = Objects.requireNonNull(snapshotRef, "snapshotRef").filter(r -> !r.isBlank());
    }

    /** The same observation with more tests, as when one fingerprint is reported in several parts. */
    public ScenarioObservation plusTests(Set<TestId> more) {
        Set<TestId> all = new LinkedHashSet<>(tests);
        all.addAll(more);
        return new ScenarioObservation(fingerprint, category, failureType, severity, autoFixable, all, sampleMessage,
                reproductionRecipe, environment, snapshotRef);
    }
}
