package dev.feedbackloop.recommend;

import java.util.Locale;

/**
 * What a tracked test stands for in a recommendation's life (the design's {@code reproduction_tests}): the failing
 * test at its failing source is the scenario's reproduction; once the fix is implemented the same test at the fixed
 * source is its validation; once the fix is verified it joins the regression set.
 */
public enum TestRole {
    REPRODUCTION, VALIDATION, REGRESSION;

    /** The name in JSON and on screen: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TestRole parse(String name) {
        for (TestRole role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown test role '" + name
                + "'; expected reproduction, validation or regression");
    }
}
