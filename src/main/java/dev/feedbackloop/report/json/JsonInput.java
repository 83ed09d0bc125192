package dev.feedbackloop.report.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.report.ReportParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Streaming JSON for the report parsers: a parser with safe limits, element-by-element tree reading, and errors that
 * name the JSON path and the line and column, e.g. {@code $.results.tests[3] (line 40, column 7)}.
 */
public final class JsonInput {

    /**
     * Largest string value accepted, in characters. Jackson's default (20 M) would let one field hold 40 MB; a
     * report field past this is not text anyone reads, and the parsers cap text far below it.
     */
    static final int MAX_STRING_CHARS = 8 * 1024 * 1024;
    /** Deepest nesting accepted; report formats nest a few dozen levels at most. */
    static final int MAX_DEPTH = 200;

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    com.fasterxml.jackson.core.JsonFactory.builder()
                            .streamReadConstraints(StreamReadConstraints.builder()
                                    .maxStringLength(MAX_STRING_CHARS).maxNestingDepth(MAX_DEPTH).build())
                            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonInput() {
    }

    /** The mapper whose node factory and limits the parsers share; configured once, thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A streaming parser over {@code in}, which it does not close. */
    public static JsonParser open(InputStream in) throws IOException {
        JsonParser parser = MAPPER.createParser(in);
        parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        return parser;
    }

    /**
     * Moves to the first token and checks that the document is a JSON object.
     *
     * @throws ReportParseException when the input is empty or its top level is not an object
     */
    public static void expectObjectDocument(JsonParser parser, String format) throws IOException {
        JsonToken first = next(parser);
        if (first == null) {
            throw new ReportParseException("file is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw problemAt(parser, "a " + format + " report is a JSON object, found " + describe(first));
        }
    }

    /** The next token; malformed or truncated JSON becomes a {@link ReportParseException} naming the place. */
    public static JsonToken next(JsonParser parser) throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(parser, e);
        }
    }

    /** The value at the current token as a tree (an object, array or scalar node); the parser moves past it. */
    public static JsonNode readTree(JsonParser parser) throws IOException {
        try {
            JsonNode node = MAPPER.readTree(parser);
            return node == null ? MAPPER.nullNode() : node;
        } catch (JsonProcessingException e) {
            throw malformed(parser, e);
        }
    }

    /** Skips the value at the current token, checking that it is well-formed. */
    public static void skipValue(JsonParser parser) throws IOException {
        try {
            parser.skipChildren();
        } catch (JsonProcessingException e) {
            throw malformed(parser, e);
        }
    }

    /** Receives the elements of an array streamed by {@link #forEachObject}. */
    @FunctionalInterface
    public interface ElementHandler {
        /**
         * @param element the element, read as a small tree
         * @param path    its JSON path, {@code $.tests[3]}
         * @param line    the line it starts on
         */
        void accept(JsonNode element, String path, int line) throws IOException;
    }

    /**
     * Streams the array at the parser's current token ({@code value}, just read for {@code path}) element by element:
     * each element is read as its own tree and handed over before the next is read, so memory is bounded by the
     * largest element.
     *
     * @throws ReportParseException when the value is not an array, or an element is not an object
     */
    public static void forEachObject(JsonParser parser, JsonToken value, String path, ElementHandler handler)
            throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw problemAt(parser, "must be an array, was " + describe(value));
        }
        int index = 0;
        JsonToken token;
        while ((token = next(parser)) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new ReportParseException(path, "truncated JSON: the file ends inside the array " + path, null);
            }
            String elementPath = path + "[" + index + "]";
            if (token != JsonToken.START_OBJECT) {
                throw problemAt(parser, "must be an object, was " + describe(token));
            }
            int line = parser.currentTokenLocation().getLineNr();
            handler.accept(readTree(parser), elementPath, line);
            index++;
        }
    }

    /** An empty object node. */
    public static ObjectNode objectNode() {
        return MAPPER.createObjectNode();
    }

    /** A problem at the parser's current place. */
    public static ReportParseException problemAt(JsonParser parser, String problem) {
        return new ReportParseException(where(parser.getParsingContext(), parser.currentTokenLocation()), problem,
                null);
    }

    /** Turns a Jackson read error into a {@link ReportParseException} naming path, line and column. */
    public static ReportParseException malformed(JsonParser parser, JsonProcessingException e) {
        JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        String where = where(parser.getParsingContext(), location);
        if (e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
            return new ReportParseException(where, "truncated JSON: the file ends inside "
                    + containerName(parser.getParsingContext()), e);
        }
        if (e instanceof StreamConstraintsException) {
            return new ReportParseException(where, "JSON exceeds a safety limit: " + e.getOriginalMessage(), e);
        }
        return new ReportParseException(where, "malformed JSON: " + e.getOriginalMessage(), e);
    }

    /** {@code $.results.tests[3]} for the given parsing context. */
    public static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        appendPath(context, path);
        return path.length() == 0 ? "$" : path.toString();
    }

    /** {@code parent.name}, or {@code parent['odd name']} when the name is not a plain identifier. */
    public static String child(String parent, String name) {
        return SIMPLE_NAME.matcher(name).matches() ? parent + "." + name
                : parent + "['" + name.replace("'", "\\'") + "']";
    }

    /** A text field of an object node, when present and a string. */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** An integral number field of an object node, when present. */
    public static OptionalLong integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToLong() && value.isNumber() ? OptionalLong.of(value.asLong())
                : OptionalLong.empty();
    }

    /** What kind of value a node is, for errors: {@code a string}, {@code an array}, {@code null}. */
    public static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }

    /** A tree as compact JSON text, for values that are kept as they are. */
    public static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendPath(JsonStreamContext context, StringBuilder out) {
        if (context == null || context.inRoot()) {
            out.append('$');
            return;
        }
        appendPath(context.getParent(), out);
        if (context.inArray()) {
            if (context.hasCurrentIndex()) { // none until the first element is read
                out.append('[').append(context.getCurrentIndex()).append(']');
            }
        } else if (context.getCurrentName() != null) {
            String name = context.getCurrentName();
            if (SIMPLE_NAME.matcher(name).matches()) {
                out.append('.').append(name);
            } else {
                out.append("['").append(name.replace("'", "\\'")).append("']");
            }
        }
    }

    private static String where(JsonStreamContext context, JsonLocation location) {
        String path = path(context);
        if (location == null || location.getLineNr() < 0) {
            return path;
        }
        return path + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String containerName(JsonStreamContext context) {
        String path = path(context);
        if (context != null && context.inArray()) {
            return "the array " + path.replaceFirst("\\[\\d+]$", "");
        }
        return "the object " + path;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
