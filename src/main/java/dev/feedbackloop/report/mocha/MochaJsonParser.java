package dev.feedbackloop.report.mocha;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportParser;
import dev.feedbackloop.report.json.JsonFields;
import dev.feedbackloop.report.json.JsonInput;
import dev.feedbackloop.report.json.RepeatedNames;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the output of mocha's {@code json} reporter ({@code mocha --reporter json}): {@code stats}, then
 * {@code tests} (every test that ended), and the same tests again sorted into {@code pending}, {@code failures} and
 * {@code passes}. How an entry becomes a result is described on {@link MochaTests}.
 *
 * <p>Which arrays are read: the first of {@code tests} or the sorted arrays to appear is the source of the tests, the
 * other is skipped, so each test is reported once whatever order a tool wrote the keys in. A failed hook
 * ({@code "before each" hook for "x"}) appears only in {@code failures}, never in {@code tests}: such entries are
 * always read, as errors. Each array is streamed element by element, so memory is bounded by the largest test.
 *
 * <p>Errors name the field: {@code $.tests[3].title (line 40): is required but missing}.
 */
public final class MochaJsonParser implements ReportParser {

    private enum Source { NONE, TESTS, SORTED }

    @Override
    public ReportFormat format() {
        return ReportFormat.MOCHA_JSON;
    }

    @Override
    public void parse(InputStream in, ReportListener listener) throws IOException {
        try (JsonParser parser = JsonInput.open(in)) {
            JsonInput.expectObjectDocument(parser, "mocha JSON");
            RepeatedNames names = new RepeatedNames();
            Source source = Source.NONE;
            JsonNode stats = JsonInput.objectNode();
            boolean sawArray = false;
            while (JsonInput.next(parser) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = JsonInput.next(parser);
                String path = JsonInput.child("$", field);
                switch (field) {
                    case "stats" -> stats = JsonInput.readTree(parser);
                    case "tests" -> {
                        boolean read = source != Source.SORTED;
                        source = read ? Source.TESTS : source;
                        stream(parser, value, path, MochaTests.Kind.ENDED, read, names, listener);
                        sawArray |= value == JsonToken.START_ARRAY;
                    }
                    case "passes", "pending", "failures" -> {
                        boolean read = source != Source.TESTS;
                        source = read ? Source.SORTED : source;
                        stream(parser, value, path, MochaTests.Kind.valueOf(field.toUpperCase(java.util.Locale.ROOT)),
                                read, names, listener);
                        sawArray |= value == JsonToken.START_ARRAY;
                    }
                    default -> JsonInput.skipValue(parser);
                }
            }
            if (JsonInput.next(parser) != null) {
                throw JsonInput.problemAt(parser, "unexpected content after the end of the mocha JSON document");
            }
            if (!sawArray) {
                throw new ReportParseException("$", "not a mocha JSON report: no 'tests', 'passes', 'failures' or"
                        + " 'pending' array", null);
            }
            listener.onReportInfo(info(stats));
        }
    }

    /**
     * Streams one array. Entries are reported when {@code read}; failed hooks in {@code failures} always are.
     */
    private static void stream(JsonParser parser, JsonToken value, String path, MochaTests.Kind kind, boolean read,
                               RepeatedNames names, ReportListener listener) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        JsonInput.forEachObject(parser, value, path, (element, elementPath, line) -> {
            JsonFields entry = JsonFields.of(element, elementPath, line);
            boolean hook = kind == MochaTests.Kind.FAILURES && MochaTests.isHook(entry);
            if (read || hook) {
                listener.onResult(MochaTests.toResult(entry, hook ? MochaTests.Kind.HOOK : kind, names));
            }
        });
    }

    private static ReportInfo info(JsonNode stats) {
        Optional<Instant> start = JsonInput.text(stats, "start").flatMap(MochaJsonParser::instant);
        Optional<Instant> end = JsonInput.text(stats, "end").flatMap(MochaJsonParser::instant)
                .filter(e -> start.isEmpty() || !e.isBefore(start.get()));
        return new ReportInfo(Optional.of("mocha"), start, end, Map.of());
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // a time is a nicety; a bad one costs nothing else
        }
    }
}
