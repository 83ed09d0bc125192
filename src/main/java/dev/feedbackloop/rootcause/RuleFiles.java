package dev.feedbackloop.rootcause;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
    /** Streaming only: rule files are small, and object mapping would cost a tenth of a second of start-up. */
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int FIND_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;
    private static final Set<String> PROPERTIES = Set.of("id", "name", "category", "weight", "confidence", "phrases",
            "keywords", "when", "unless", "messageRegex", "traceRegex", "typeRegex", "matchedStatuses", "flaky",
            "examples", "description");

    private RuleFiles() {
    }

    static List<Rule> read(InputStream json, String source, boolean builtIn) {
        Object root;
        try (JsonParser parser = JSON.createParser(json)) {
            root = value(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw new InvalidRuleException(source + ": unexpected content after the rules (line "
                        + parser.currentLocation().getLineNr() + ")");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRuleException(source + ": not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + source, e);
        }
        Object list = root instanceof Map<?, ?> object ? object.get("rules") : root;
        if (!(list instanceof List<?> entries)) {
            throw new InvalidRuleException(source + ": expected a JSON array of rules or an object with a \"rules\""
                    + " array");
        }
        List<Rule> rules = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            rules.add(rule(entries.get(i), source + " rule #" + (i + 1), builtIn));
        }
        return rules;
    }

    /** The JSON value starting at {@code token}: a map, list, string, number, boolean or null. */
    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "empty input");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return token == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    private static Rule rule(Object entry, String where, boolean builtIn) {
        if (!(entry instanceof Map<?, ?> node)) {
            throw new InvalidRuleException(where + ": a rule must be a JSON object");
        }
        String id = text(node, "id").or(() -> text(node, "name"))
                .orElseThrow(() -> new InvalidRuleException(where + ": a rule needs an \"id\" or \"name\""));
        String named = where + " '" + id + "'";
        for (Object property : node.keySet()) {
            if (!PROPERTIES.contains(property)) {
                throw new InvalidRuleException(named + ": unknown property \"" + property + "\"; expected "
                        + PROPERTIES.stream().sorted().toList());
            }
        }
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

    private static Category category(Map<?, ?> node, String id, String named) {
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

    private static double weight(Map<?, ?> node, String named, boolean builtIn) {
        Object weight = node.containsKey("weight") ? node.get("weight") : node.get("confidence");
        if (weight == null) {
            if (builtIn) {
                throw new InvalidRuleException(named + ": built-in rules must state a weight");
            }
            return CUSTOM_WEIGHT;
        }
        if (!(weight instanceof Double number)) {
            throw new InvalidRuleException(named + ": weight must be a number within (0, 1], was " + weight);
        }
        return number;
    }

    private static List<Condition> conditions(Object spec, String named, String property) {
        if (spec == null) {
            return List.of();
        }
        if (!(spec instanceof Map<?, ?> fields)) {
            throw new InvalidRuleException(named + ": \"" + property + "\" must be an object of field to pattern");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<?, ?> entry : fields.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String where = property + "." + key;
            Field field = Field.byName(key).orElseThrow(() -> new InvalidRuleException(named
                    + ": unknown field \"" + key + "\" in " + property + "; expected one of "
                    + Arrays.stream(Field.values()).map(Field::jsonName).toList()));
            List<String> patterns = entry.getValue() instanceof List<?>
                    ? stringsOf(entry.getValue(), named, where) : List.of(patternText(entry.getValue(), named, where));
            for (String pattern : patterns) {
                conditions.add(new Condition(field, compile(pattern, FIND_FLAGS, named, where), false));
            }
        }
        return conditions;
    }

    private static Optional<Condition> allure(Map<?, ?> node, String property, Field field, boolean whole,
                                              String named) {
        if (!node.containsKey(property)) {
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

    private static String patternText(Object value, String named, String where) {
        if (!(value instanceof String text)) {
            throw new InvalidRuleException(named + ": " + where + " must be a string pattern, was " + value);
        }
        return text;
    }

    private static List<String> strings(Map<?, ?> node, String property, String named) {
        Object value = node.get(property);
        return value == null ? List.of() : stringsOf(value, named, property);
    }

    private static List<String> stringsOf(Object value, String named, String where) {
        if (!(value instanceof List<?> items)) {
            throw new InvalidRuleException(named + ": " + where + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>(items.size());
        for (Object item : items) {
            strings.add(patternText(item, named, where));
        }
        return strings;
    }

    private static Optional<String> text(Map<?, ?> node, String property) {
        return node.get(property) instanceof String value && !value.isBlank() ? Optional.of(value) : Optional.empty();
    }
}
