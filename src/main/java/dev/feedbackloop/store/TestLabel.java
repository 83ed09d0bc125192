package dev.feedbackloop.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What a person reads to recognise a test: its suite (class, describe path), name and file, as its latest report
 * gave them.
 *
 * @param suite suite or class, empty when the report has none
 * @param name  the test's name; not blank
 * @param file  its source file, when reported
 */
public record TestLabel(String suite, String name, Optional<String> file) {

    public TestLabel {
        suite = suite == null ? "" : suite.strip();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a test label needs a name (suite '" + suite + "')");
        }
        file = Objects.requireNonNull(file, "file").map(String::strip).filter(f -> !f.isEmpty());
    }

    /** {@code suite > name}, or the name alone. */
    public String display() {
        return suite.isEmpty() ? name : suite + " > " + name;
    }
}
