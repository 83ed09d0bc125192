package dev.feedbackloop.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads rule files: a JSON array of rules, or an object with a {@code rules} array.
 *
 * <pre>{@code
 * [
 *   {"id": "payments-sandbox-down", "category": "INFRA", "weight": 0.95,
 *    "phrases": ["payments-sandbox.example.com"],
 *    "when": {"text": "payments-sandbox\\.example\\.com.{0,80}(?:503|refused)"},
 *    "unless": {"type": "AssertionError"}},
 *   {"name": "Known flaky search", "category": "TIMEOUT",
 *    "matchedStatuses": ["broken"], "messageRegex": ".*search.*timed out.*"}
 * ]
 * }</pre>
 *
 * <ul>
 * <li>{@code id} (or Allure's {@code name}) names the rule; {@code category} is one of {@link Category}, and may be
 *     left out when the name is a category name.</li>
 * <li>{@code phrases}: lower-case text, any of which occurring in the failure (ignoring case) satisfies the rule's
 *     first test, found by the keyword pass without pattern matching.</li>
 * <li>{@code when}/{@code unless}: field to regular expression (or a list of them, all of which must match);
 *     fields are {@code text, message, type, stack, matcher, expected, actual}. These are searched anywhere,
 *     ignoring case and with {@code ^}/{@code $} at line ends ({@code (?-i)} turns case back on).</li>
 * <li>{@code keywords} (lower case) gate a rule: it is tried only when one of them (or a phrase) occurs, and its
 *     first {@code when} pattern on {@code text} is then searched only on the lines where they occur. A rule with
 *     neither keywords nor phrases is tried on every failure and searches the whole text.</li>
 * <li>Allure's {@code messageRegex} and {@code traceRegex} keep Allure's meaning: the pattern must match the whole
 *     message or trace, case-sensitive, {@code .} matching line ends. {@code typeRegex} (ours) is searched in the
 *     error type. {@code matchedStatuses} limits the rule to {@code failed}/{@code broken}/... results when the
 *     status is known. Allure's {@code flaky} is accepted and ignored.</li>
 * <li>{@code weight} (0..1, default {@value #CUSTOM_WEIGHT} for custom rules) is the confidence reported when the rule
 *     decides and its precedence among built-in rules; {@code description} and {@code examples} document it (the
 *     tests check that every built-in example fires its rule).</li>
 * </ul>
 *
 * <p>Anything else is rejected with an {@link InvalidRuleException} naming the rule: unknown fields or properties,
 * a bad regular expression, an unknown category, a rule with no pattern.
 */
final class RuleFiles {

    static final double CUSTOM_WEIGHT = 0.95;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FIND_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;
    private static final Set<String> PROPERTIES = Set.of("id", "name", "category", "weight", "confidence", "phrases", "keywords",
            "when", "unless", "messageRegex", "traceRegex", "typeRegex", "matchedStatuses", "flaky", "examples",
            "description");

    private RuleFiles() {
    }

    static List<Rule> read(InputStream json, String source, boolean builtIn) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRuleException(source + ": not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + source, e);
        }
        JsonNode list = root != null && root.isObject() ? root.get("rules") : root;
        if (list == null || !list.isArray()) {
            throw new InvalidRuleException(source + ": expected a JSON array of rules or an object with a \"rules\""
                    + " array");
        }
        List<Rule> rules = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            rules.add(rule(list.get(i), source + " rule #" + (i + 1), builtIn));
        }
        return rules;
    }

    private static Rule rule(JsonNode node, String where, boolean builtIn) {
        if (!node.isObject()) {
            throw new InvalidRuleException(where + ": a rule must be a JSON object");
        }
        String id = text(node, "id").or(() -> text(node, "name"))
                .orElseThrow(() -> new InvalidRuleException(where + ": a rule needs an \"id\" or \"name\""));
        String named = where + " '" + id + "'";
        node.fieldNames().forEachRemaining(property -> {
            if (!PROPERTIES.contains(property)) {
                throw new InvalidRuleException(named + ": unknown property \"" + property + "\"; expected "
                        + PROPERTIES.stream().sorted().toList());
            }
        });
        Category category = category(node, id, named);
        double weight = weight(node, named, builtIn);
        List<Condition> when = new ArrayList<>(conditions(node.get("when"), named, "when"));
        allure(node, "messageRegex", Field.MESSAGE, true, named).ifPresent(when::add);
        allure(node, "traceRegex", Field.STACK, true, named).ifPresent(when::add);
        allure(node, "typeRegex", Field.TYPE, false, named).ifPresent(when::add);
        List<String> phrases = strings(node, "phrases", named);
        if (when.isEmpty() && phrases.isEmpty()) {
            throw new InvalidRuleException(named + " has no pattern: give \"phrases\", \"when\", \"messageRegex\","
                    + " \"traceRegex\" or \"typeRegex\"");
        }
        List<Condition> unless = conditions(node.get("unless"), named, "unless");
        try {
            return new Rule(id, category, weight, phrases, strings(node, "keywords", named), when, unless,
                    Set.copyOf(strings(node, "matchedStatuses", named)), strings(node, "examples", named));
        } catch (InvalidRuleException e) {
            throw new InvalidRuleException(where + ": " + e.getMessage(), e);
        }
    }

    private static Category category(JsonNode node, String id, String named) {
        Optional<String> given = text(node, "category");
        String name = given.orElse(id);
        try {
            return Category.valueOf(name.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleException(named + ": " + (given.isPresent() ? "unknown category '" + name + "'"
                    : "no \"category\", and its name is not a category") + "; expected one of "
                    + Arrays.toString(Category.values()));
        }
    }

    private static double weight(JsonNode node, String named, boolean builtIn) {
        JsonNode weight = node.has("weight") ? node.get("weight") : node.get("confidence");
        if (weight == null) {
            if (builtIn) {
                throw new InvalidRuleException(named + ": built-in rules must state a weight");
            }
            return CUSTOM_WEIGHT;
        }
        if (!weight.isNumber()) {
            throw new InvalidRuleException(named + ": weight must be a number within (0, 1], was " + weight);
        }
        return weight.doubleValue();
    }

    private static List<Condition> conditions(JsonNode spec, String named, String property) {
        if (spec == null) {
            return List.of();
        }
        if (!spec.isObject()) {
            throw new InvalidRuleException(named + ": \"" + property + "\" must be an object of field to pattern");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : iterable(spec)) {
            String where = property + "." + entry.getKey();
            Field field = Field.byName(entry.getKey()).orElseThrow(() -> new InvalidRuleException(named
                    + ": unknown field \"" + entry.getKey() + "\" in " + property + "; expected one of "
                    + Arrays.stream(Field.values()).map(Field::jsonName).toList()));
            List<String> patterns = entry.getValue().isArray()
                    ? stringsOf(entry.getValue(), named, where) : List.of(patternText(entry.getValue(), named, where));
            for (String pattern : patterns) {
                conditions.add(new Condition(field, compile(pattern, FIND_FLAGS, named, where), false));
            }
        }
        return conditions;
    }

    private static Optional<Condition> allure(JsonNode node, String property, Field field, boolean whole,
                                              String named) {
        if (!node.has(property)) {
            return Optional.empty();
        }
        String pattern = patternText(node.get(property), named, property);
        int flags = whole ? Pattern.DOTALL : FIND_FLAGS;
        return Optional.of(new Condition(field, compile(pattern, flags, named, property), whole));
    }

    private static Pattern compile(String regex, int flags, String named, String where) {
        if (regex.isEmpty()) {
            throw new InvalidRuleException(named + ": " + where + " is an empty pattern");
        }
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new InvalidRuleException(named + ": " + where + " is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + " of \"" + regex + "\"", e);
        }
    }

    private static String patternText(JsonNode value, String named, String where) {
        if (value == null || !value.isTextual()) {
            throw new InvalidRuleException(named + ": " + where + " must be a string pattern, was " + value);
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode node, String property, String named) {
        JsonNode value = node.get(property);
        return value == null ? List.of() : stringsOf(value, named, property);
    }

    private static List<String> stringsOf(JsonNode value, String named, String where) {
        if (!value.isArray()) {
            throw new InvalidRuleException(named + ": " + where + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            strings.add(patternText(item, named, where));
        }
        return strings;
    }

    private static Optional<String> text(JsonNode node, String property) {
        JsonNode value = node.get(property);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
