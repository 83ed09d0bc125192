package dev.feedbackloop.report.ctrf;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.json.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.StringJoiner;

/**
 * The CTRF JSON schema (taken unchanged from the CTRF project, MIT licence, next to this class as
 * {@code ctrf.schema.json}), split so that a document can be validated while it streams: the test definition
 * ({@code #/properties/results/properties/tests/items}) for each test as it arrives, the whole schema for the rest.
 * Formats ({@code uuid}, {@code date-time}) are asserted, as the schema declares them. Thread-safe.
 */
final class CtrfSchema {

    private static final String RESOURCE = "ctrf.schema.json";
    private static final CtrfSchema INSTANCE = load();

    private final Schema document;
    private final Schema test;

    private CtrfSchema(Schema document, Schema test) {
        this.document = document;
        this.test = test;
    }

    static CtrfSchema instance() {
        return INSTANCE;
    }

    /** @throws ReportParseException naming the field path under {@code path} of the first problem */
    void validateTest(JsonNode node, String path) {
        check(test.validate(node), path);
    }

    /** @throws ReportParseException naming the field path of the first problem */
    void validateDocument(JsonNode node) {
        check(document.validate(node), "$");
    }

    private static void check(List<Error> errors, String base) {
        if (errors.isEmpty()) {
            return;
        }
        Error first = errors.get(0);
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more schema violation"
                + (errors.size() == 2 ? ")" : "s)");
        throw new ReportParseException(location(first, base), problem(first, errors) + more,
                null);
    }

    /** The JSON path of the offending value; for a missing or unknown property, the path of that property. */
    private static String location(Error error, String base) {
        String relative = error.getInstanceLocation().toString(); // "$", "$.status", "$.retryAttempts[0]"
        String path = base + relative.substring(1);
        String keyword = error.getKeyword();
        if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && error.getProperty() != null) {
            return JsonInput.child(path, error.getProperty());
        }
        return path;
    }

    private static String problem(Error error, List<Error> all) {
        if (error.getEvaluationPath().toString().contains("anyOf")) {
            return anyOf(error, all);
        }
        Object[] args = error.getArguments() == null ? new Object[0] : error.getArguments();
        JsonNode schemaValue = error.getSchemaNode();
        return switch (error.getKeyword()) {
            case "required" -> "is required but missing";
            case "additionalProperties" -> "is not a CTRF field (custom data belongs in an 'extra' object)";
            case "enum" -> "must be one of " + joined(schemaValue) + ", was " + error.getInstanceNode();
            case "const" -> "must be " + schemaValue + ", was " + error.getInstanceNode();
            case "type" -> "must be " + article(String.valueOf(args[1])) + ", was " + article(String.valueOf(args[0]));
            case "minLength" -> schemaValue.asInt() == 1 ? "must not be empty"
                    : "must be at least " + schemaValue.asInt() + " characters long";
            case "minItems" -> "must have at least " + schemaValue.asInt() + " item" + (schemaValue.asInt() == 1
                    ? "" : "s");
            case "minimum" -> "must be at least " + schemaValue + ", was " + error.getInstanceNode();
            case "pattern" -> "must match " + schemaValue.asText() + ", was " + error.getInstanceNode();
            case "format" -> "must be a valid " + schemaValue.asText() + ", was " + error.getInstanceNode();
            default -> error.getMessage();
        };
    }

    /** The alternatives of an {@code anyOf} (label values) fail one by one; say so once. */
    private static String anyOf(Error error, List<Error> all) {
        StringJoiner reasons = new StringJoiner("; ");
        for (Error other : all) {
            if (other.getInstanceLocation().equals(error.getInstanceLocation())) {
                reasons.add(other.getMessage());
            }
        }
        return "matches none of the allowed forms (" + reasons + ")";
    }

    private static String joined(JsonNode values) {
        StringJoiner joiner = new StringJoiner(", ");
        values.forEach(v -> joiner.add(v.asText()));
        return joiner.toString();
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "object", "array" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }

    private static CtrfSchema load() {
        try (InputStream in = CtrfSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("CTRF schema resource missing: " + RESOURCE
                        + " next to " + CtrfSchema.class.getName());
            }
            JsonNode schemaNode = JsonInput.mapper().readTree(in);
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                    builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_PATH).formatAssertionsEnabled(true).build()));
            Schema document = registry.getSchema(
                    SchemaLocation.of("classpath:dev/feedbackloop/report/ctrf/" + RESOURCE), schemaNode);
            NodePath testItems = new NodePath(PathType.JSON_POINTER).append("properties").append("results")
                    .append("properties").append("tests").append("items");
            return new CtrfSchema(document, document.getSubSchema(testItems));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CTRF schema", e);
        }
    }
}
