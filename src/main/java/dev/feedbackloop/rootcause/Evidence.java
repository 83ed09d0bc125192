package dev.feedbackloop.rootcause;

import java.util.Objects;

/**
 * Why a classification was made: one rule that fired and the text it fired on.
 *
 * @param rule    id of the rule ({@code selector.strict-mode-violation}, {@code custom:payments-gateway})
 * @param field   where the text came from: {@code message}, {@code type}, {@code stack} or a derived signal such
 *                as {@code matcher} or {@code http-status}
 * @param excerpt the matched text, shortened to at most 200 characters; already redacted of secrets
 */
public record Evidence(String rule, String field, String excerpt) {

    /** Longest excerpt kept, in characters. */
    public static final int MAX_EXCERPT = 200;

    public Evidence {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("evidence needs a rule id");
        }
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("evidence for rule '" + rule + "' needs a field");
        }
        Objects.requireNonNull(excerpt, "excerpt");
        if (excerpt.length() > MAX_EXCERPT) {
            excerpt = excerpt.substring(0, MAX_EXCERPT - 1) + "…";
        }
    }
}
