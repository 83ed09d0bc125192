package dev.feedbackloop.report.dart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.testing.ParsedReport;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Dart JSON reporter streams, written event by event as the protocol describes them. */
class DartJsonParserTest {

    private static final String START = "{\"protocolVersion\":\"0.1.1\",\"runnerVersion\":\"1.25.3\",\"pid\":1,"
            + "\"type\":\"start\",\"time\":0}";
    private static final String SUITE = "{\"suite\":{\"id\":0,\"platform\":\"vm\",\"path\":"
            + "\"/home/runner/work/app/app/test/cart_test.dart\"},\"type\":\"suite\",\"time\":0}";

    private final DartJsonParser parser = new DartJsonParser();

    @Test
    void outcomesFollowTestDone() {
        ParsedReport report = ParsedReport.of(stream(
                start(1, "loading test/cart_test.dart", null), done(1, "success", false, true, 10),
                start(2, "Cart adds", 12), done(2, "success", false, false, 20),
                start(3, "Cart removes", 14), error(3, "Expected: <2>\\n  Actual: <1>\\n", true),
                done(3, "failure", false, false, 30),
                start(4, "Cart totals", 16), error(4, "Bad state: no element", false), done(4, "error", false, false, 40),
                start(5, "Cart skipped", 18), print(5, "skip", "Skip: flaky on CI"), done(5, "success", true, false, 41),
                "{\"success\":false,\"type\":\"done\",\"time\":50}"));

        assertThat(report.summary().format()).isEqualTo(ReportFormat.DART_JSON);
        assertThat(report.outline()).containsExactly("test/cart_test.dart|Cart adds|PASSED|PASSED",
                "test/cart_test.dart|Cart removes|FAILED|FAILED", "test/cart_test.dart|Cart totals|ERROR|ERROR",
                "test/cart_test.dart|Cart skipped|SKIPPED|SKIPPED");
        TestResult removes = report.result("Cart removes");
        assertThat(removes.test().file()).contains("test/cart_test.dart");
        assertThat(removes.test().line()).hasValue(14);
        assertThat(removes.durationMillis()).isEqualTo(25);
        assertThat(removes.lastFailure().orElseThrow().type()).contains("TestFailure");
        assertThat(report.result("Cart totals").lastFailure().orElseThrow().message())
                .isEqualTo("Bad state: no element");
        assertThat(report.result("Cart skipped").attempts().get(0).failure().orElseThrow().message())
                .isEqualTo("flaky on CI");
        assertThat(report.info().orElseThrow().tool()).contains("dart test 1.25.3");
    }

    @Test
    void aHiddenTestThatFailsIsReported() {
        ParsedReport report = ParsedReport.of(stream(start(1, "loading test/cart_test.dart", null),
                error(1, "Failed to load \\\"test/cart_test.dart\\\": compilation failed", false),
                done(1, "error", false, false, 10)));

        assertThat(report.outline()).containsExactly("test/cart_test.dart|loading test/cart_test.dart|ERROR|ERROR");
    }

    @Test
    void triesBeforeARetryAreFailedAttempts() {
        ParsedReport report = ParsedReport.of(stream(start(2, "Cart adds", 3),
                error(2, "Expected: true", true), print(2, "print", "Retry: Cart adds"),
                print(2, "print", "second try"), done(2, "success", false, false, 9)));

        TestResult adds = report.single();
        assertThat(adds.attempts()).extracting(Attempt::status).containsExactly(AttemptStatus.FAILED,
                AttemptStatus.PASSED);
        assertThat(adds.attempts().get(0).failure().orElseThrow().message()).isEqualTo("Expected: true");
        assertThat(adds.attempts().get(1).stdout()).isEqualTo("second try");
        assertThat(report.summary().flaky()).isEqualTo(1);
    }

    @Test
    void anErrorAfterTestDoneFailsTheTestAndAHiddenOneBecomesVisible() {
        ParsedReport report = ParsedReport.of(stream(start(1, "(tearDownAll)", 5), done(1, "success", false, true, 6),
                start(2, "Cart adds", 3), done(2, "success", false, false, 9),
                error(2, "This test failed after it had already completed.", false),
                error(1, "Bad state: closed twice", false)));

        assertThat(report.outline()).containsExactly("test/cart_test.dart|(tearDownAll)|ERROR|ERROR",
                "test/cart_test.dart|Cart adds|ERROR|ERROR");
    }

    @Test
    void anErrorForATestNoLongerKnownIsNotLost() {
        List<String> events = new ArrayList<>();
        events.add(start(1, "first", 1));
        events.add(done(1, "success", false, false, 2));
        for (int id = 2; id < DartRun.MAX_DONE_TESTS + 10; id++) {
            events.add(start(id, "t" + id, 1));
            events.add(done(id, "success", false, false, 2));
        }
        events.add(error(1, "late trouble", false));

        ParsedReport report = ParsedReport.of(stream(events.toArray(String[]::new)));

        assertThat(report.result("first").status()).isEqualTo(dev.feedbackloop.model.TestStatus.PASSED);
        assertThat(report.result("errors outside tests").lastFailure().orElseThrow().message())
                .isEqualTo("test 1 failed after it completed: late trouble");
    }

    @Test
    void aTestWithoutTestDoneWhenTheStreamEndsIsAnError() {
        Failure failure = ParsedReport.of(stream(start(2, "Cart hangs", 3))).single().lastFailure().orElseThrow();

        assertThat(failure.message()).isEqualTo("the test did not finish: the report ends before its testDone event");
    }

    @Test
    void flutterPrintsTheRealExceptionOfAFailedWidgetTest() {
        String block = "══╡ EXCEPTION CAUGHT BY FLUTTER TEST FRAMEWORK ╞════\\nThe following TestFailure object was"
                + " thrown running a test:\\n  Expected: <2>\\n  Actual: <1>\\n\\nWhen the exception was thrown, this"
                + " was the stack:\\n#0      fail (package:test_api/src/frontend/expect.dart:155:31)\\n\\nThe test"
                + " description was:\\n  counts\\n════";
        TestResult result = ParsedReport.of(stream(start(2, "counts", 3), print(2, "print", block),
                error(2, "Test failed. See exception logs above.\\nThe test description was: counts", false),
                done(2, "error", false, false, 9))).single();

        Failure failure = result.lastFailure().orElseThrow();
        assertThat(result.status()).isEqualTo(dev.feedbackloop.model.TestStatus.FAILED);
        assertThat(failure.message()).isEqualTo("Expected: <2>\n  Actual: <1>");
        assertThat(failure.type()).contains("TestFailure");
        assertThat(failure.stackTrace().orElseThrow()).startsWith("#0      fail");
    }

    @Test
    void textLinesAroundTheEventsAreSkipped() {
        ParsedReport report = ParsedReport.of("Waiting for another flutter command to release the startup lock...\n"
                + stream(start(2, "Cart adds", 3), done(2, "success", false, false, 9)));

        assertThat(report.summary().format()).isEqualTo(ReportFormat.DART_JSON);
        assertThat(report.outline()).containsExactly("test/cart_test.dart|Cart adds|PASSED|PASSED");
    }

    static Stream<Arguments> hostileStreams() {
        return Stream.of(
                Arguments.of("test id a string", START + "\n{\"test\":{\"id\":\"2\",\"name\":\"x\",\"suiteID\":0},"
                        + "\"type\":\"testStart\",\"time\":1}", "line 2: $.test.id", "must be an integer, was a string"),
                Arguments.of("test without a name", START + "\n{\"test\":{\"id\":2,\"suiteID\":0},"
                        + "\"type\":\"testStart\",\"time\":1}", "line 2: $.test.name", "is required but missing"),
                Arguments.of("test not an object", START + "\n{\"test\":[],\"type\":\"testStart\",\"time\":1}",
                        "line 2: $.test", "must be an object, was an array"),
                Arguments.of("result a number", START + "\n{\"testID\":2,\"result\":1,\"type\":\"testDone\"}",
                        "line 2: $.result", "must be a string, was a number"),
                Arguments.of("hidden a string", START + "\n{\"testID\":2,\"result\":\"success\",\"hidden\":\"no\","
                        + "\"type\":\"testDone\"}", "line 2: $.hidden", "must be true or false, was a string"),
                Arguments.of("truncated", START + "\n{\"testID\":2,\"result\":\"succ", "line 2, column",
                        "truncated JSON"),
                Arguments.of("deeply nested", START + "\n{\"type\":\"x\",\"a\":" + "{\"a\":".repeat(3000) + "1"
                        + "}".repeat(3001), "line 2", "JSON exceeds a safety limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileStreams")
    void hostileStreamsAreRefusedNamingLineAndField(String name, String stream, String location, String problem) {
        ParsedReport.assertRejected(parser, stream, location, problem);
    }

    private static String stream(String... events) {
        return START + "\n" + SUITE + "\n" + String.join("\n", events) + "\n";
    }

    private static String start(int id, String name, Integer line) {
        String where = line == null ? "\"line\":null,\"url\":null"
                : "\"line\":" + line + ",\"url\":\"file:///home/runner/work/app/app/test/cart_test.dart\"";
        return "{\"test\":{\"id\":" + id + ",\"name\":\"" + name + "\",\"suiteID\":0,\"groupIDs\":[],"
                + where + "},\"type\":\"testStart\",\"time\":5}";
    }

    private static String done(int id, String result, boolean skipped, boolean hidden, int time) {
        return "{\"testID\":" + id + ",\"result\":\"" + result + "\",\"skipped\":" + skipped + ",\"hidden\":" + hidden
                + ",\"type\":\"testDone\",\"time\":" + time + "}";
    }

    private static String error(int id, String error, boolean isFailure) {
        return "{\"testID\":" + id + ",\"error\":\"" + error + "\",\"stackTrace\":\"test/cart_test.dart 9:5  main\","
                + "\"isFailure\":" + isFailure + ",\"type\":\"error\",\"time\":1}";
    }

    private static String print(int id, String type, String message) {
        return "{\"testID\":" + id + ",\"messageType\":\"" + type + "\",\"message\":\"" + message
                + "\",\"type\":\"print\",\"time\":1}";
    }
}
