package dev.feedbackloop.report.rspec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ErrorMessages;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportParser;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.report.json.JsonFields;
import dev.feedbackloop.report.json.JsonInput;
import dev.feedbackloop.report.json.RepeatedNames;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads RSpec's JSON formatter output ({@code rspec --format json}): {@code version}, {@code messages},
 * {@code examples}, {@code summary}. The examples are streamed one by one; how one becomes a result is described on
 * {@link RspecExamples}.
 *
 * <p>Errors outside examples (a spec file that does not load: {@code An error occurred while loading
 * ./spec/x_spec.rb}) are counted in {@code summary.errors_outside_of_examples_count} and told in {@code messages}:
 * when the count is above zero they become one error result named {@value #OUTSIDE_TESTS} carrying the messages, so
 * that they are classified and seen rather than lost; RSpec's own counts leave them out.
 *
 * <p>Errors name the field: {@code $.examples[3].status (line 40): must be passed, failed or pending, was "ok"}.
 */
public final class RspecJsonParser implements ReportParser {

    /** Name of the result standing for errors outside examples. */
    static final String OUTSIDE_TESTS = "errors outside tests";
    private static final int MAX_MESSAGES = 100;

    @Override
    public ReportFormat format() {
        return ReportFormat.RSPEC_JSON;
    }

    @Override
    public void parse(InputStream in, ReportListener listener) throws IOException {
        try (JsonParser parser = JsonInput.open(in)) {
            JsonInput.expectObjectDocument(parser, "RSpec JSON");
            RepeatedNames names = new RepeatedNames();
            List<String> messages = new ArrayList<>();
            JsonNode summary = JsonInput.objectNode();
            Optional<String> version = Optional.empty();
            boolean sawExamples = false;
            while (JsonInput.next(parser) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = JsonInput.next(parser);
                switch (field) {
                    case "examples" -> {
                        JsonInput.forEachObject(parser, value, "$.examples", (example, path, line) ->
                                listener.onResult(RspecExamples.toResult(JsonFields.of(example, path, line), names)));
                        sawExamples = true;
                    }
                    case "messages" -> readMessages(parser, value, messages);
                    case "summary" -> summary = JsonInput.readTree(parser);
                    case "version" -> version = Optional.of(JsonInput.readTree(parser)).filter(JsonNode::isTextual)
                            .map(JsonNode::asText);
                    default -> JsonInput.skipValue(parser);
                }
            }
            if (JsonInput.next(parser) != null) {
                throw JsonInput.problemAt(parser, "unexpected content after the end of the RSpec JSON document");
            }
            if (!sawExamples) {
                throw new ReportParseException("$.examples", "not an RSpec JSON report: no 'examples' array", null);
            }
            errorsOutsideExamples(JsonFields.of(summary, "$.summary", -1), messages).ifPresent(listener::onResult);
            listener.onReportInfo(new ReportInfo(Optional.of(version.map(v -> "rspec " + v).orElse("rspec")),
                    Optional.empty(), Optional.empty(), Map.of()));
        }
    }

    private static void readMessages(JsonParser parser, JsonToken value, List<String> messages) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            JsonInput.skipValue(parser); // messages are informative; a writer's odd shape costs nothing
            return;
        }
        JsonToken token;
        while ((token = JsonInput.next(parser)) != JsonToken.END_ARRAY && token != null) {
            JsonNode message = JsonInput.readTree(parser);
            if (message.isTextual() && messages.size() < MAX_MESSAGES) {
                messages.add(TextLimits.cap(message.asText(), TextLimits.MESSAGE));
            }
        }
    }

    private static Optional<TestResult> errorsOutsideExamples(JsonFields summary, List<String> messages) {
        long count = summary.integer("errors_outside_of_examples_count").orElse(0);
        if (count <= 0) {
            return Optional.empty();
        }
        StringJoiner text = new StringJoiner("\n\n");
        messages.stream().filter(m -> !m.startsWith("Run options:")).forEach(text::add);
        String message = ErrorMessages.stripAnsi(text.toString());
        if (message.isBlank()) {
            message = count + " error" + (count == 1 ? "" : "s") + " outside examples (RSpec wrote no message)";
        }
        Failure failure = new Failure(TextLimits.cap(message, TextLimits.MESSAGE), RspecExamples.namedError(message),
                Optional.empty());
        return Optional.of(TestResult.of(TestCase.of("", OUTSIDE_TESTS),
                List.of(Attempt.failing(0, AttemptStatus.ERROR, 0, failure))));
    }
}
