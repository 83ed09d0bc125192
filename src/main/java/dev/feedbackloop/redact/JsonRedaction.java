package dev.feedbackloop.redact;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.feedbackloop.report.json.JsonInput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Copies JSON, token by token (Jackson's streaming parser into its generator), with every string redacted: values,
 * field names, and the whole value of a field whose name is a secret's ({@code "password"}, {@code "client_secret"},
 * {@code "Authorization"}) or of a name/value pair that names one ({@code {"key": "API_TOKEN", "value": "..."}},
 * as Postman environments and HAR headers write them). Several root values (JSON Lines: {@code go test -json},
 * Dart) are copied one per line. Numbers keep their text; formatting is not kept (the output is compact).
 * Memory is bounded by the largest string (the report parsers' limit, {@link JsonInput}) and a small object's
 * members.
 */
final class JsonRedaction {

    /** Fields that name a pair's value, and the one that holds it. */
    private static final Set<String> PAIR_NAMES = Set.of("name", "key");
    private static final String PAIR_VALUE = "value";
    /** Members of an object held back to pair a name with a value: small objects of scalars only. */
    private static final int MAX_HELD = 16;
    private static final int MAX_HELD_CHARS = 64 * 1024;

    private final JsonParser parser;
    private final JsonGenerator generator;
    private final Redactions redactions;

    private JsonRedaction(JsonParser parser, JsonGenerator generator, Redactions redactions) {
        this.parser = parser;
        this.generator = generator;
        this.redactions = redactions;
    }

    private static JsonFactory factory() {
        return JsonInput.mapper().getFactory();
    }

    /**
     * Copies every root value of {@code in} to {@code out} (UTF-8), one per line.
     *
     * @throws JsonProcessingException when the input is not JSON; its location names line and column
     */
    static void copy(Reader in, OutputStream out, Redactions redactions) throws IOException {
        try (JsonParser parser = factory().createParser(in);
             JsonGenerator generator = factory().createGenerator(out, JsonEncoding.UTF8)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setRootValueSeparator(new SerializedString("\n"));
            new JsonRedaction(parser, generator, redactions).copyRoots();
            generator.writeRaw('\n');
        }
    }

    /** {@code json} redacted, compact; empty when it is not one JSON document. */
    static Optional<String> redactDocument(String json, Redactions redactions) {
        StringWriter out = new StringWriter(json.length());
        try (JsonParser parser = factory().createParser(json);
             JsonGenerator generator = factory().createGenerator(out)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            JsonRedaction copy = new JsonRedaction(parser, generator, redactions);
            copy.copyValue(first, null, null);
            if (parser.nextToken() != null) {
                return Optional.empty();
            }
        } catch (IOException notJson) {
            return Optional.empty();
        }
        return Optional.of(out.toString());
    }

    private void copyRoots() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            copyValue(token, null, null);
        }
    }

    /**
     * Copies the value starting at {@code token}.
     *
     * @param field     the name it is the value of, or null in an array or at the root
     * @param container the secret an enclosing array is named for ({@code "cookies": [...]}), or null: the
     *                  {@code value} of a name/value pair in it is a secret whatever its name says
     */
    private void copyValue(JsonToken token, String field, String container) throws IOException {
        String secretContainer = field == null ? container : Redactions.isSecretName(field) ? field : null;
        switch (token) {
            case START_OBJECT -> copyObject(secretContainer);
            case START_ARRAY -> {
                generator.writeStartArray();
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    copyValue(element, null, secretContainer);
                }
                generator.writeEndArray();
            }
            default -> writeScalar(token, parser.getText(), field);
        }
    }

    /**
     * Copies an object. Its first members are held back while they are few, small scalars, so that a
     * name/value pair is recognised whichever order its members come in; once a member is an object or an array the
     * held ones are written and the rest streams.
     */
    private void copyObject(String container) throws IOException {
        generator.writeStartObject();
        List<Member> held = new ArrayList<>(4);
        int heldChars = 0;
        boolean holding = true;
        String secretPair = container;
        Names names = new Names();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (holding && value.isScalarValue() && held.size() < MAX_HELD && heldChars < MAX_HELD_CHARS) {
                String text = parser.getText();
                held.add(new Member(name, value, text));
                heldChars += name.length() + text.length();
                continue;
            }
            if (holding) {
                secretPair = writeHeld(held, names, container);
                holding = false;
            }
            generator.writeFieldName(names.unique(name, redactions.text(name)));
            if (value.isScalarValue()) {
                writeScalar(value, parser.getText(), pairOrField(secretPair, name));
            } else {
                copyValue(value, name, null);
            }
        }
        if (holding) {
            writeHeld(held, names, container);
        }
        generator.writeEndObject();
    }

    /**
     * Writes the held members; the value of a pair whose name or key names a secret is redacted whole.
     *
     * @param container the secret the enclosing array is named for, or null
     * @return the secret's name when they (or the container) name one, so that a {@code value} member after them
     *         is redacted whole too; else null
     */
    private String writeHeld(List<Member> held, Names names, String container) throws IOException {
        String secretPair = container;
        for (Member member : held) {
            if (PAIR_NAMES.contains(member.name) && member.token == JsonToken.VALUE_STRING
                    && Redactions.isSecretName(member.text)) {
                secretPair = member.text;
            }
        }
        for (Member member : held) {
            generator.writeFieldName(names.unique(member.name, redactions.text(member.name)));
            writeScalar(member.token, member.text, pairOrField(secretPair, member.name));
        }
        return secretPair;
    }

    /** The name a member's value is known by: the secret a pair names for its {@code value}, else its own. */
    private static String pairOrField(String secretPair, String field) {
        return secretPair != null && PAIR_VALUE.equals(field) ? secretPair : field;
    }

    /**
     * Writes a scalar: a string redacted (whole under a secret's name, else as a value that may be a base64 body),
     * a number as its text, or replaced by a marker under a secret's name; literals as they are.
     *
     * @param field the name the value is known by (a field's, or a pair's), or null in an array or at the root
     */
    private void writeScalar(JsonToken token, String text, String field) throws IOException {
        boolean secretField = field != null && Redactions.isSecretName(field);
        switch (token) {
            case VALUE_STRING -> {
                if (secretField && KeyValueSecrets.isSecretValue(text)) {
                    redactions.countOne();
                    generator.writeString(Redactions.markerFor(field));
                } else {
                    generator.writeString(secretField ? text : redactions.value(text));
                }
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                if (secretField) {
                    redactions.countOne();
                    generator.writeString(Redactions.markerFor(field));
                } else {
                    generator.writeNumber(text); // its own digits: 1.50 stays 1.50
                }
            }
            case VALUE_TRUE -> generator.writeBoolean(true);
            case VALUE_FALSE -> generator.writeBoolean(false);
            case VALUE_NULL -> generator.writeNull();
            default -> throw new IllegalStateException("not a scalar: " + token);
        }
    }

    /** A member held back: its name, token and text. */
    private record Member(String name, JsonToken token, String text) {
    }

    /**
     * The field names of one object as written. Two names that differ only in their secrets would read the same
     * once redacted, and a parser refuses duplicate names: a later one gets a number. Names are remembered only
     * from the first one redacted on (most objects have none, and cost no set).
     */
    private static final class Names {
        private Set<String> written;

        String unique(String original, String redacted) {
            if (written == null) {
                if (redacted == original) {
                    return redacted;
                }
                written = new HashSet<>();
            }
            String unique = redacted;
            for (int n = 2; !written.add(unique); n++) {
                unique = redacted + " #" + n;
            }
            return unique;
        }
    }
}
