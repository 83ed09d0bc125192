package dev.feedbackloop.report.playwright;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportParser;
import dev.feedbackloop.report.json.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the output of Playwright's JSON reporter ({@code reporter: [['json', {outputFile: ...}]]}): {@code config},
 * nested {@code suites} (a file, then its {@code describe} blocks), their {@code specs}, one test per project in
 * each spec, one result per retry in each test, the top-level {@code errors} and {@code stats}.
 *
 * <p>Suites are streamed: each spec is read as its own small tree and its results handed on before the next spec is
 * read, so memory is bounded by the largest spec whatever the size of the report. How a spec becomes results is
 * described on {@link PlaywrightSpecs}. Errors Playwright reports outside any test (a spec file that fails to load, a
 * failing global setup) become one {@code ERROR} result per file, so that they are classified and seen rather than
 * lost; Playwright's own {@code stats} do not count them.
 */
public final class PlaywrightParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.PLAYWRIGHT_JSON;
    }

    @Override
    public void parse(InputStream in, ReportListener listener) throws IOException {
        try (JsonParser parser = JsonInput.open(in)) {
            JsonInput.expectObjectDocument(parser, "Playwright JSON");
            JsonNode config = JsonInput.objectNode();
            JsonNode stats = JsonInput.objectNode();
            JsonNode errors = JsonInput.mapper().createArrayNode();
            boolean sawSuites = false;
            while (JsonInput.next(parser) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = JsonInput.next(parser);
                switch (field) {
                    case "suites" -> {
                        expect(parser, value, JsonToken.START_ARRAY, "an array of suites");
                        streamSuites(parser, List.of(), true, listener);
                        sawSuites = true;
                    }
                    case "config" -> config = JsonInput.readTree(parser);
                    case "stats" -> stats = JsonInput.readTree(parser);
                    case "errors" -> errors = JsonInput.readTree(parser);
                    default -> JsonInput.skipValue(parser);
                }
            }
            if (!sawSuites) {
                throw new ReportParseException("$.suites", "not a Playwright JSON report: no 'suites' array", null);
            }
            PlaywrightSpecs.globalErrors(errors).forEach(listener::onResult);
            listener.onReportInfo(info(config, stats));
        }
    }

    /**
     * The elements of a {@code suites} array: files at the top level, describe blocks below; {@code describes} are
     * the titles of the enclosing describe blocks.
     */
    private static void streamSuites(JsonParser parser, List<String> describes, boolean files,
                                     ReportListener listener) throws IOException {
        while (JsonInput.next(parser) != JsonToken.END_ARRAY) {
            expect(parser, parser.currentToken(), JsonToken.START_OBJECT, "a suite object");
            readSuite(parser, describes, files, listener);
        }
    }

    /**
     * One suite object. The first level of suites are files, whose title is the file path; deeper levels are
     * describe blocks, whose titles prefix the names of the specs they hold. Playwright writes a suite's title before
     * its specs; should another writer not, the specs wait until the suite has been read.
     */
    private static void readSuite(JsonParser parser, List<String> describes, boolean isFile,
                                  ReportListener listener) throws IOException {
        String title = null;
        List<PendingSpec> waiting = new ArrayList<>();
        List<String> inner = describes;
        while (JsonInput.next(parser) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = JsonInput.next(parser);
            if (field.equals("title") && value == JsonToken.VALUE_STRING) {
                title = parser.getText();
                inner = isFile || title.isBlank() ? describes : append(describes, title);
                flush(waiting, inner, listener);
            } else if (field.equals("specs") && value == JsonToken.START_ARRAY) {
                readSpecs(parser, title == null ? null : inner, waiting, listener);
            } else if (field.equals("suites") && value == JsonToken.START_ARRAY) {
                streamSuites(parser, inner, false, listener);
            } else {
                JsonInput.skipValue(parser);
            }
        }
        flush(waiting, inner, listener);
    }

    private static void readSpecs(JsonParser parser, List<String> describes, List<PendingSpec> waiting,
                                  ReportListener listener) throws IOException {
        while (JsonInput.next(parser) != JsonToken.END_ARRAY) {
            expect(parser, parser.currentToken(), JsonToken.START_OBJECT, "a spec object");
            String path = JsonInput.path(parser.getParsingContext());
            JsonNode spec = JsonInput.readTree(parser);
            if (describes == null) {
                waiting.add(new PendingSpec(spec, path));
            } else {
                PlaywrightSpecs.results(spec, describes, path).forEach(listener::onResult);
            }
        }
    }

    private static void flush(List<PendingSpec> waiting, List<String> describes, ReportListener listener) {
        for (PendingSpec pending : waiting) {
            PlaywrightSpecs.results(pending.spec(), describes, pending.path()).forEach(listener::onResult);
        }
        waiting.clear();
    }

    private static List<String> append(List<String> titles, String title) {
        List<String> longer = new ArrayList<>(titles);
        longer.add(title);
        return List.copyOf(longer);
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw JsonInput.problemAt(parser, "expected " + what + ", found " + actual);
        }
    }

    private static ReportInfo info(JsonNode config, JsonNode stats) {
        Optional<String> tool = JsonInput.text(config, "version").map(v -> "playwright " + v);
        Optional<Instant> start = JsonInput.text(stats, "startTime").flatMap(PlaywrightParser::instant);
        JsonNode duration = stats.path("duration"); // milliseconds, often fractional
        Optional<Instant> finish = start.filter(s -> duration.isNumber() && duration.asDouble() >= 0)
                .map(s -> s.plusMillis(Math.round(duration.asDouble())));
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : config.path("metadata").properties()) {
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                environment.put(entry.getKey(), entry.getValue().asText());
            }
        }
        List<String> projects = new ArrayList<>();
        config.path("projects").forEach(p -> JsonInput.text(p, "name").filter(n -> !n.isBlank())
                .ifPresent(projects::add));
        if (!projects.isEmpty()) {
            environment.put("playwright.projects", String.join(", ", projects));
        }
        return new ReportInfo(tool, start, finish, environment);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private record PendingSpec(JsonNode spec, String path) {
    }
}
