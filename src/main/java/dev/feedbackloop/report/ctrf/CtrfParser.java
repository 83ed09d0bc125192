package dev.feedbackloop.report.ctrf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportParser;
import dev.feedbackloop.report.json.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads CTRF JSON (<a href="https://ctrf.io">ctrf.io</a>) and validates it against the CTRF JSON schema while it
 * streams: each element of {@code results.tests} is read as its own small tree, validated against the schema's test
 * definition and handed on before the next one is read; the rest of the document (tool, summary, environment, ...)
 * is collected with {@code tests} left empty and validated against the whole schema at the end. Memory is bounded by
 * the largest single test, whatever the number of tests.
 *
 * <p>A document that breaks the schema is rejected with a {@link ReportParseException} whose location is the JSON
 * path of the offending field ({@code $.results.tests[3].status}). Results handed on before a late problem was found
 * (the summary can come after the tests) stay valid, as {@link ReportParser} allows. How statuses, retries and
 * {@code flaky} become attempts is described on {@link CtrfTests}.
 */
public final class CtrfParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.CTRF_JSON;
    }

    @Override
    public void parse(InputStream in, ReportListener listener) throws IOException {
        CtrfSchema schema = CtrfSchema.instance(); // loaded on first use: building it costs a few hundred ms
        try (JsonParser parser = JsonInput.open(in)) {
            JsonInput.expectObjectDocument(parser, "CTRF");
            ObjectNode document = JsonInput.objectNode();
            while (JsonInput.next(parser) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = JsonInput.next(parser);
                if (field.equals("results") && value == JsonToken.START_OBJECT) {
                    document.set(field, readResults(parser, listener));
                } else {
                    document.set(field, JsonInput.readTree(parser));
                }
            }
            if (JsonInput.next(parser) != null) {
                throw JsonInput.problemAt(parser, "unexpected content after the end of the CTRF document");
            }
            schema.validateDocument(document);
            listener.onReportInfo(info(document.path("results")));
        }
    }

    /** The {@code results} object, its tests streamed to the listener and left out of the returned tree. */
    private ObjectNode readResults(JsonParser parser, ReportListener listener) throws IOException {
        ObjectNode results = JsonInput.objectNode();
        while (JsonInput.next(parser) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = JsonInput.next(parser);
            if (field.equals("tests") && value == JsonToken.START_ARRAY) {
                streamTests(parser, listener);
                results.set(field, JsonInput.mapper().createArrayNode());
            } else {
                results.set(field, JsonInput.readTree(parser));
            }
        }
        return results;
    }

    private void streamTests(JsonParser parser, ReportListener listener) throws IOException {
        int index = 0;
        while (JsonInput.next(parser) != JsonToken.END_ARRAY) {
            JsonNode test = JsonInput.readTree(parser);
            String path = "$.results.tests[" + index + "]";
            CtrfSchema.instance().validateTest(test, path);
            listener.onResult(toResult(test, path));
            index++;
        }
    }

    private static TestResult toResult(JsonNode test, String path) {
        try {
            return CtrfTests.toResult(test);
        } catch (IllegalArgumentException e) {
            throw new ReportParseException(path, e.getMessage(), e);
        }
    }

    private static ReportInfo info(JsonNode results) {
        JsonNode tool = results.path("tool");
        Optional<String> name = JsonInput.text(tool, "name");
        Optional<String> toolLabel = name.map(n -> JsonInput.text(tool, "version").map(v -> n + " " + v).orElse(n));
        JsonNode summary = results.path("summary");
        Optional<Instant> start = epochMillis(JsonInput.integer(summary, "start"));
        Optional<Instant> stop = epochMillis(JsonInput.integer(summary, "stop"))
                .filter(s -> start.isEmpty() || !s.isBefore(start.get()));
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : results.path("environment").properties()) {
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                environment.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return new ReportInfo(toolLabel, start, stop, environment);
    }

    private static Optional<Instant> epochMillis(OptionalLong millis) {
        // 0 is what some producers write when they do not know; it is no real run time.
        return millis.isPresent() && millis.getAsLong() > 0 ? Optional.of(Instant.ofEpochMilli(millis.getAsLong()))
                : Optional.empty();
    }
}
