package dev.feedbackloop.scenario;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Classification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Folds one run's classified failures into one {@link ScenarioObservation} per fingerprint, in memory, so that the
 * store makes one write per scenario per run instead of one per failing test. Holds a test id per failure and one
 * sample per fingerprint: small even for a run where every test fails. Not thread-safe.
 */
public final class ObservationCollector {

    private final Map<String, String> environment;
    private final Map<Fingerprint, Entry> entries = new LinkedHashMap<>();

    /** A collector for a run with the given environment facts. */
    public ObservationCollector(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Adds one failing test. The first failure of each fingerprint supplies its sample message and classification.
     *
     * @param test           the test that failed
     * @param classification its classification
     * @param sampleMessage  its failure message, already redacted
     */
    public void add(TestId test, Classification classification, String sampleMessage) {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(classification, "classification");
        entries.computeIfAbsent(classification.fingerprint(),
                fp -> new Entry(classification, Objects.requireNonNull(sampleMessage, "sampleMessage")))
                .tests.add(test);
    }

    /** Distinct fingerprints collected so far. */
    public int size() {
        return entries.size();
    }

    /** One observation per fingerprint, in first-seen order. */
    public List<ScenarioObservation> observations() {
        List<ScenarioObservation> observations = new ArrayList<>(entries.size());
        entries.forEach((fingerprint, entry) -> observations.add(new ScenarioObservation(fingerprint,
                entry.classification.category(), entry.classification.failureType(),
                entry.classification.severity(), entry.classification.autoFixable(), entry.tests,
                entry.sampleMessage, Optional.empty(), environment, Optional.empty())));
        return observations;
    }

    private static final class Entry {
        final Classification classification;
        final String sampleMessage;
        final Set<TestId> tests = new LinkedHashSet<>();

        Entry(Classification classification, String sampleMessage) {
            this.classification = classification;
            this.sampleMessage = sampleMessage;
        }
    }
}
