package dev.feedbackloop.report.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.report.ReportParseException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Typed access to the fields of one small JSON object of a report (an event, a test), with errors that name the
 * field: {@code line 7: $.Elapsed: must be a number, was a string} or {@code $.examples[3].status (line 40): is
 * required but missing}. A field that is absent or {@code null} is absent; a field of the wrong type is an error,
 * never silently ignored.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final String suffix;

    /**
     * @param node   the object
     * @param path   its JSON path: {@code $} for an event, {@code $.examples[3]} for an array element
     * @param prefix what comes before the path in an error ({@code line 7: }), may be empty
     * @param suffix what comes after it ({@code  (line 40)}), may be empty
     */
    private JsonFields(JsonNode node, String path, String prefix, String suffix) {
        this.node = node;
        this.path = prefix + path;
        this.suffix = suffix;
    }

    /** The fields of the event on line {@code line} of an event stream. */
    public static JsonFields ofLine(JsonNode node, int line) {
        return new JsonFields(node, "$", "line " + line + ": ", "");
    }

    /** The fields of the element at {@code path} that starts on line {@code line} (unknown when below 1). */
    public static JsonFields of(JsonNode node, String path, int line) {
        return new JsonFields(node, path, "", line > 0 ? " (line " + line + ")" : "");
    }

    /** The fields of a nested object; absent or {@code null} gives an empty object, another type is an error. */
    public JsonFields object(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return new JsonFields(JsonInput.objectNode(), JsonInput.child(path, field), "", suffix);
        }
        if (!value.isObject()) {
            throw problem(field, "must be an object, was " + JsonInput.describe(value));
        }
        return new JsonFields(value, JsonInput.child(path, field), "", suffix);
    }

    /** Whether the object has the field with a value other than {@code null}. */
    public boolean has(String field) {
        return present(field) != null;
    }

    public Optional<String> text(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw problem(field, "must be a string, was " + JsonInput.describe(value));
        }
        return Optional.of(value.asText());
    }

    public String requiredText(String field) {
        return text(field).orElseThrow(() -> problem(field, "is required but missing"));
    }

    public OptionalLong integer(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw problem(field, "must be an integer, was " + (value.isNumber() ? value.toString()
                    : JsonInput.describe(value)));
        }
        return OptionalLong.of(value.asLong());
    }

    public long requiredInteger(String field) {
        OptionalLong value = integer(field);
        if (value.isEmpty()) {
            throw problem(field, "is required but missing");
        }
        return value.getAsLong();
    }

    public OptionalDouble number(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            throw problem(field, "must be a number, was " + JsonInput.describe(value));
        }
        return OptionalDouble.of(value.asDouble());
    }

    public Optional<Boolean> bool(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw problem(field, "must be true or false, was " + JsonInput.describe(value));
        }
        return Optional.of(value.asBoolean());
    }

    /** The field as an array; absent or {@code null} gives an empty one, another type is an error. */
    public JsonNode array(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return JsonInput.mapper().createArrayNode();
        }
        if (!value.isArray()) {
            throw problem(field, "must be an array, was " + JsonInput.describe(value));
        }
        return value;
    }

    /** The raw node, for values of free shape. */
    public JsonNode node() {
        return node;
    }

    /** A problem with {@code field} of this object. */
    public ReportParseException problem(String field, String problem) {
        return new ReportParseException(JsonInput.child(path, field) + suffix, problem, null);
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
