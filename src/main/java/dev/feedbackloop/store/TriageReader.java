package dev.feedbackloop.store;

import dev.feedbackloop.scenario.ScenarioKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What people decided about a scenario's recommendations (triage memory, recorded by the recommendation stage), as
 * the regenerate stage reads it before asking a model: no call for a silenced scenario, and the rejected approaches
 * with their reasons in the next prompt.
 */
public interface TriageReader {

    /** Nobody decided anything: for wiring without a recommendation stage. */
    TriageReader NONE = scenario -> ScenarioTriage.NONE;

    /**
     * The decisions on one scenario.
     *
     * @throws StoreException when the store fails
     */
    ScenarioTriage of(ScenarioKey scenario);

    /**
     * A scenario's standing decisions.
     *
     * @param silenced why no fix is wanted, when the latest decision is won't fix or product bug
     * @param rejected the approaches (fix direction keys) rejected and not accepted since, each with its reason,
     *                 oldest first
     */
    record ScenarioTriage(Optional<String> silenced, Map<String, String> rejected) {

        public static final ScenarioTriage NONE = new ScenarioTriage(Optional.empty(), Map.of());

        public ScenarioTriage {
            Objects.requireNonNull(silenced, "silenced");
            rejected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejected));
        }
    }
}
