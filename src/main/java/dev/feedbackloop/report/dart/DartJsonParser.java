package dev.feedbackloop.report.dart;

import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParser;
import dev.feedbackloop.report.json.JsonFields;
import dev.feedbackloop.report.json.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the event stream of Dart's JSON reporter ({@code dart test --reporter json}, {@code flutter test --machine};
 * protocol: <a href="https://github.com/dart-lang/test/blob/master/pkgs/test/doc/json_reporter.md">
 * json_reporter.md</a>), one JSON object a line: {@code start}, {@code suite}, {@code testStart}, {@code print},
 * {@code error}, {@code testDone}, {@code done}; {@code group}, {@code allSuites} and {@code debug} carry nothing a
 * result needs. Lines that are not JSON (a banner {@code flutter test} prints) are skipped. How events become
 * results is described on {@link DartRun}.
 *
 * <p>Errors name the line and the field: {@code line 9: $.test.id: must be an integer, was a string}.
 */
public final class DartJsonParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.DART_JSON;
    }

    @Override
    public void parse(InputStream in, ReportListener listener) throws IOException {
        DartRun run = new DartRun(listener::onResult);
        StringBuilder tool = new StringBuilder("dart test");
        JsonLines.read(in, (event, line) -> {
            JsonFields fields = JsonFields.ofLine(event, line);
            String type = fields.text("type").orElse("");
            if (type.equals("start")) {
                fields.text("runnerVersion").ifPresent(version -> tool.append(' ').append(version));
            }
            dispatch(run, type, fields);
        });
        run.finish();
        listener.onReportInfo(new ReportInfo(Optional.of(tool.toString()), Optional.empty(), Optional.empty(),
                Map.of()));
    }

    private static void dispatch(DartRun run, String type, JsonFields event) {
        switch (type) {
            case "suite" -> {
                JsonFields suite = event.object("suite");
                run.suite(suite.requiredInteger("id"), suite.text("path").orElse(""));
            }
            case "testStart" -> run.testStarted(DartRun.Started.of(event.object("test"), event.integer("time")));
            case "print" -> run.printed(event.requiredInteger("testID"), event.text("messageType").orElse("print"),
                    event.text("message").orElse(""));
            case "error" -> run.error(event.requiredInteger("testID"), event.text("error").orElse(""),
                    event.text("stackTrace").orElse(""), event.bool("isFailure").orElse(false));
            case "testDone" -> run.testDone(event.requiredInteger("testID"), event.requiredText("result"),
                    event.bool("skipped").orElse(false), event.bool("hidden").orElse(false),
                    event.integer("time"));
            case "done" -> run.finish();
            default -> { } // start, allSuites, group, debug, and event types of later protocol versions
        }
    }
}
