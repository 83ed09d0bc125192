package dev.feedbackloop.recommend;

import java.util.Arrays;

/** What a recommendation changes: one test, a practice across tests, or the way tests are run. */
public enum RecommendationKind {
    /** Change this test or selector: one scenario's fix. */
    IMMEDIATE_FIX("immediate_fix"),
    /** Change a practice across tests, shown by a pattern across scenarios. */
    STRATEGIC_IMPROVEMENT("strategic_improvement"),
    /** Change how the suite runs (mocks, environments, sessions), shown by a large share of failures. */
    ARCHITECTURE_CHANGE("architecture_change");

    private final String wireName;

    RecommendationKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in JSON and on the command line, as the design spells it. */
    public String wireName() {
        return wireName;
    }

    /** The kind a wire name or an enum name names. */
    public static RecommendationKind parse(String name) {
        return Arrays.stream(values())
                .filter(k -> k.wireName.equals(name) || k.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown recommendation kind '" + name
                        + "'; expected one of immediate_fix, strategic_improvement, architecture_change"));
    }
}
