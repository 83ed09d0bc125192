package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.regenerate.FixAnswer.CannotFixReason;
import dev.feedbackloop.regenerate.FixAnswer.EvidenceSource;
import dev.feedbackloop.regenerate.FixAnswerSchema.RejectedAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FixAnswerSchemaTest {

    private final FixAnswerSchema schema = FixAnswerSchema.standard();

    @Test
    void aFixAnswer_isReadWithEveryField() {
        FixAnswer answer = schema.read(SampleAnswers.fix());

        assertThat(answer.rootCause().primary().confidence()).isEqualTo(0.86);
        assertThat(answer.rootCause().primary().evidence()).extracting(FixAnswer.Evidence::source)
                .containsExactly(EvidenceSource.FAILURE_MESSAGE, EvidenceSource.PAGE_SNAPSHOT);
        assertThat(answer.rootCause().secondary()).singleElement()
                .satisfies(h -> assertThat(h.confidence()).isEqualTo(0.1));
        assertThat(answer.fix()).hasValueSatisfying(fix -> {
            assertThat(fix.path()).isEqualTo("tests/checkout.spec.ts");
            assertThat(fix.content()).contains("name: 'Place order'").endsWith("});\n");
            assertThat(fix.steps()).hasSize(1);
            assertThat(fix.validation()).hasSize(2);
        });
        assertThat(answer.cannotFix()).isEmpty();
    }

    @Test
    void aCannotFixAnswer_saysWhy() {
        FixAnswer answer = schema.read(SampleAnswers.cannotFix());

        assertThat(answer.fix()).isEmpty();
        assertThat(answer.cannotFix()).hasValueSatisfying(c ->
                assertThat(c.reason()).isEqualTo(CannotFixReason.NOT_A_TEST_PROBLEM));
        assertThat(answer.rootCause().secondary()).isEmpty();
    }

    @Test
    void aSingleFencedJsonBlock_isAccepted() {
        assertThat(schema.read("```json\n" + SampleAnswers.cannotFix() + "\n```").cannotFix()).isPresent();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(Named.of("empty", "  ")),
                Arguments.of(Named.of("prose", "I could not find the problem.")),
                Arguments.of(Named.of("cut off", SampleAnswers.fix().substring(0, 300))),
                Arguments.of(Named.of("an array", "[" + SampleAnswers.fix() + "]")),
                Arguments.of(Named.of("two objects", SampleAnswers.fix() + SampleAnswers.cannotFix())),
                Arguments.of(Named.of("a duplicate key", "{\"verdict\": \"fix\", \"verdict\": \"cannot_fix\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformed(String text) {
        assertThatThrownBy(() -> schema.read(text)).isInstanceOfSatisfying(RejectedAnswer.class,
                e -> assertThat(e.kind()).isEqualTo(RejectedAnswer.Kind.MALFORMED_JSON));
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                violation("confidence above 1", "$.rootCause.primary.confidence",
                        a -> primary(a).put("confidence", 1.5)),
                violation("no evidence", "$.rootCause.primary.evidence",
                        a -> primary(a).putArray("evidence")),
                violation("an unknown evidence source", "$.rootCause.primary.evidence[0].source",
                        a -> ((ObjectNode) primary(a).path("evidence").get(0)).put("source", "intuition")),
                violation("an id", "$", a -> a.put("id", "rec-1")),
                violation("a project", "$", a -> a.put("project", "other-project")),
                violation("a review status", "$.fix", a -> ((ObjectNode) a.get("fix")).put("reviewStatus",
                        "approved")),
                violation("an absolute path", "$.fix.path", a -> fix(a).put("path", "/etc/passwd")),
                violation("a path out of the root", "$.fix.path",
                        a -> fix(a).put("path", "tests/../../secrets.env")),
                violation("a Windows drive path", "$.fix.path", a -> fix(a).put("path", "C:\\tests\\a.spec.ts")),
                violation("an empty file", "$.fix.content", a -> fix(a).put("content", "")),
                violation("no validation criteria", "$.fix.validation", a -> fix(a).putArray("validation")),
                violation("verdict fix without a fix", "$.fix", a -> a.putNull("fix")),
                violation("both a fix and a reason not to", "$.cannotFix",
                        a -> a.set("cannotFix", JsonNodeFactory.instance.objectNode().put("reason", "no_source")
                                .put("explanation", "none given"))),
                violation("a missing root cause", "$", a -> a.remove("rootCause")),
                violation("four secondary hypotheses", "$.rootCause.secondary", a -> {
                    ArrayNode secondary = (ArrayNode) a.path("rootCause").path("secondary");
                    for (int i = 0; i < 3; i++) {
                        secondary.add(secondary.get(0).deepCopy());
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void violations(String location, Consumer<ObjectNode> breakIt) {
        ObjectNode answer = SampleAnswers.fixTree();
        breakIt.accept(answer);

        assertThatThrownBy(() -> schema.read(answer.toString())).isInstanceOfSatisfying(RejectedAnswer.class, e -> {
            assertThat(e.kind()).isEqualTo(RejectedAnswer.Kind.SCHEMA_VIOLATION);
            assertThat(e.getMessage()).contains(location);
        });
    }

    @Test
    void theProviderSchema_isSelfContainedAndHasOnlyKeywordsEveryProviderAccepts() {
        ObjectNode provider = schema.providerSchema();

        List<String> keywords = new ArrayList<>();
        collectKeywords(provider, keywords);
        assertThat(keywords).isNotEmpty().allSatisfy(k -> assertThat(FixAnswerSchema.PROVIDER_KEYWORDS).contains(k));
        assertThat(provider.toString()).doesNotContain("$ref", "$defs", "minimum", "maxLength", "pattern");
        assertThat(provider.path("properties").path("fix").path("anyOf").get(1).path("properties").path("content")
                .path("type").asText()).isEqualTo("string");
    }

    @Test
    void theProviderSchema_closesEveryObjectAndRequiresAllItsProperties() {
        List<JsonNode> objects = new ArrayList<>();
        collectObjectSchemas(schema.providerSchema(), objects);

        assertThat(objects).hasSizeGreaterThanOrEqualTo(6).allSatisfy(o -> {
            assertThat(o.path("additionalProperties").isBoolean() && !o.path("additionalProperties").asBoolean())
                    .as("additionalProperties false in %s", o).isTrue();
            List<String> required = new ArrayList<>();
            o.path("required").forEach(r -> required.add(r.asText()));
            List<String> declared = new ArrayList<>();
            o.path("properties").fieldNames().forEachRemaining(declared::add);
            assertThat(required).containsExactlyInAnyOrderElementsOf(declared);
        });
    }

    @Test
    void everyValidAnswerIsAlsoValidForTheProviderSchema_andTheLocalSchemaIsStricter() {
        // the provider schema is a relaxation: an answer it admits may still fail locally (a bound), never the reverse
        ObjectNode answer = SampleAnswers.fixTree();
        primary(answer).put("confidence", 3);
        assertThatThrownBy(() -> schema.read(answer.toString())).isInstanceOf(RejectedAnswer.class);
        assertThat(schema.providerSchema().path("properties").path("rootCause").path("properties").path("primary")
                .path("properties").path("confidence")).isEqualTo(JsonNodeFactory.instance.objectNode()
                .put("description", "How likely this is the cause, from 0 (a guess) to 1 (certain).")
                .put("type", "number"));
    }

    private static Arguments violation(String name, String location, Consumer<ObjectNode> breakIt) {
        return Arguments.of(Named.of(name, location), breakIt);
    }

    private static ObjectNode primary(ObjectNode answer) {
        return (ObjectNode) answer.path("rootCause").path("primary");
    }

    private static ObjectNode fix(ObjectNode answer) {
        return (ObjectNode) answer.path("fix");
    }

    private static void collectKeywords(JsonNode schemaNode, List<String> keywords) {
        if (schemaNode.isArray()) {
            schemaNode.forEach(item -> collectKeywords(item, keywords));
            return;
        }
        schemaNode.fields().forEachRemaining(field -> {
            keywords.add(field.getKey());
            if (field.getKey().equals("properties")) {
                field.getValue().forEach(property -> collectKeywords(property, keywords));
            } else if (field.getValue().isContainerNode() && !field.getKey().equals("enum")
                    && !field.getKey().equals("required") && !field.getKey().equals("type")) {
                collectKeywords(field.getValue(), keywords);
            }
        });
    }

    private static void collectObjectSchemas(JsonNode node, List<JsonNode> objects) {
        if (node.isObject() && node.has("properties")) {
            objects.add(node);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collectObjectSchemas(child, objects));
        }
    }
}
