package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.classify.FailureAnalyzer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifiedLinesTest {

    private static final String REST = ",\"message\":\"Error: locator.click: Timeout 30000ms exceeded.\\n"
            + "  - waiting for getByRole('button', { name: 'Pay' })\",\"type\":\"TimeoutError\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClassifiedLines lines = new ClassifiedLines(FailureAnalyzer.standard());

    private String write(ClassifiedLines memo, String line) throws Exception {
        byte[] bytes = ("  " + line + "  ").getBytes(StandardCharsets.UTF_8); // the line sits inside a chunk
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        memo.write(bytes, 2, bytes.length - 2, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What the full path writes: a memo that has seen nothing yet. */
    private String fresh(String line) throws Exception {
        return write(new ClassifiedLines(FailureAnalyzer.standard()), line);
    }

    @ParameterizedTest(name = "id {0}")
    @ValueSource(strings = {"\"a-1\"", "42", "-7", "\"caf\\u00e9\"", "\"tab\\tbed\"", "\"naïve\"", "\"x\\\"y\""})
    void aRepeatIsWrittenExactlyAsTheFullPathWritesIt(String id) throws Exception {
        write(lines, "{\"id\":\"first\"" + REST);

        String repeat = write(lines, "{\"id\":" + id + REST);

        assertThat(repeat).isEqualTo(fresh("{\"id\":" + id + REST));
        assertThat(lines.remembered()).as("lines differing only in their id share one entry").isEqualTo(1);
        JsonNode parsed = JSON.readTree(repeat);
        assertThat(parsed.get("id").asText()).isEqualTo(JSON.readTree(id).asText());
        assertThat(parsed.get("category").asText()).isEqualTo("SELECTOR_ISSUE");
    }

    @Test
    void theIdMayStandAnywhereInTheLine() throws Exception {
        String line = "{\"message\":\"expected: <200> but was: <500>\",\"id\":\"%s\",\"type\":\"AssertionFailedError\"}";
        write(lines, line.formatted("one"));

        assertThat(write(lines, line.formatted("two"))).isEqualTo(fresh(line.formatted("two")))
                .startsWith("{\"id\":\"two\",");
    }

    @Test
    void linesThatDifferOutsideTheIdAreNotConfused() throws Exception {
        write(lines, "{\"id\":\"1\",\"message\":\"expected: <200> but was: <500>\"}");

        String other = write(lines, "{\"id\":\"2\",\"message\":\"Test timeout of 30000ms exceeded.\"}");

        assertThat(JSON.readTree(other).get("category").asText()).isEqualTo("TIMEOUT");
        assertThat(lines.remembered()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"id\":\"   \"" + REST, "{\"id\":{\"n\":1}" + REST, "{\"id\":1.5" + REST,
        "{\"id\":\"a\",\"id\":\"b\"" + REST})
    void aBadIdIsStillRejectedAfterTheSameFailureWasSeen(String bad) throws Exception {
        write(lines, "{\"id\":\"good\"" + REST);

        if (bad.contains("\"id\":\"a\",\"id\":\"b\"")) {
            // a repeated id is not an error: the full path keeps the last one, and so does the output
            assertThat(write(lines, bad)).startsWith("{\"id\":\"b\",").isEqualTo(fresh(bad));
        } else {
            assertThatThrownBy(() -> write(lines, bad)).isInstanceOf(FailureLines.BadLine.class);
        }
    }

    @Test
    void invalidJsonIsRejectedWithWhereItBroke() {
        assertThatThrownBy(() -> write(lines, "{\"id\":\"1\",\"message\":\"unterminated}"))
                .isInstanceOf(FailureLines.BadLine.class).hasMessageContaining("not valid JSON");
    }
}
