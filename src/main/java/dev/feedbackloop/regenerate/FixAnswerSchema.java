package dev.feedbackloop.regenerate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.feedbackloop.regenerate.FixAnswer.CannotFix;
import dev.feedbackloop.regenerate.FixAnswer.CannotFixReason;
import dev.feedbackloop.regenerate.FixAnswer.Evidence;
import dev.feedbackloop.regenerate.FixAnswer.EvidenceSource;
import dev.feedbackloop.regenerate.FixAnswer.Hypothesis;
import dev.feedbackloop.regenerate.FixAnswer.ProposedFix;
import dev.feedbackloop.regenerate.FixAnswer.RootCause;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON schema of a model's answer ({@code fix-answer.schema.json} next to this class, JSON Schema 2020-12),
 * in its two uses:
 * <ul>
 *   <li>{@link #providerSchema()}: what is sent to a provider to constrain its output. Providers' structured-output
 *       modes accept a subset of JSON Schema (Anthropic and Bedrock reject numeric and length bounds, OpenAI's
 *       strict mode conditionals; see docs/llm.md), so references are inlined and every keyword outside
 *       {@link #PROVIDER_KEYWORDS} is dropped. What remains is the answer's shape: every object closed and all its
 *       properties required, optional parts as {@code null}.</li>
 *   <li>{@link #read(String)}: the whole schema, bounds and conditionals included, checked locally on every
 *       answer, whatever the provider promised, before any field is taken from it.</li>
 * </ul>
 * Thread-safe; loaded once.
 */
public final class FixAnswerSchema {

    /** The schema's name where a provider asks for one (OpenAI {@code json_schema.name}, Bedrock). */
    public static final String NAME = "fix_answer";

    /** Keywords every provider's structured output accepts; everything else stays local. */
    static final Set<String> PROVIDER_KEYWORDS = Set.of("type", "properties", "required", "additionalProperties",
            "items", "enum", "const", "anyOf", "description");

    private static final String RESOURCE = "fix-answer.schema.json";
    private static final Pattern FENCED = Pattern.compile("\\A\\s*```(?:json)?\\s*\\n(.*)\\n\\s*```\\s*\\z",
            Pattern.DOTALL); // ```json\n{...}\n```
    private static final int MAX_VIOLATIONS_NAMED = 3;
    private static final FixAnswerSchema STANDARD = load();

    private final ObjectMapper json;
    private final JsonNode document;
    private final Schema schema;
    private final ObjectNode providerSchema;

    private FixAnswerSchema(ObjectMapper json, JsonNode document, Schema schema) {
        this.json = json;
        this.document = document;
        this.schema = schema;
        this.providerSchema = (ObjectNode) forProviders(document, document.path("$defs"));
    }

    /** The answer schema. */
    public static FixAnswerSchema standard() {
        return STANDARD;
    }

    /** The whole schema, as written (a copy). */
    public JsonNode document() {
        return document.deepCopy();
    }

    /** The schema sent to providers (a copy): references inlined, local-only keywords removed. */
    public ObjectNode providerSchema() {
        return providerSchema.deepCopy();
    }

    /**
     * Reads a model's answer text: one JSON object (a single fenced {@code ```json} block around it is accepted, as
     * servers without enforced structure tend to add one), valid against the whole schema.
     *
     * @throws RejectedAnswer naming what was wrong and where: {@link RejectedAnswer.Kind#MALFORMED_JSON} when it is
     *                        not one JSON object, {@link RejectedAnswer.Kind#SCHEMA_VIOLATION} when it breaks the
     *                        schema
     */
    public FixAnswer read(String text) {
        JsonNode answer = parse(text);
        List<Error> errors = schema.validate(answer);
        if (!errors.isEmpty()) {
            throw new RejectedAnswer(RejectedAnswer.Kind.SCHEMA_VIOLATION, describe(errors));
        }
        return toAnswer(answer);
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RejectedAnswer(RejectedAnswer.Kind.MALFORMED_JSON, "the answer is empty");
        }
        Matcher fenced = FENCED.matcher(text);
        String body = fenced.matches() ? fenced.group(1) : text;
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RejectedAnswer(RejectedAnswer.Kind.MALFORMED_JSON, "the answer is not JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
        if (node == null || !node.isObject()) {
            throw new RejectedAnswer(RejectedAnswer.Kind.MALFORMED_JSON, "the answer is JSON but not an object");
        }
        return node;
    }

    private static String describe(List<Error> errors) {
        StringJoiner joined = new StringJoiner("; ");
        errors.stream().limit(MAX_VIOLATIONS_NAMED).forEach(e -> joined.add(e.getInstanceLocation() + ": "
                + e.getMessage()));
        int more = errors.size() - MAX_VIOLATIONS_NAMED;
        return "the answer breaks the schema: " + joined + (more > 0 ? " (and " + more + " more)" : "");
    }

    /** Takes the schema's fields, and only those, from a valid answer. */
    private static FixAnswer toAnswer(JsonNode answer) {
        JsonNode cause = answer.get("rootCause");
        List<Hypothesis> secondary = new ArrayList<>();
        cause.get("secondary").forEach(h -> secondary.add(hypothesis(h)));
        RootCause rootCause = new RootCause(hypothesis(cause.get("primary")), secondary);
        JsonNode fix = answer.get("fix");
        JsonNode cannotFix = answer.get("cannotFix");
        return new FixAnswer(rootCause,
                fix.isObject() ? Optional.of(new ProposedFix(fix.get("path").asText(), fix.get("content").asText(),
                        fix.get("explanation").asText(), texts(fix.get("steps")), texts(fix.get("validation"))))
                        : Optional.empty(),
                cannotFix.isObject() ? Optional.of(new CannotFix(constant(CannotFixReason.class,
                        cannotFix.get("reason")), cannotFix.get("explanation").asText())) : Optional.empty());
    }

    private static Hypothesis hypothesis(JsonNode node) {
        List<Evidence> evidence = new ArrayList<>();
        node.get("evidence").forEach(e -> evidence.add(new Evidence(constant(EvidenceSource.class, e.get("source")),
                e.get("excerpt").asText())));
        return new Hypothesis(node.get("statement").asText(), node.get("confidence").asDouble(), evidence);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, JsonNode value) {
        return Enum.valueOf(type, value.asText().toUpperCase(Locale.ROOT));
    }

    /** A copy of {@code node} with {@code $ref}s to {@code $defs} inlined and local-only keywords dropped. */
    private static JsonNode forProviders(JsonNode node, JsonNode defs) {
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(forProviders(item, defs)));
            return copy;
        }
        if (!node.isObject()) {
            return node.deepCopy();
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (!ref.startsWith("#/$defs/") || !defs.has(name)) {
                throw new IllegalStateException("unresolvable $ref in the answer schema: " + ref);
            }
            return forProviders(defs.get(name), defs);
        }
        ObjectNode copy = ((ObjectNode) node).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!PROVIDER_KEYWORDS.contains(field.getKey())) {
                continue;
            }
            // "properties" maps names to schemas: keep every name, whatever it is called
            copy.set(field.getKey(), field.getKey().equals("properties") ? properties(field.getValue(), defs)
                    : forProviders(field.getValue(), defs));
        }
        return copy;
    }

    private static JsonNode properties(JsonNode properties, JsonNode defs) {
        ObjectNode copy = ((ObjectNode) properties).objectNode();
        properties.fields().forEachRemaining(p -> copy.set(p.getKey(), forProviders(p.getValue(), defs)));
        return copy;
    }

    private static FixAnswerSchema load() {
        ObjectMapper json = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        try (InputStream in = FixAnswerSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("answer schema resource missing: " + RESOURCE + " next to "
                        + FixAnswerSchema.class.getName());
            }
            JsonNode document = json.readTree(in);
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_PATH).build()));
            Schema schema = registry.getSchema(SchemaLocation.of("classpath:dev/feedbackloop/regenerate/"
                    + RESOURCE), document);
            return new FixAnswerSchema(json, document, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer schema", e);
        }
    }

    /** A model's answer text was not a valid answer. The message says what and where, not the answer itself. */
    public static final class RejectedAnswer extends RuntimeException {

        /** How the answer failed. */
        public enum Kind {
            /** Not a single JSON object. */
            MALFORMED_JSON,
            /** A JSON object that breaks the schema. */
            SCHEMA_VIOLATION
        }

        private final Kind kind;

        public RejectedAnswer(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }
}
