package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.report.ErrorMessages;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.rootcause.Classification;
import dev.feedbackloop.rootcause.Evidence;
import java.io.IOException;
import java.util.Optional;

/**
 * One line of a failure-messages JSON Lines file, read and written with Jackson's streaming API (no object
 * mapping: the classify command reads hundreds of thousands of lines a second).
 *
 * <p>Input: an object with {@code id} (string or number) and {@code message} (string), optionally {@code type},
 * {@code stack} (strings or null), {@code framework}, {@code label}, {@code ambiguous}; other fields are ignored.
 */
final class FailureJsonLines {

    static final JsonFactory JSON = JsonFactory.builder().build();

    /**
     * A parsed input line.
     *
     * @param label     the {@code label} field, when present (evaluation input)
     * @param ambiguous the {@code ambiguous} field, false when absent
     */
    record Line(String id, Failure failure, Optional<String> label, boolean ambiguous) {
    }

    private FailureJsonLines() {
    }

    /** Parses one line of UTF-8 JSON, {@code bytes[offset, offset + length)}. */
    static Line parse(byte[] bytes, int offset, int length) throws BadLine {
        String id = null;
        String message = null;
        String type = null;
        String stack = null;
        String label = null;
        boolean ambiguous = false;
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("not a JSON object", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = scalar(p, value, "id", id);
                    case "message" -> message = text(p, value, "message", id);
                    case "type" -> type = text(p, value, "type", id);
                    case "stack" -> stack = text(p, value, "stack", id);
                    case "label" -> label = text(p, value, "label", id);
                    case "ambiguous" -> {
                        ambiguous = value == JsonToken.VALUE_TRUE;
                        p.skipChildren(); // an object or array here must not be read as top-level fields
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BadLine("unexpected content after the JSON object", id);
            }
        } catch (JsonProcessingException e) {
            throw new BadLine("not valid JSON: " + e.getOriginalMessage(), id);
        } catch (IOException e) {
            throw new BadLine("unreadable: " + e.getMessage(), id);
        }
        if (id == null || id.isBlank()) {
            throw new BadLine("missing \"id\"", null);
        }
        if (message == null) {
            throw new BadLine("missing \"message\" (a string; may be empty)", id);
        }
        // Messages copied from a terminal or a JSON report keep their colour codes; the report parsers drop them, and
        // so does this input, so the same failure reads (and fingerprints) the same whichever way it came in. The
        // parsers' length caps apply too, for the same reason (and so that one hostile line costs what a report can).
        Failure failure = TextLimits.cap(Failure.of(plain(message), plain(type), plain(stack)));
        return new Line(id, failure, Optional.ofNullable(label), ambiguous);
    }

    /** {@code text} without terminal colour codes; null (an absent field) stays null. */
    private static String plain(String text) {
        return text == null ? null : ErrorMessages.stripAnsi(text);
    }

    /** Writes a classification as an object of its own (no id), as {@code feedback parse --json} embeds it. */
    static void writeClassification(JsonGenerator g, Classification c) throws IOException {
        g.writeStartObject();
        writeClassificationFields(g, c);
        g.writeEndObject();
    }

    private static void writeClassificationFields(JsonGenerator g, Classification c) throws IOException {
        g.writeStringField("category", c.category().name());
        g.writeNumberField("confidence", c.confidence());
        g.writeStringField("failureType", c.failureType().name().toLowerCase(java.util.Locale.ROOT));
        g.writeNumberField("severity", c.severity());
        g.writeBooleanField("autoFixable", c.autoFixable());
        if (c.assertionMethod().isPresent()) {
            g.writeStringField("assertionMethod", c.assertionMethod().get());
        } else {
            g.writeNullField("assertionMethod");
        }
        g.writeStringField("fingerprint", c.fingerprint().value());
        g.writeArrayFieldStart("evidence");
        for (Evidence e : c.evidence()) {
            g.writeStartObject();
            g.writeStringField("rule", e.rule());
            g.writeStringField("field", e.field());
            g.writeStringField("excerpt", e.excerpt());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Writes the error object for a bad input line. */
    static void writeError(JsonGenerator g, long lineNumber, BadLine bad) throws IOException {
        g.writeStartObject();
        g.writeNumberField("line", lineNumber);
        if (bad.id().isPresent()) {
            g.writeStringField("id", bad.id().get());
        }
        g.writeStringField("error", "line " + lineNumber + ": " + bad.getMessage());
        g.writeEndObject();
    }

    private static String scalar(JsonParser p, JsonToken value, String field, String id) throws IOException,
            BadLine {
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        throw new BadLine("\"" + field + "\" must be a string or an integer, was " + describe(value), id);
    }

    private static String text(JsonParser p, JsonToken value, String field, String id) throws IOException, BadLine {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        p.skipChildren();
        throw new BadLine("\"" + field + "\" must be a string, was " + describe(value), id);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> String.valueOf(token.asString());
        };
    }
}
