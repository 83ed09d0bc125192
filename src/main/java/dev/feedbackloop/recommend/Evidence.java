package dev.feedbackloop.recommend;

import dev.feedbackloop.fingerprint.Fingerprint;
import java.util.List;
import java.util.Objects;

/**
 * What supports a recommendation: the scenarios it rests on and the facts read from them, as sentences.
 *
 * @param scenarios scenarios, strongest first; at least one
 * @param facts     facts a reader can check ("11 tests assert on URLs that redirect"); at least one
 */
public record Evidence(List<Fingerprint> scenarios, List<String> facts) {

    public Evidence {
        scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios"));
        facts = List.copyOf(Objects.requireNonNull(facts, "facts"));
        if (scenarios.isEmpty() || facts.isEmpty()) {
            throw new IllegalArgumentException("evidence names at least one scenario and one fact, was "
                    + scenarios.size() + " scenarios and " + facts.size() + " facts");
        }
    }
}
