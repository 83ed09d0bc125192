package dev.feedbackloop.rollup;

import java.util.Objects;

/**
 * What a failure trend is followed for.
 *
 * @param kind  a test or a scenario
 * @param id    the test id or the scenario's fingerprint
 * @param label what a person reads: the test's suite and name, or the scenario's headline
 */
public record TrendSubject(Kind kind, String id, String label) {

    /** The two things whose failure rate is followed day by day. */
    public enum Kind {
        /** One test: its executions and failures. */
        TEST,
        /** One failure scenario (root cause): the project's runs and the runs it occurred in. */
        SCENARIO
    }

    public TrendSubject {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " trend needs an id");
        }
        label = label == null || label.isBlank() ? id : label;
    }
}
