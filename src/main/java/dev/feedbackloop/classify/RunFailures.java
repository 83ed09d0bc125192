package dev.feedbackloop.classify;

import dev.feedbackloop.fingerprint.FailureClusters;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.rootcause.Classification;
import dev.feedbackloop.rootcause.ClassifiedFailure;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.scenario.ObservationCollector;
import dev.feedbackloop.scenario.ScenarioObservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The failing tests of one report as they stream past: each classified once, folded into one observation per
 * fingerprint, and grouped into clusters of near-identical failures across fingerprints. Holds a test id per failure
 * and one classification per fingerprint, so it stays small whatever the report size. Not thread-safe.
 */
final class RunFailures {

    private final FailureClassifier classifier;
    private final ObservationCollector collector;
    private final FailureClusters clusters = new FailureClusters();
    private final Map<Fingerprint, Classification> classifications = new LinkedHashMap<>();
    private final Map<Fingerprint, Fingerprint> clusterOf = new HashMap<>();
    private final Map<Fingerprint, Set<Fingerprint>> membersOf = new HashMap<>();
    private final Map<Fingerprint, Set<TestId>> testsOfCluster = new HashMap<>();
    private long failing;

    RunFailures(FailureClassifier classifier, Map<String, String> environment) {
        this.classifier = classifier;
        this.collector = new ObservationCollector(environment);
    }

    /**
     * Classifies a failed or errored result by its last failing attempt (one that gave no failure text, by an
     * empty one); passes over anything else.
     *
     * @param result the result, redacted
     * @return the classification, empty for a result that is not failing
     */
    Optional<Classification> add(TestId test, TestResult result) {
        if (!result.status().isFailing()) {
            return Optional.empty();
        }
        failing++;
        ClassifiedFailure classified = classifier.classifyLastFailure(result)
                .orElseGet(() -> classifier.classify(Failure.of("")));
        Classification classification = classified.classification();
        Fingerprint fingerprint = classification.fingerprint();
        classifications.putIfAbsent(fingerprint, classification);
        collector.add(test, classification, classified.failure().headline());
        Fingerprint cluster = clusters.add(classified.normalized(), test.value());
        clusterOf.putIfAbsent(fingerprint, cluster);
        membersOf.computeIfAbsent(clusterOf.get(fingerprint), c -> new LinkedHashSet<>()).add(fingerprint);
        testsOfCluster.computeIfAbsent(clusterOf.get(fingerprint), c -> new LinkedHashSet<>()).add(test);
        return Optional.of(classification);
    }

    /** Failed and errored tests so far. */
    long failing() {
        return failing;
    }

    /** One observation per fingerprint, in first-seen order. */
    List<ScenarioObservation> observations() {
        return collector.observations();
    }

    /** The classification of the first failure with {@code fingerprint}. */
    Classification classification(Fingerprint fingerprint) {
        return classifications.get(fingerprint);
    }

    /** The other fingerprints whose failures are near-identical to this one's in this report. */
    List<Fingerprint> similarTo(Fingerprint fingerprint) {
        List<Fingerprint> similar = new ArrayList<>(membersOf.getOrDefault(clusterOf.get(fingerprint), Set.of()));
        similar.remove(fingerprint);
        return similar;
    }

    /** Distinct tests whose failures are near-identical to this fingerprint's, itself included. */
    int clusterTests(Fingerprint fingerprint) {
        return testsOfCluster.getOrDefault(clusterOf.get(fingerprint), Set.of()).size();
    }
}
