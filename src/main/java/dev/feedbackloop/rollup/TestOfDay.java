package dev.feedbackloop.rollup;

import dev.feedbackloop.model.TestId;
import java.util.Objects;
import java.util.Optional;

/**
 * One test's executions on the day, outside outage runs: its trend's new day, and the population that failure
 * rates by test type, prompt version and model are computed over.
 *
 * @param label         suite and name, as a person reads them
 * @param count         executions that ran (outage runs and skips left out) and those that ended red
 * @param testType      the test's type, when known
 * @param promptVersion the prompt version that generated it, when known
 * @param modelUsed     the model that generated it, when known
 */
public record TestOfDay(TestId test, String label, DayCount count, Optional<String> testType,
                        Optional<String> promptVersion, Optional<String> modelUsed) {

    public TestOfDay {
        Objects.requireNonNull(test, "test");
        label = label == null || label.isBlank() ? test.value() : label;
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(testType, "testType");
        Objects.requireNonNull(promptVersion, "promptVersion");
        Objects.requireNonNull(modelUsed, "modelUsed");
    }
}
