package dev.feedbackloop.rootcause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleFilesTest {

    static Stream<Arguments> invalidRules() {
        return Stream.of(
                Arguments.of("bad regular expression", """
                        [{"id": "broken", "category": "INFRA", "when": {"text": "disk (full"}}]""",
                        "rules.json rule #1 'broken': when.text is not a valid regular expression"),
                Arguments.of("unknown category", """
                        [{"id": "db-down", "category": "DATABASE", "when": {"text": "db down"}}]""",
                        "rules.json rule #1 'db-down': unknown category 'DATABASE'; expected one of [SELECTOR_ISSUE"),
                Arguments.of("Allure name that is not a category", """
                        [{"name": "Product defects", "messageRegex": ".*"}]""",
                        "'Product defects': no \"category\", and its name is not a category"),
                Arguments.of("no pattern", """
                        [{"id": "empty", "category": "INFRA"}]""",
                        "rules.json rule #1 'empty' has no pattern: give \"phrases\", \"when\""),
                Arguments.of("empty pattern", """
                        [{"id": "blank", "category": "INFRA", "when": {"text": ""}}]""",
                        "'blank': when.text is an empty pattern"),
                Arguments.of("unknown field", """
                        [{"id": "f", "category": "INFRA", "when": {"body": "x"}}]""",
                        "'f': unknown field \"body\" in when; expected one of [text, message, type, stack"),
                Arguments.of("misspelt property", """
                        [{"name": "TIMEOUT", "messageRegexp": ".*timeout.*"}]""",
                        "'TIMEOUT': unknown property \"messageRegexp\""),
                Arguments.of("weight out of range", """
                        [{"id": "w", "category": "INFRA", "weight": 1.5, "phrases": ["oom"]}]""",
                        "rule 'w': weight must be within (0, 1], was 1.5"),
                Arguments.of("upper-case phrase", """
                        [{"id": "p", "category": "INFRA", "phrases": ["OOM"]}]""",
                        "rule 'p': phrase 'OOM' must be non-empty lower-case ASCII"),
                Arguments.of("unknown status", """
                        [{"name": "TIMEOUT", "matchedStatuses": ["flaky"], "messageRegex": ".*"}]""",
                        "unknown status 'flaky' in matchedStatuses"),
                Arguments.of("second rule without id", """
                        [{"id": "ok", "category": "INFRA", "phrases": ["oom"]}, {"category": "INFRA"}]""",
                        "rules.json rule #2: a rule needs an \"id\" or \"name\""),
                Arguments.of("duplicate id", """
                        [{"id": "a", "category": "INFRA", "phrases": ["x"]}, {"id": "a", "category": "INFRA",
                          "phrases": ["y"]}]""", "duplicate rule id 'a'"),
                Arguments.of("not JSON", "[{\"id\": ", "rules.json: not valid JSON"),
                Arguments.of("not a list", "{\"id\": \"a\"}", "expected a JSON array of rules"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRules")
    void rejectsAnInvalidRuleNamingIt(String name, String json, String message) {
        assertThatThrownBy(() -> RuleSet.parse(stream(json), "rules.json"))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining(message);
    }

    @Test
    void readsRulesInEitherShape() {
        RuleSet rules = RuleSet.parse(stream("""
                {"rules": [
                  {"id": "oom", "category": "INFRA", "phrases": ["out of memory"]},
                  {"name": "URL_MISMATCH", "messageRegex": ".*wrong page.*", "flaky": true}
                ]}"""), "rules.json");

        assertThat(rules.rules()).extracting(Rule::id, Rule::category, Rule::weight).containsExactly(
                org.assertj.core.groups.Tuple.tuple("oom", Category.INFRA, RuleFiles.CUSTOM_WEIGHT),
                org.assertj.core.groups.Tuple.tuple("URL_MISMATCH", Category.URL_MISMATCH, RuleFiles.CUSTOM_WEIGHT));
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
