package dev.feedbackloop.store;

import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioKey;
import dev.feedbackloop.text.Sha256;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to regenerate the tests an auto-fixable scenario broke, raised by the run that saw it.
 *
 * @param scenario    the scenario
 * @param category    its root cause; must be auto-fixable
 * @param triggeredBy the run that raised it
 * @param tests       tests it affected in that run, at most {@link #MAX_TESTS}, at least one
 * @param requestedAt when it was raised
 */
public record RegenerationRequest(ScenarioKey scenario, Category category, RunKey triggeredBy, List<TestId> tests,
                                  Instant requestedAt) {

    /** Most tests named in one request: a sample to regenerate from, not an inventory. */
    public static final int MAX_TESTS = 20;

    public RegenerationRequest {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(category, "category");
        if (!category.autoFixable()) {
            throw new IllegalArgumentException("scenario " + scenario + " is " + category
                    + ", which regenerating a test cannot fix");
        }
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        if (!scenario.project().equals(triggeredBy.project())) {
            throw new IllegalArgumentException("scenario " + scenario + " raised by a run of another project: "
                    + triggeredBy.project());
        }
        tests = List.copyOf(Objects.requireNonNull(tests, "tests"));
        if (tests.isEmpty() || tests.size() > MAX_TESTS) {
            throw new IllegalArgumentException("a regeneration request names 1.." + MAX_TESTS + " tests, "
                    + scenario + " named " + tests.size());
        }
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /**
     * The key consumers deduplicate on: the same scenario raised by the same run is the same request, however often
     * it is published. 64 hex digits (SHA-256 of project, fingerprint, run id and attempt).
     */
    public String deduplicationKey() {
        String identity = scenario.project() + '\u0000' + scenario.fingerprint().value() + '\u0000'
                + triggeredBy.runId() + '\u0000' + triggeredBy.attempt();
        return Sha256.hex(identity);
    }
}
