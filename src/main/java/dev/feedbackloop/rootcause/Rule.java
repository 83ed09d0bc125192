package dev.feedbackloop.rootcause;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One classification rule: when one of its {@code phrases} occurs (if it has any), all its {@code when} conditions
 * match and none of its {@code unless} conditions do, the failure's root cause is {@code category}, with
 * {@code weight} as the rule's confidence. Among the rules
 * that fire, the highest weight decides; weights therefore encode "root cause over symptom": a locator that never
 * resolved (0.9) outranks the timeout it caused (0.5).
 *
 * @param id       unique id within its rule set ({@code selector.strict-mode}); custom rules show as
 *                 {@code custom:<id>} in evidence
 * @param category the root cause this rule recognises
 * @param weight   0 (exclusive) to 1: confidence when this rule decides, and its precedence
 * @param phrases  lower-case ASCII phrases, any of which occurring in the failure text (ignoring case) satisfies
 *                 the rule's first test; found in the one keyword pass over the text, with no pattern matching
 * @param keywords lower-case ASCII words of which at least one (or a phrase) must occur in the failure text for the
 *                 rule to be tried; with neither, the rule is always tried. The first {@code when} condition on the
 *                 text is searched only on the lines where they occur
 * @param when     conditions that must all match; at least one
 * @param unless   conditions none of which may match
 * @param statuses Allure {@code matchedStatuses} ({@code failed}, {@code broken}, ...): when not empty and the
 *                 failure's status is known, the rule applies only to those statuses
 * @param examples failure texts the rule is written for; the tests check that each one fires the rule
 */
public record Rule(String id, Category category, double weight, List<String> phrases, List<String> keywords,
                   List<Condition> when, List<Condition> unless, Set<String> statuses, List<String> examples) {

    /** The statuses Allure's {@code matchedStatuses} may name. */
    public static final Set<String> STATUSES = Set.of("failed", "broken", "passed", "skipped", "unknown");

    public Rule {
        if (id == null || id.isBlank()) {
            throw new InvalidRuleException("a rule needs an id");
        }
        Objects.requireNonNull(category, () -> "rule '" + id + "' needs a category");
        if (!(weight > 0.0 && weight <= 1.0)) {
            throw new InvalidRuleException("rule '" + id + "': weight must be within (0, 1], was " + weight);
        }
        phrases = words(id, "phrase", phrases);
        keywords = words(id, "keyword", keywords);
        when = List.copyOf(when);
        if (when.isEmpty() && phrases.isEmpty()) {
            throw new InvalidRuleException("rule '" + id + "' has no pattern: give phrases or a condition");
        }
        unless = List.copyOf(unless);
        statuses = Set.copyOf(statuses);
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw new InvalidRuleException("rule '" + id + "': unknown status '" + status + "' in matchedStatuses;"
                        + " expected one of " + STATUSES.stream().sorted().toList());
            }
        }
        examples = List.copyOf(examples);
    }

    private static List<String> words(String id, String kind, List<String> words) {
        for (String word : words) {
            if (word.isEmpty() || !isLowerCaseAscii(word)) {
                throw new InvalidRuleException("rule '" + id + "': " + kind + " '" + word
                        + "' must be non-empty lower-case ASCII");
            }
        }
        return List.copyOf(words);
    }

    private static boolean isLowerCaseAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 128 || Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the rule applies to a failure with {@code status} (unknown status: always). */
    boolean appliesTo(Optional<String> status) {
        return statuses.isEmpty() || status.isEmpty() || statuses.contains(status.get());
    }

    /**
     * The evidence of this rule firing on {@code text}, or empty when it does not fire.
     *
     * @param evidenceId how the evidence names the rule ({@code id}, or {@code custom:id})
     */
    Optional<Evidence> fire(RuleInput text, String evidenceId) {
        return fire(text, evidenceId, Hits.find(this, text.text()));
    }

    /**
     * As {@link #fire(RuleInput, String)}, given where this rule's phrases and keywords occur in the text: the
     * phrases decide without pattern matching, and the first {@code when} condition on the text is searched only on
     * the lines where they occur.
     */
    Optional<Evidence> fire(RuleInput text, String evidenceId, Hits hits) {
        if (!appliesTo(text.status()) || !phrases.isEmpty() && (hits == null || hits.phraseStart() < 0)) {
            return Optional.empty();
        }
        Optional<String> excerpt;
        String field;
        if (when.isEmpty()) {
            excerpt = Optional.of(Condition.excerpt(text.text(), hits.phraseStart(), hits.phraseEnd()));
            field = Field.TEXT.jsonName();
        } else {
            Condition first = when.get(0);
            excerpt = hits != null && first.field() == Field.TEXT ? first.matchAround(text, hits) : first.match(text);
            field = first.field().jsonName();
        }
        if (excerpt.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 1; i < when.size(); i++) {
            if (!when.get(i).test(text)) {
                return Optional.empty();
            }
        }
        for (Condition condition : unless) {
            if (condition.test(text)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Evidence(evidenceId, field, excerpt.get()));
    }
}
