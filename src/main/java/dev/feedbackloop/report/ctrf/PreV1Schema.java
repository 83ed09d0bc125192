package dev.feedbackloop.report.ctrf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.report.json.JsonInput;
import java.util.Iterator;
import java.util.Map;

/**
 * Derives the schema pre-1.0 CTRF documents are held to from the 1.0 schema, so that both stay one file and every
 * relaxation is written here, once. What reporters wrote before CTRF 1.0 (the published schemas of 2024 to
 * October 2025: no {@code reportFormat}/{@code specVersion} until March 2025, {@code suite} a string until August
 * 2025, {@code buildNumber} a string until then, and no ban on unknown properties):
 * <ul>
 *   <li>{@code reportFormat} and {@code specVersion} are no longer required (when present they must still be valid:
 *       {@code "CTRF"}, {@code MAJOR.MINOR.PATCH});</li>
 *   <li>a test's {@code suite} may be a non-empty array of strings or a string;</li>
 *   <li>{@code environment.buildNumber} and {@code baseline.buildNumber} may be an integer or a string;</li>
 *   <li>every {@code additionalProperties: false} is dropped: unknown properties are ignored.</li>
 * </ul>
 * Everything else is the 1.0 schema: required names, statuses, durations, the summary's counts and times.
 */
final class PreV1Schema {

    private PreV1Schema() {
    }

    /** The 1.0 schema {@code schema} (a copy the caller owns), relaxed in place; returns it. */
    static JsonNode relax(JsonNode schema) {
        ArrayNode required = (ArrayNode) schema.get("required");
        for (Iterator<JsonNode> names = required.elements(); names.hasNext(); ) {
            String name = names.next().asText();
            if (name.equals("reportFormat") || name.equals("specVersion")) {
                names.remove();
            }
        }
        ObjectNode suite = (ObjectNode) schema.at("/properties/results/properties/tests/items/properties/suite");
        suite.set("type", stringOr("array"));
        for (String path : new String[] {"/properties/results/properties/environment/properties/buildNumber",
                "/properties/baseline/properties/buildNumber"}) {
            ((ObjectNode) schema.at(path)).set("type", stringOr("integer"));
        }
        allowUnknownProperties(schema);
        return schema;
    }

    private static ArrayNode stringOr(String type) {
        return JsonInput.mapper().createArrayNode().add(type).add("string");
    }

    private static void allowUnknownProperties(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode additional = object.get("additionalProperties");
            if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                object.remove("additionalProperties");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                allowUnknownProperties(fields.next().getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(PreV1Schema::allowUnknownProperties);
        }
    }
}
