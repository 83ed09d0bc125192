package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The records the readable printers print: the read API's JSON objects (the commands' {@code --json} lines). A
 * command builds them from the embedded store with the same writer the API uses, or reads them from {@code --url},
 * and prints them with one printer, so its readable output is the same either way.
 */
final class JsonRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRecords() {
    }

    /** The JSON objects {@code writer} prints, one per line. */
    static List<JsonNode> printed(Consumer<PrintWriter> writer) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        writer.accept(out);
        out.flush();
        return lines(text.toString());
    }

    /** One JSON object per line. */
    static List<JsonNode> lines(String jsonLines) {
        List<JsonNode> records = new ArrayList<>();
        jsonLines.lines().filter(line -> !line.isBlank()).forEach(line -> records.add(tree(line)));
        return records;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("a record that cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    /** The field's text; empty when it is null or absent. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? Optional.empty() : Optional.of(value.asText());
    }

    /** The field's text, which must be there. */
    static String required(JsonNode node, String field) {
        return text(node, field).orElseThrow(() -> new IllegalArgumentException("a record has no " + field + ": "
                + node));
    }

    static Instant instant(JsonNode node, String field) {
        return Instant.parse(required(node, field));
    }

    static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}
