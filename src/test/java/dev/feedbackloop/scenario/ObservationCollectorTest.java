package dev.feedbackloop.scenario;

import static dev.feedbackloop.testing.Samples.fingerprint;
import static dev.feedbackloop.testing.Samples.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.rootcause.Classification;
import dev.feedbackloop.rootcause.Evidence;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservationCollectorTest {

    @Test
    void failuresFoldIntoOneObservationPerFingerprint_inFirstSeenOrder() {
        TestId[] tests = ids("web", 0, 5);
        ObservationCollector collector = new ObservationCollector(Map.of("browser", "chromium"));

        collector.add(tests[0], classified(Category.TIMEOUT, fingerprint(2)), "first timeout");
        collector.add(tests[1], classified(Category.SELECTOR_ISSUE, fingerprint(1)), "no #pay");
        collector.add(tests[2], classified(Category.TIMEOUT, fingerprint(2)), "second timeout");
        collector.add(tests[2], classified(Category.TIMEOUT, fingerprint(2)), "same test again");

        List<ScenarioObservation> observations = collector.observations();
        assertThat(observations).extracting(ScenarioObservation::fingerprint)
                .containsExactly(fingerprint(2), fingerprint(1));
        assertThat(observations.get(0).tests()).containsExactly(tests[0], tests[2]);
        assertThat(observations.get(0).sampleMessage()).isEqualTo("first timeout");
        assertThat(observations.get(0).category()).isEqualTo(Category.TIMEOUT);
        assertThat(observations.get(1).autoFixable()).isTrue();
        assertThat(observations.get(1).environment()).containsEntry("browser", "chromium");
    }

    private static Classification classified(Category category, Fingerprint fingerprint) {
        return Classification.of(category, 0.9, List.of(new Evidence("rule", "message", "text")), Optional.empty(),
                fingerprint);
    }
}
