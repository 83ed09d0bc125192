package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.FailureClassifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifyOutputCacheTest {

    private static final String REST = ",\"message\":\"Error: locator.click: Timeout 30000ms exceeded.\\n"
            + "  - waiting for getByRole('button', { name: 'Pay' })\",\"type\":\"TimeoutError\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FailureClassifier CLASSIFIER = FailureClassifier.standard();

    private final ClassifyOutputCache lines = new ClassifyOutputCache(CLASSIFIER);

    private static String write(ClassifyOutputCache memo, String line) throws Exception {
        byte[] bytes = ("  " + line + "  ").getBytes(StandardCharsets.UTF_8); // the line sits inside a chunk
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        memo.write(bytes, 2, bytes.length - 2, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The output the line must get, built without {@link ClassifyOutputCache}: its id, then the classification as
     * {@code feedback parse --json} writes it.
     */
    private static JsonNode expected(String line) throws Exception {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        FailureJsonLines.Line parsed = FailureJsonLines.parse(bytes, 0, bytes.length);
        ByteArrayOutputStream classification = new ByteArrayOutputStream();
        try (var g = FailureJsonLines.JSON.createGenerator(classification)) {
            FailureJsonLines.writeClassification(g, CLASSIFIER.classify(Redactor.standard().redact(parsed.failure())).classification());
        }
        ObjectNode node = JSON.createObjectNode().put("id", parsed.id());
        node.setAll((ObjectNode) JSON.readTree(classification.toByteArray()));
        return node;
    }

    @ParameterizedTest(name = "id {0}")
    @ValueSource(strings = {"\"a-1\"", "42", "-7", "\"caf\\u00e9\"", "\"tab\\tbed\"", "\"naïve\"", "\"x\\\"y\""})
    void aRepeatIsAnsweredFromMemoryWithItsOwnId(String id) throws Exception {
        write(lines, "{\"id\":\"first\"" + REST);

        String repeat = write(lines, "{\"id\":" + id + REST);

        assertThat(JSON.readTree(repeat)).isEqualTo(expected("{\"id\":" + id + REST));
        assertThat(repeat).isEqualTo(write(new ClassifyOutputCache(CLASSIFIER), "{\"id\":" + id + REST))
                .as("from memory or not, the same bytes");
        assertThat(lines.remembered()).as("lines differing only in their id share one entry").isEqualTo(1);
    }

    @Test
    void fieldsTheOutputDoesNotDependOnMayDifferAndTheRepeatStillHits() throws Exception {
        String line = "{\"id\":\"%s\",\"test\":\"%s\",\"source\":\"org/repo#%d\",\"note\":{\"seen\":[%d]}" + REST;
        write(lines, line.formatted("1", "checkout pays", 1, 1));

        String other = write(lines, line.formatted("2", "cart pays", 2, 2));

        assertThat(JSON.readTree(other)).isEqualTo(expected(line.formatted("2", "cart pays", 2, 2)));
        assertThat(lines.remembered()).isEqualTo(1);
    }

    @Test
    void theFieldsMayStandInAnyOrder() throws Exception {
        write(lines, "{\"id\":\"1\",\"message\":\"expected: <200> but was: <500>\",\"type\":\"AssertionFailedError\"}");

        String reordered = "{\"type\":\"AssertionFailedError\",\"id\":\"2\",\"message\":\"expected: <200> but was: <500>\"}";
        assertThat(JSON.readTree(write(lines, reordered))).isEqualTo(expected(reordered));
        assertThat(lines.remembered()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{\"id\":\"2\",\"message\":\"expected: <200> but was: <500>\"}",
        "{\"id\":\"2\",\"message\":\"expected: <200> but was: <500>\",\"type\":null}",
        "{\"id\":\"2\",\"message\":\"expected: <200> but was: <500>\",\"stack\":\"AssertionFailedError\"}",
        "{\"id\":\"2\",\"message\":\"Test timeout of 30000ms exceeded.\",\"type\":\"AssertionFailedError\"}"})
    void failuresThatDifferInMessageTypeOrStackAreNotConfused(String other) throws Exception {
        write(lines, "{\"id\":\"1\",\"message\":\"expected: <200> but was: <500>\",\"type\":\"AssertionFailedError\"}");

        assertThat(JSON.readTree(write(lines, other))).isEqualTo(expected(other));
        assertThat(lines.remembered()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"id\":\"   \"" + REST, "{\"id\":{\"n\":1}" + REST, "{\"id\":1.5" + REST,
        "{\"id\":\"2\",\"label\":7" + REST, "{\"id\":\"2\",\"type\":7" + REST, "{\"id\":\"2\",\"note\":[1,}" + REST,
        "{\"id\":\"2\"" + REST + " {}"})
    void aBadLineIsStillRejectedAfterTheSameFailureWasSeen(String bad) throws Exception {
        write(lines, "{\"id\":\"good\"" + REST);

        assertThatThrownBy(() -> write(lines, bad)).isInstanceOf(BadLine.class);
    }

    @Test
    void aFieldGivenTwiceIsReadAsTheFullPathReadsIt() throws Exception {
        write(lines, "{\"id\":\"good\"" + REST);

        String twice = "{\"id\":\"a\",\"id\":\"b\"" + REST;
        assertThat(JSON.readTree(write(lines, twice))).isEqualTo(expected(twice));
        assertThat(JSON.readTree(write(lines, twice)).get("id").asText()).isEqualTo("b");
    }

    @Test
    void anObjectUnderAmbiguousIsNotReadAsTopLevelFields() throws Exception {
        String line = "{\"id\":\"1\",\"ambiguous\":{\"message\":\"Test timeout of 30000ms exceeded.\"}" + REST;

        assertThat(JSON.readTree(write(lines, line)).get("category").asText()).isEqualTo("SELECTOR_ISSUE");
    }

    @Test
    void invalidJsonIsRejectedWithWhereItBroke() {
        assertThatThrownBy(() -> write(lines, "{\"id\":\"1\",\"message\":\"unterminated}"))
                .isInstanceOf(BadLine.class).hasMessageContaining("not valid JSON");
    }
}
