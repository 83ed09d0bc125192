package dev.feedbackloop.report.gotest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParser;
import dev.feedbackloop.report.json.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the event stream of {@code go test -json} (<a href="https://pkg.go.dev/cmd/test2json">test2json</a>), one
 * JSON object a line: {@code run}, {@code output}, {@code pass}, {@code fail}, {@code skip} per package and test,
 * {@code start} and a final {@code pass}/{@code fail}/{@code skip} per package, and since Go 1.24
 * {@code build-output}/{@code build-fail}. How events become results is described on {@link GoTestRun}.
 *
 * <p>The stream is read line by line ({@link JsonLines}); a line that is not JSON is text {@code go test} printed
 * around the events (with {@code 2>&1}: compiler errors, {@code go: downloading ...}). Before Go 1.24 a package that
 * does not compile has no events at all, only the line {@code FAIL <package> [build failed]}: that line, with the
 * text lines before it, becomes the package's build failure.
 *
 * <p>Errors name the line and the field: {@code line 7: $.Elapsed: must be a number, was a string}.
 */
public final class GoTestParser implements ReportParser {

    private static final Pattern FAILED_WITHOUT_EVENTS = Pattern.compile(
            "^FAIL\\s+(\\S+)\\s+\\[(build|setup) failed]\\s*$"); // FAIL	example.com/x [build failed]

    @Override
    public ReportFormat format() {
        return ReportFormat.GO_TEST_JSON;
    }

    @Override
    public void parse(InputStream in, ReportListener listener) throws IOException {
        GoTestRun run = new GoTestRun(listener::onResult);
        Times times = new Times();
        JsonLines.read(in, new JsonLines.Handler() {
            @Override
            public void event(JsonNode event, int line) {
                GoEvent parsed = GoEvent.of(event, line);
                times.see(parsed.time());
                dispatch(run, parsed);
            }

            @Override
            public void text(String text, int line) {
                Matcher failed = FAILED_WITHOUT_EVENTS.matcher(text);
                if (failed.matches()) {
                    run.failedWithoutEvents(failed.group(1), failed.group(2) + " failed");
                } else {
                    run.strayText(text);
                }
            }
        });
        run.finish();
        listener.onReportInfo(new ReportInfo(Optional.of("go test"), times.first, times.last, Map.of()));
    }

    private static void dispatch(GoTestRun run, GoEvent event) {
        String pkg = event.pkg();
        switch (event.action()) {
            case "run" -> run.started(pkg, event.requireTest());
            case "output" -> {
                if (event.test().isPresent()) {
                    run.testOutput(pkg, event.test().get(), event.output());
                } else {
                    run.packageOutput(pkg, event.output());
                }
            }
            case "pass", "fail", "skip" -> {
                if (event.test().isPresent()) {
                    run.ended(pkg, event.test().get(), event.action(), event.elapsedMillis());
                } else {
                    run.packageEnded(pkg, event.action(), event.failedBuild());
                }
            }
            case "build-output" -> run.buildOutput(event.importPath(), event.output());
            case "attr" -> event.test().ifPresent(test -> run.attribute(pkg, test, event.key(), event.value()));
            default -> { } // start, pause, cont, bench, build-fail, and actions of later Go versions
        }
    }

    /** The first and last event times. */
    private static final class Times {
        Optional<Instant> first = Optional.empty();
        Optional<Instant> last = Optional.empty();

        void see(Optional<String> time) {
            Optional<Instant> instant = time.flatMap(Times::parse);
            if (instant.isEmpty()) {
                return;
            }
            if (first.isEmpty() || instant.get().isBefore(first.get())) {
                first = instant;
            }
            if (last.isEmpty() || instant.get().isAfter(last.get())) {
                last = instant;
            }
        }

        private static Optional<Instant> parse(String text) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty(); // a time is a nicety; a bad one costs nothing else
            }
        }
    }
}
