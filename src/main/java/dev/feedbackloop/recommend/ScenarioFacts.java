package dev.feedbackloop.recommend;

import dev.feedbackloop.health.HealthState;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.scenario.Scenario;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What recommending needs to know of one scenario.
 *
 * @param scenario  the stored scenario
 * @param tests     tests it affected (a sample, at most {@link Recommendation#MAX_TESTS} are kept)
 * @param testState the worst health among those tests, when judged
 */
public record ScenarioFacts(Scenario scenario, List<TestId> tests, Optional<HealthState> testState) {

    public ScenarioFacts {
        Objects.requireNonNull(scenario, "scenario");
        tests = List.copyOf(Objects.requireNonNull(tests, "tests"));
        Objects.requireNonNull(testState, "testState");
    }
}
