package dev.feedbackloop.rollup;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.util.Objects;
import java.util.Optional;

/**
 * One test that ended red in one of the day's runs, with what the quality analytics group it by.
 *
 * @param test            the test
 * @param run             the run attempt
 * @param outage          whether the run was an outage (such failures are counted, not analysed)
 * @param category        its root cause; empty when not analysed
 * @param scenario        its scenario (fingerprint), when analysed
 * @param testType        the test's type ({@code e2e}, {@code api}, ...), when the report names one
 * @param promptVersion   the prompt version that generated the test, when an LLM wrote it
 * @param modelUsed       the model that generated the test, when an LLM wrote it
 * @param assertionMethod the assertion that failed ({@code toHaveURL}, {@code assertEquals}), when named
 * @param area            the part of the product the test covers (see {@link TestArea}), when known
 */
public record FailureOfDay(TestId test, RunKey run, boolean outage, Optional<Category> category,
                           Optional<Fingerprint> scenario, Optional<String> testType, Optional<String> promptVersion,
                           Optional<String> modelUsed, Optional<String> assertionMethod, Optional<String> area) {

    public FailureOfDay {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(scenario, "scenario");
        testType = blankless(testType, "testType");
        promptVersion = blankless(promptVersion, "promptVersion");
        modelUsed = blankless(modelUsed, "modelUsed");
        assertionMethod = blankless(assertionMethod, "assertionMethod");
        area = blankless(area, "area");
    }

    private static Optional<String> blankless(Optional<String> value, String name) {
        return Objects.requireNonNull(value, name).map(String::strip).filter(v -> !v.isEmpty());
    }
}
