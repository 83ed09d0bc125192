package dev.feedbackloop.analyze;

import dev.feedbackloop.classify.AnalyzedFailure;
import dev.feedbackloop.classify.Classification;
import dev.feedbackloop.classify.FailureAnalyzer;
import dev.feedbackloop.fingerprint.FailureClusters;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.model.TestResult;
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

    private final FailureAnalyzer analyzer;
    private final ObservationCollector collector;
    private final FailureClusters clusters = new FailureClusters();
    private final Map<Fingerprint, Classification> classifications = new LinkedHashMap<>();
    private final Map<Fingerprint, Fingerprint> clusterOf = new HashMap<>();
    private final Map<Fingerprint, Set<Fingerprint>> membersOf = new HashMap<>();
    private final Map<Fingerprint, Set<TestId>> testsOfCluster = new HashMap<>();
    private long failing;

    RunFailures(FailureAnalyzer analyzer, Map<String, String> environment) {
        this.analyzer = analyzer;
        this.collector = new ObservationCollector(environment);
    }

    /**
     * Classifies a failed or errored result by its last failing attempt; passes over anything else.
     *
     * @return the classification, empty for a result that is not failing
     */
    Optional<Classification> add(TestId test, TestResult result) {
        if (!result.status().isFailing()) {
            return Optional.empty();
        }
        failing++;
        AnalyzedFailure analyzed = analyzer.analyze(lastFailure(result), Optional.of(allureStatus(result)));
        Classification classification = analyzed.classification();
        Fingerprint fingerprint = classification.fingerprint();
        classifications.putIfAbsent(fingerprint, classification);
        collector.add(test, classification, analyzed.failure().headline());
        Fingerprint cluster = clusters.add(analyzed.normalized(), test.value());
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

    private static Failure lastFailure(TestResult result) {
        return result.lastFailure().orElse(Failure.of(""));
    }

    /** What custom rules' {@code matchedStatuses} call an assertion failure and an error. */
    private static String allureStatus(TestResult result) {
        for (int i = result.attempts().size() - 1; i >= 0; i--) {
            Attempt attempt = result.attempts().get(i);
            if (attempt.status().isFailing()) {
                return attempt.status() == AttemptStatus.ERROR ? "broken" : "failed";
            }
        }
        return "failed";
    }
}
