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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The CTRF JSON schema (taken unchanged from the CTRF project, MIT licence, next to this class as
 * {@code ctrf.schema.json}), split so that a document can be validated while it streams: the test definition
 * ({@code #/properties/results/properties/tests/items}) for each test as it arrives, the whole schema for the rest.
 * Formats ({@code uuid}, {@code date-time}) are asserted, as the schema declares them. Thread-safe.
 *
 * <p>Two variants: {@link Edition#V1} is the schema as published; {@link Edition#PRE_1_0} is derived from it for the
 * documents reporters wrote before CTRF 1.0 (see {@link CtrfParser} for when a document is one), relaxed in exactly
 * these ways and no other: {@code reportFormat} and {@code specVersion} are not required; a test's {@code suite} may
 * be a string as well as an array; {@code environment.buildNumber} and {@code baseline.buildNumber} may be strings as
 * well as integers; and properties the schema does not name are allowed (the pre-1.0 schemas allowed them).
 */
final class CtrfSchema {

    /** Which schema a document is held to. */
    enum Edition { V1, PRE_1_0 }

    /** One way a document breaks the schema: the JSON path of the value and what is wrong with it. */
    record Violation(String path, String problem) {
    }

    private static final String RESOURCE = "ctrf.schema.json";
    private static final CtrfSchema INSTANCE = load();

    private final Schema document;
    private final Schema test;
    private final Schema legacyDocument;
    private final Schema legacyTest;

    private CtrfSchema(Schema document, Schema test, Schema legacyDocument, Schema legacyTest) {
        this.document = document;
        this.test = test;
        this.legacyDocument = legacyDocument;
        this.legacyTest = legacyTest;
    }

    static CtrfSchema instance() {
        return INSTANCE;
    }

    /** How one test object (at {@code path} in the document) breaks the schema; empty when it does not. */
    List<Violation> testViolations(JsonNode node, String path, Edition edition) {
        return violations((edition == Edition.V1 ? test : legacyTest).validate(node), path);
    }

    /** How the document (its tests left out) breaks the schema; empty when it does not. */
    List<Violation> documentViolations(JsonNode node, Edition edition) {
        return violations((edition == Edition.V1 ? document : legacyDocument).validate(node), "$");
    }

    /**
     * A rejection listing every violation: the first one's path is the location, its problem the first line, and
     * the others follow one a line, each with its path. At most {@code listed.size()} of {@code total} are listed.
     */
    static ReportParseException rejection(List<Violation> listed, long total) {
        Violation first = listed.get(0);
        if (total == 1) {
            return new ReportParseException(first.path(), first.problem(), null);
        }
        StringBuilder problem = new StringBuilder(first.problem()).append("\nand ").append(total - 1)
                .append(" more violation").append(total == 2 ? "" : "s").append(" of the CTRF schema:");
        for (Violation violation : listed.subList(1, listed.size())) {
            problem.append("\n  ").append(violation.path()).append(": ").append(violation.problem());
        }
        if (total > listed.size()) {
            problem.append("\n  ... and ").append(total - listed.size()).append(" more not listed");
        }
        return new ReportParseException(first.path(), problem.toString(), null);
    }

    private static List<Violation> violations(List<Error> errors, String base) {
        List<Violation> violations = new ArrayList<>();
        Set<String> anyOfReported = new HashSet<>();
        for (Error error : errors) {
            String path = location(error, base);
            boolean anyOf = error.getEvaluationPath().toString().contains("anyOf");
            if (anyOf && !anyOfReported.add(path)) {
                continue; // the alternatives of one anyOf fail one by one; problem() says so once
            }
            violations.add(new Violation(path, problem(error, errors)));
        }
        return violations;
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
            Schema legacy = registry.getSchema(
                    SchemaLocation.of("classpath:dev/feedbackloop/report/ctrf/pre-1.0/" + RESOURCE),
                    PreV1Schema.relax(schemaNode.deepCopy()));
            NodePath testItems = new NodePath(PathType.JSON_POINTER).append("properties").append("results")
                    .append("properties").append("tests").append("items");
            return new CtrfSchema(document, document.getSubSchema(testItems), legacy,
                    legacy.getSubSchema(testItems));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CTRF schema", e);
        }
    }
}
