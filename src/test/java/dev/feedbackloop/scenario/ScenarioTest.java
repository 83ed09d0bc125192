package dev.feedbackloop.scenario;

import static dev.feedbackloop.testing.Samples.fingerprint;
import static dev.feedbackloop.testing.Samples.ids;
import static dev.feedbackloop.testing.Samples.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.rootcause.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ScenarioKey KEY = new ScenarioKey("web", fingerprint(1));

    @Test
    void aNewScenario_countsEachTestOfItsFirstRun() {
        Scenario scenario = Scenario.start(KEY, observation(fingerprint(1), Category.TIMEOUT, ids("web", 0, 3)), T0, 3);

        assertThat(scenario.occurrences()).isEqualTo(3);
        assertThat(scenario.testsAffected()).isEqualTo(3);
        assertThat(scenario.runsAffected()).isEqualTo(1);
        assertThat(scenario.version()).isEqualTo(1);
    }

    @Test
    void recording_addsCounts_andFollowsTheNewestRun() {
        Scenario first = Scenario.start(KEY, observation(fingerprint(1), Category.TIMEOUT, ids("web", 0, 1)), T0, 1);
        ScenarioObservation newer = new ScenarioObservation(fingerprint(1), Category.SELECTOR_ISSUE,
                Category.SELECTOR_ISSUE.failureType(), 3, true, java.util.Set.of(ids("web", 1, 2)[0]),
                "newer message", Optional.of("click #pay"), Map.of("browser", "webkit"), Optional.empty());

        Scenario next = first.record(newer, T0.plusSeconds(60), 2, 1, 1);

        assertThat(next.occurrences()).isEqualTo(3);
        assertThat(next.testsAffected()).isEqualTo(2);
        assertThat(next.runsAffected()).isEqualTo(2);
        assertThat(next.category()).isEqualTo(Category.SELECTOR_ISSUE);
        assertThat(next.sampleMessage()).isEqualTo("newer message");
        assertThat(next.reproductionRecipe()).contains("click #pay");
        assertThat(next.lastSeen()).isEqualTo(T0.plusSeconds(60));
        assertThat(next.version()).isEqualTo(2);
    }

    @Test
    void anOlderRun_widensFirstSeen_withoutRewritingTheDescription() {
        Scenario first = Scenario.start(KEY, observation(fingerprint(1), Category.TIMEOUT, ids("web", 0, 1)), T0, 1);

        Scenario next = first.record(observation(fingerprint(1), Category.INFRA, ids("web", 1, 2)),
                T0.minus(Duration.ofDays(1)), 1, 1, 1);

        assertThat(next.firstSeen()).isEqualTo(T0.minus(Duration.ofDays(1)));
        assertThat(next.lastSeen()).isEqualTo(T0);
        assertThat(next.category()).isEqualTo(Category.TIMEOUT);
    }

    @Test
    void impossibleCounts_areRejected() {
        Scenario first = Scenario.start(KEY, observation(fingerprint(1), Category.TIMEOUT, ids("web", 0, 1)), T0, 1);
        ScenarioObservation again = observation(fingerprint(1), Category.TIMEOUT, ids("web", 0, 1));

        assertThatThrownBy(() -> first.record(again, T0, 0, 0, 0)).hasMessageContaining("cannot record 0");
        assertThatThrownBy(() -> first.record(again, T0, 1, 2, 0)).hasMessageContaining("2 new tests");
        assertThatThrownBy(() -> new ScenarioKey("web/../x", fingerprint(1))).hasMessageContaining("'web/../x'");
    }
}
