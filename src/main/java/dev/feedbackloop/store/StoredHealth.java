package dev.feedbackloop.store;

import dev.feedbackloop.health.TestHealth;
import dev.feedbackloop.model.TestId;
import java.util.Objects;
import java.util.Optional;

/**
 * A test's health as the store holds it, with the version a write must find to replace it.
 *
 * @param health  the health
 * @param version how many times it was written; 0 for a test never stored (its health is then
 *                {@link TestHealth#unseen})
 * @param label   the test's suite, name and file as its latest report gave them; empty for a test never stored
 */
public record StoredHealth(TestHealth health, long version, Optional<TestLabel> label) {

    public StoredHealth {
        Objects.requireNonNull(health, "health");
        if (version < 0) {
            throw new IllegalArgumentException("a health version cannot be negative, was " + version);
        }
        Objects.requireNonNull(label, "label");
    }

    /** A test the store has never seen. */
    public static StoredHealth unseen(String project, TestId test) {
        return new StoredHealth(TestHealth.unseen(project, test), 0, Optional.empty());
    }

    /** Whether the store holds it. */
    public boolean stored() {
        return version > 0;
    }

    /** What a person reads to recognise the test: its label, or its id. */
    public String display() {
        return label.map(TestLabel::display).orElse(health.test().value());
    }
}
