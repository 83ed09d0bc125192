package dev.feedbackloop.report.ctrf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParser;
import dev.feedbackloop.report.json.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads CTRF JSON (<a href="https://ctrf.io">ctrf.io</a>) and validates it against the CTRF JSON schema while it
 * streams: each element of {@code results.tests} is read as its own small tree, validated against the schema's test
 * definition and handed on before the next one is read; the rest of the document (tool, summary, environment, ...)
 * is collected with {@code tests} left empty and validated against the whole schema at the end. Memory is bounded by
 * the largest single test, whatever the number of tests.
 *
 * <p>Pre-1.0 documents: reporters wrote CTRF before its 1.0 schema, without {@code reportFormat} and
 * {@code specVersion} (until March 2025) or with {@code specVersion: "0.0.0"} (until October 2025). A document with
 * neither marker, or whose {@code specVersion} is {@code 0.x.y}, is held to {@link PreV1Schema} (a string
 * {@code suite} is the suite as written, a string {@code buildNumber} is kept as text, unknown properties are
 * ignored); any other document, including one with {@code reportFormat} but no {@code specVersion}, to the 1.0
 * schema as published. Until the markers are read (they may follow {@code results}), each test is checked against
 * both and handed on when it is valid for a pre-1.0 document, the lenient of the two.
 *
 * <p>A document that breaks its schema is rejected with a {@link ReportParseException} that lists every violation
 * (up to {@value #MAX_LISTED}, with the count of the rest), each with the JSON path of the offending field
 * ({@code $.results.tests[3].status}); the first one is the exception's location. The whole document is read before
 * it is rejected; no test is handed on after the first violation, and those handed on before stay valid, as
 * {@link ReportParser} allows. How statuses, retries and {@code flaky} become attempts is described on
 * {@link CtrfTests}.
 */
public final class CtrfParser implements ReportParser {

    /** Violations listed in a rejection at most; the rest are counted. */
    static final int MAX_LISTED = 100;

    private static final Pattern PRE_1_0_VERSION = Pattern.compile("0\\.\\d+\\.\\d+");

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
            Validation validation = new Validation();
            while (JsonInput.next(parser) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = JsonInput.next(parser);
                if (field.equals("results") && value == JsonToken.START_OBJECT) {
                    validation.edition = edition(document, false);
                    document.set(field, readResults(parser, validation, listener));
                } else {
                    document.set(field, JsonInput.readTree(parser));
                }
            }
            if (JsonInput.next(parser) != null) {
                throw JsonInput.problemAt(parser, "unexpected content after the end of the CTRF document");
            }
            CtrfSchema.Edition edition = edition(document, true).orElseThrow();
            Violations violations = validation.of(edition);
            violations.addAll(schema.documentViolations(document, edition));
            if (violations.total > 0) {
                throw CtrfSchema.rejection(violations.listed, violations.total);
            }
            listener.onReportInfo(info(document.path("results")));
        }
    }

    /**
     * Which schema the document is held to, from its markers; empty while they may still come
     * ({@code complete == false}).
     */
    static Optional<CtrfSchema.Edition> edition(JsonNode document, boolean complete) {
        JsonNode specVersion = document.get("specVersion");
        if (specVersion != null) {
            return Optional.of(specVersion.isTextual() && PRE_1_0_VERSION.matcher(specVersion.asText()).matches()
                    ? CtrfSchema.Edition.PRE_1_0 : CtrfSchema.Edition.V1);
        }
        if (!complete) {
            return Optional.empty();
        }
        return Optional.of(document.has("reportFormat") ? CtrfSchema.Edition.V1 : CtrfSchema.Edition.PRE_1_0);
    }

    /** The {@code results} object, its tests streamed to the listener and left out of the returned tree. */
    private ObjectNode readResults(JsonParser parser, Validation validation, ReportListener listener)
            throws IOException {
        ObjectNode results = JsonInput.objectNode();
        while (JsonInput.next(parser) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = JsonInput.next(parser);
            if (field.equals("tests") && value == JsonToken.START_ARRAY) {
                streamTests(parser, validation, listener);
                results.set(field, JsonInput.mapper().createArrayNode());
            } else {
                results.set(field, JsonInput.readTree(parser));
            }
        }
        return results;
    }

    private void streamTests(JsonParser parser, Validation validation, ReportListener listener) throws IOException {
        int index = 0;
        while (JsonInput.next(parser) != JsonToken.END_ARRAY) {
            JsonNode test = JsonInput.readTree(parser);
            String path = "$.results.tests[" + index + "]";
            boolean valid = validation.check(test, path);
            if (valid && validation.noneSoFar()) {
                try {
                    listener.onResult(CtrfTests.toResult(test));
                } catch (IllegalArgumentException e) {
                    validation.add(new CtrfSchema.Violation(path, e.getMessage()));
                }
            }
            index++;
        }
    }

    /** The violations found so far, for the edition a document is held to or, while undecided, for both. */
    private static final class Validation {
        Optional<CtrfSchema.Edition> edition = Optional.empty();
        final Violations v1 = new Violations();
        final Violations preV1 = new Violations();

        /** Checks one test; whether it is valid for the edition, or while undecided, for a pre-1.0 document. */
        boolean check(JsonNode test, String path) {
            CtrfSchema schema = CtrfSchema.instance();
            if (edition.isEmpty() || edition.get() == CtrfSchema.Edition.V1) {
                v1.addAll(schema.testViolations(test, path, CtrfSchema.Edition.V1));
            }
            if (edition.isEmpty() || edition.get() == CtrfSchema.Edition.PRE_1_0) {
                List<CtrfSchema.Violation> found = schema.testViolations(test, path, CtrfSchema.Edition.PRE_1_0);
                preV1.addAll(found);
                return found.isEmpty();
            }
            return v1.lastCheckAddedNone;
        }

        void add(CtrfSchema.Violation violation) {
            v1.addAll(List.of(violation));
            preV1.addAll(List.of(violation));
        }

        boolean noneSoFar() {
            return edition.map(this::of).orElse(preV1).total == 0;
        }

        Violations of(CtrfSchema.Edition which) {
            return which == CtrfSchema.Edition.V1 ? v1 : preV1;
        }
    }

    /** The first {@value #MAX_LISTED} violations and how many there are. */
    private static final class Violations {
        final List<CtrfSchema.Violation> listed = new ArrayList<>();
        long total;
        boolean lastCheckAddedNone = true;

        void addAll(List<CtrfSchema.Violation> found) {
            lastCheckAddedNone = found.isEmpty();
            for (CtrfSchema.Violation violation : found) {
                if (listed.size() < MAX_LISTED) {
                    listed.add(violation);
                }
                total++;
            }
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
