package dev.feedbackloop.scenario;

import dev.feedbackloop.model.TestId;
import java.time.Instant;
import java.util.Objects;

/**
 * One test a scenario affected.
 *
 * @param scenario    the scenario
 * @param test        the test
 * @param firstSeen   time of the first run in which the test failed with it
 * @param lastSeen    time of the latest such run
 * @param occurrences runs in which the test failed with it
 */
public record AffectedTest(ScenarioKey scenario, TestId test, Instant firstSeen, Instant lastSeen,
                           long occurrences) {

    public AffectedTest {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (occurrences < 1) {
            throw new IllegalArgumentException("test " + test + " of " + scenario + " needs an occurrence, was "
                    + occurrences);
        }
    }
}
