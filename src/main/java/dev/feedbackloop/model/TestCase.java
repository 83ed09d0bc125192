package dev.feedbackloop.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A test as a report describes it: where it lives and what it is, independent of how one run went.
 *
 * @param suite      suite, class or describe-path as reported ({@code com.acme.LoginTest}, {@code login.spec.ts});
 *                   empty when the report has none
 * @param name       the test name; never blank
 * @param file       source file, when the report gives one
 * @param line       1-based source line, when the report gives one
 * @param tags       tags or categories ({@code @smoke}, {@code slow}), in report order, no duplicates
 * @param properties free-form metadata: test type, priority, and the generator metadata analytics group by
 *                   ({@link #PROMPT_VERSION}, {@link #MODEL_USED}); insertion order kept
 */
public record TestCase(String suite, String name, Optional<String> file, OptionalInt line,
                       List<String> tags, Map<String, String> properties) {

    /** Property key for the kind of test: {@code e2e}, {@code api}, {@code unit}, ... */
    public static final String TEST_TYPE = "testType";
    /** Property key for the test's priority as the team labels it ({@code P1}, {@code high}, ...). */
    public static final String PRIORITY = "priority";
    /** Property key for the version of the prompt that generated the test, when an LLM wrote it. */
    public static final String PROMPT_VERSION = "promptVersion";
    /** Property key for the model that generated the test, when an LLM wrote it. */
    public static final String MODEL_USED = "modelUsed";

    public TestCase {
        suite = suite == null ? "" : suite.strip();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("test name must not be blank (suite '" + suite + "')");
        }
        Objects.requireNonNull(file, "file");
        file = file.filter(f -> !f.isBlank());
        Objects.requireNonNull(line, "line");
        if (line.isPresent() && line.getAsInt() < 1) {
            line = OptionalInt.empty();
        }
        tags = List.copyOf(new java.util.LinkedHashSet<>(Objects.requireNonNull(tags, "tags")));
        properties = java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
    }

    /** A test known only by suite and name. */
    public static TestCase of(String suite, String name) {
        return new TestCase(suite, name, Optional.empty(), OptionalInt.empty(), List.of(), Map.of());
    }

    /** The same test under another name, as when repeated invocations of one name are told apart. */
    public TestCase withName(String newName) {
        return new TestCase(suite, newName, file, line, tags, properties);
    }

    /** This test's stable id in {@code project}; see {@link TestId}. */
    public TestId id(String project) {
        return TestId.derive(project, suite, name, file);
    }

    /** The test type ({@link #TEST_TYPE}), also read from the common spellings {@code type} and {@code test_type}. */
    public Optional<String> testType() {
        return property(TEST_TYPE, "type", "test_type", "test.type");
    }

    /** The priority ({@link #PRIORITY}). */
    public Optional<String> priority() {
        return property(PRIORITY, "test_priority", "test.priority");
    }

    /** The generator prompt version ({@link #PROMPT_VERSION}), also {@code prompt_version}. */
    public Optional<String> promptVersion() {
        return property(PROMPT_VERSION, "prompt_version", "prompt.version");
    }

    /** The generator model ({@link #MODEL_USED}), also {@code model_used} and {@code model}. */
    public Optional<String> modelUsed() {
        return property(MODEL_USED, "model_used", "model");
    }

    private Optional<String> property(String... keys) {
        for (String key : keys) {
            String value = properties.get(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
