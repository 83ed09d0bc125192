package dev.feedbackloop.report.gotest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.report.json.JsonLines;
import dev.feedbackloop.testing.ParsedReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code go test -json} streams, recorded from a real Go toolchain (see the README beside the recordings) and written
 * by hand for what Go 1.19 cannot show (Go 1.24's build events) and for hostile input.
 */
class GoTestParserTest {

    private static final String CALC = "example.com/fix/calc";
    private final GoTestParser parser = new GoTestParser();

    @Test
    void aRecordedRunGivesEveryTestItsOutcomeAndLeavesOutParentsTheirSubtestsExplain() {
        ParsedReport report = recorded("mixed.json");

        assertThat(report.summary().format()).isEqualTo(ReportFormat.GO_TEST_JSON);
        assertThat(report.outline()).containsExactly(
                CALC + "|TestPass|PASSED|PASSED",
                CALC + "|TestFail|FAILED|FAILED",
                CALC + "|TestSkip|SKIPPED|SKIPPED",
                CALC + "|TestTable/1+2|PASSED|PASSED",
                CALC + "|TestTable/2+2|FAILED|FAILED",
                CALC + "|TestTable/0+0|PASSED|PASSED",
                CALC + "|TestNested/outer/inner_pass|PASSED|PASSED",
                CALC + "|TestNested/outer/inner/fail|FAILED|FAILED",
                CALC + "|TestParentOwnFailure/child|PASSED|PASSED",
                CALC + "|TestParentOwnFailure|FAILED|FAILED",
                CALC + "|TestFlaky|FAILED|FAILED",
                "example.com/fix/parallel|TestParallel/c|PASSED|PASSED",
                "example.com/fix/parallel|TestParallel/a|PASSED|PASSED",
                "example.com/fix/parallel|TestParallel/b|FAILED|FAILED",
                "example.com/fix/panics|TestBefore|PASSED|PASSED",
                "example.com/fix/panics|TestPanics|ERROR|ERROR",
                "example.com/fix/mainfail|errors outside tests|ERROR|ERROR");
        assertThat(report.info().orElseThrow().tool()).contains("go test");
        assertThat(report.info().orElseThrow().startedAt()).isPresent();
    }

    @Test
    void aFailureIsWhatTheTestLoggedWithoutTheTestingPackagesMarkers() {
        ParsedReport report = recorded("mixed.json");

        assertThat(failure(report, "TestTable/2+2").message()).isEqualTo("calc_test.go:22: got 4 want 5");
        assertThat(failure(report, "TestParallel/b").message()).isEqualTo("p_test.go:14: done b\np_test.go:16: b broke");
        assertThat(failure(report, "TestParentOwnFailure").message())
                .isEqualTo("calc_test.go:37: the parent itself failed after its children");
        assertThat(report.result("TestPass").attempts().get(0).stdout()).isEqualTo("calc_test.go:9: all good");
        assertThat(report.result("TestSkip").attempts().get(0).failure().orElseThrow().message())
                .isEqualTo("calc_test.go:16: not on this platform");
    }

    @Test
    void aPanicWrittenAfterTheTestEndedIsItsErrorWithTheGoroutineDumpAsStack() {
        Failure panic = failure(recorded("mixed.json"), "TestPanics");

        assertThat(panic.type()).contains("panic");
        assertThat(panic.message()).startsWith("panic: assignment to entry in nil map [recovered]");
        assertThat(panic.stackTrace().orElseThrow()).startsWith("goroutine 19 [running]:")
                .contains("example.com/fix/panics.TestPanics");
    }

    @Test
    void aTestRunningWhenTheTimeoutStruckIsAnError() {
        ParsedReport report = recorded("timeout.json");

        assertThat(report.outline()).containsExactly("example.com/fix/timeout|TestQuick|PASSED|PASSED",
                "example.com/fix/timeout|TestSlow|ERROR|ERROR");
        Failure timeout = failure(report, "TestSlow");
        assertThat(timeout.type()).contains("timeout");
        assertThat(timeout.message()).isEqualTo("panic: test timed out after 1s");
        assertThat(timeout.stackTrace().orElseThrow()).contains("example.com/fix/timeout.TestSlow");
    }

    @Test
    void aPackageThatFailsOutsideItsTestsIsOneErrorWithWhatItPrinted() {
        Failure failure = failure(recorded("mixed.json"), "errors outside tests");

        assertThat(failure.type()).contains("package failed");
        assertThat(failure.message()).isEqualTo(
                "database unreachable: dial tcp 127.0.0.1:5432: connect: connection refused");
    }

    @Test
    void runsOfCountTwoAreAttemptsOfOneTest() {
        ParsedReport report = recorded("count2.json");

        assertThat(report.result("TestFlaky").attempts()).extracting(Attempt::status)
                .containsExactly(AttemptStatus.FAILED, AttemptStatus.PASSED);
        assertThat(report.summary().flaky()).isEqualTo(1);
        assertThat(report.result("TestPass").attempts()).hasSize(2);
    }

    @Test
    void aPackageThatDoesNotBuildBeforeGo124IsAnErrorCarryingTheCompilerOutput() {
        ParsedReport report = recorded("build-mixed.json");

        assertThat(report.summary().format()).isEqualTo(ReportFormat.GO_TEST_JSON);
        assertThat(report.outline()).containsExactly("example.com/fix/broken|errors outside tests|ERROR|ERROR");
        Failure failure = report.single().lastFailure().orElseThrow();
        assertThat(failure.type()).contains("build failed");
        assertThat(failure.message()).contains("broken/b_test.go:5:28: undefined: undefinedFunction");
    }

    @Test
    void aPackageThatDoesNotBuildSinceGo124CarriesItsBuildOutputEvents() {
        ParsedReport report = ParsedReport.of(parser, lines(
                "{\"ImportPath\":\"x/broken [x/broken.test]\",\"Action\":\"build-output\",\"Output\":\"# x/broken\\n\"}",
                "{\"ImportPath\":\"x/broken [x/broken.test]\",\"Action\":\"build-output\",\"Output\":"
                        + "\"broken/b_test.go:5:28: undefined: f\\n\"}",
                "{\"ImportPath\":\"x/broken [x/broken.test]\",\"Action\":\"build-fail\"}",
                "{\"Action\":\"start\",\"Package\":\"x/broken\"}",
                "{\"Action\":\"output\",\"Package\":\"x/broken\",\"Output\":\"FAIL\\tx/broken [build failed]\\n\"}",
                "{\"Action\":\"fail\",\"Package\":\"x/broken\",\"Elapsed\":0,\"FailedBuild\":\"x/broken [x/broken.test]\"}",
                "{\"Action\":\"start\",\"Package\":\"x/ok\"}",
                "{\"Action\":\"run\",\"Package\":\"x/ok\",\"Test\":\"TestOk\"}",
                "{\"Action\":\"pass\",\"Package\":\"x/ok\",\"Test\":\"TestOk\",\"Elapsed\":0.25}",
                "{\"Action\":\"pass\",\"Package\":\"x/ok\",\"Elapsed\":0.3}"));

        assertThat(report.outline()).containsExactly("x/broken|errors outside tests|ERROR|ERROR",
                "x/ok|TestOk|PASSED|PASSED");
        assertThat(report.results().get(0).lastFailure().orElseThrow().message())
                .isEqualTo("# x/broken\nbroken/b_test.go:5:28: undefined: f");
        assertThat(report.result("TestOk").durationMillis()).isEqualTo(250);
    }

    @Test
    void aStreamCutOffMidRunReportsTheRunningTestsAsUnfinished() {
        ParsedReport report = ParsedReport.of(parser, lines(
                "{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"TestA\"}",
                "{\"Action\":\"output\",\"Package\":\"p\",\"Test\":\"TestA\",\"Output\":\"=== RUN   TestA\\n\"}",
                "{\"Action\":\"pass\",\"Package\":\"p\",\"Test\":\"TestA\"}",
                "{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"TestB\"}"));

        assertThat(report.outline()).containsExactly("p|TestA|PASSED|PASSED", "p|TestB|ERROR|ERROR");
        assertThat(failure(report, "TestB").type()).contains("unfinished");
    }

    @Test
    void resultsAreHandedOnBeforeTheStreamEndsOnceTheWindowIsFull() {
        int tests = GoTestRun.MAX_HELD_TESTS + 5;
        List<TestResult> seenBeforeTheEnd = new ArrayList<>();
        boolean[] ended = {false};
        InputStream stream = new SequenceInputStream(
                new ByteArrayInputStream(passingTests(tests).getBytes(StandardCharsets.UTF_8)),
                new InputStream() { // marks the moment the parser reaches the end of the stream
                    @Override
                    public int read() {
                        ended[0] = true;
                        return -1;
                    }
                });

        try {
            parser.parse(stream, result -> {
                if (!ended[0]) {
                    seenBeforeTheEnd.add(result);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        assertThat(seenBeforeTheEnd).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void longOutputIsCappedAndPlainTextLinesAreTolerated() {
        String lot = "x".repeat(4000);
        StringBuilder stream = new StringBuilder("go: downloading example.com/dep v1.0.0\n");
        stream.append("{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"TestLoud\"}\n");
        for (int i = 0; i < 100; i++) {
            stream.append("{\"Action\":\"output\",\"Package\":\"p\",\"Test\":\"TestLoud\",\"Output\":\"")
                    .append(lot).append("\\n\"}\r\n");
        }
        stream.append("{\"Action\":\"fail\",\"Package\":\"p\",\"Test\":\"TestLoud\"}\n");

        Failure failure = ParsedReport.of(stream.toString()).single().lastFailure().orElseThrow();

        assertThat(failure.message().length()).isLessThanOrEqualTo(TextLimits.MESSAGE);
        assertThat(failure.message()).contains("characters omitted");
    }

    @Test
    void anInvalidUtf8ByteInOutputIsReplaced() {
        byte[] head = "{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"T\"}\n{\"Action\":\"output\",\"Package\":\"p\",\"Test\":\"T\",\"Output\":\"a"
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "b\\n\"}\n{\"Action\":\"pass\",\"Package\":\"p\",\"Test\":\"T\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] stream = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, stream, 0, head.length);
        stream[head.length] = (byte) 0xFF;
        System.arraycopy(tail, 0, stream, head.length + 1, tail.length);

        TestResult result = ParsedReport.of(parser, new ByteArrayInputStream(stream)).single();

        assertThat(result.attempts().get(0).stdout()).isEqualTo("a\uFFFDb");
    }

    static Stream<Arguments> hostileStreams() {
        return Stream.of(
                Arguments.of("no Action", "{\"Package\":\"p\",\"Test\":\"T\"}", "line 1: $.Action",
                        "is required"),
                Arguments.of("Action a number", "{\"Action\":5,\"Package\":\"p\"}", "line 1: $.Action",
                        "must be a string, was a number"),
                Arguments.of("Elapsed a string", "{\"Action\":\"pass\",\"Package\":\"p\",\"Test\":\"T\",\"Elapsed\":\"1s\"}",
                        "line 1: $.Elapsed", "must be a number, was a string"),
                Arguments.of("Test an object", "{\"Action\":\"run\",\"Package\":\"p\",\"Test\":{}}", "line 1: $.Test",
                        "must be a string, was an object"),
                Arguments.of("run without a test", "{\"Action\":\"run\",\"Package\":\"p\"}", "line 1: $.Test",
                        "is required for a 'run' event"),
                Arguments.of("truncated last line", "{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"T\"}\n"
                        + "{\"Action\":\"pass\",\"Pack", "line 2, column", "truncated JSON: the line ends inside an event"),
                Arguments.of("malformed JSON", "{\"Action\" \"run\"}", "line 1, column", "malformed JSON"),
                Arguments.of("two events on one line", "{\"Action\":\"start\"} {\"Action\":\"start\"}", "line 1, column",
                        "more than one JSON value on the line"),
                Arguments.of("deeply nested", "{\"Action\":\"start\",\"x\":" + "[".repeat(5000) + "]".repeat(5000)
                        + "}", "line 1", "JSON exceeds a safety limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileStreams")
    void hostileStreamsAreRefusedNamingLineAndField(String name, String stream, String location, String problem) {
        ParsedReport.assertRejected(parser, stream, location, problem);
    }

    @Test
    void anEnormousLineOfTextIsSkippedButAnEnormousEventIsRefused() {
        String text = "x".repeat(JsonLines.MAX_LINE_CHARS + 10) + "\n";
        String event = "{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"T\"}\n";
        assertThat(ParsedReport.of(parser, text + event).outline()).containsExactly("p|T|ERROR|ERROR");

        String enormous = "{\"Action\":\"output\",\"Package\":\"p\",\"Output\":\"" + "y".repeat(JsonLines.MAX_LINE_CHARS)
                + "\"}\n";
        ReportParseException refused = catchThrowableOfType(ReportParseException.class,
                () -> ParsedReport.of(parser, event + enormous));
        assertThat(refused.location()).contains("line 2");
        assertThat(refused.problem()).contains("a JSON event longer than");
    }

    /** A recording beside this class, read through the standard reader: its format is detected. */
    private static ParsedReport recorded(String name) {
        try {
            return ParsedReport.of(java.nio.file.Path.of(GoTestParserTest.class.getResource(name).toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Failure failure(ParsedReport report, String name) {
        return report.result(name).lastFailure().orElseThrow();
    }

    private static String lines(String... events) {
        return String.join("\n", events) + "\n";
    }

    private static String passingTests(int count) {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < count; i++) {
            stream.append("{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"T").append(i).append("\"}\n")
                    .append("{\"Action\":\"pass\",\"Package\":\"p\",\"Test\":\"T").append(i).append("\"}\n");
        }
        return stream.append("{\"Action\":\"pass\",\"Package\":\"p\"}\n").toString();
    }
}
