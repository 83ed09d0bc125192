package dev.feedbackloop.report.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.testing.ParsedReport;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrxParserTest {

    private static final String NS = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private final TrxParser parser = new TrxParser();

    /** A TRX as {@code dotnet test} writes it: results first, then their definitions. */
    static String trx(String results, String definitions) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <TestRun id="1" name="ci" xmlns="%s">
                  <Times creation="2021-04-20T08:31:29.91+02:00" start="2021-04-20T08:31:29.92+02:00"
                         finish="2021-04-20T08:31:33.05+02:00" />
                  <Results>%s</Results>
                  <TestDefinitions>%s</TestDefinitions>
                  <ResultSummary outcome="Failed"><Counters total="1" /></ResultSummary>
                </TestRun>""".formatted(NS, results, definitions);
    }

    static String result(String id, String name, String outcome, String output) {
        return """
                <UnitTestResult executionId="e-%s" testId="%s" testName="%s" duration="00:00:01.5000000"
                    outcome="%s">%s</UnitTestResult>""".formatted(id, id, name, outcome, output);
    }

    static String definition(String id, String className, String method) {
        return """
                <UnitTest name="%s" storage="tests.dll" id="%s"><Execution id="e-%s" />
                  <TestMethod codeBase="tests.dll" className="%s" name="%s" /></UnitTest>"""
                .formatted(method, id, id, className, method);
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of("Passed", AttemptStatus.PASSED), Arguments.of("PassedButRunAborted", AttemptStatus.PASSED),
                Arguments.of("Failed", AttemptStatus.FAILED), Arguments.of("Error", AttemptStatus.ERROR),
                Arguments.of("Timeout", AttemptStatus.ERROR), Arguments.of("Disconnected", AttemptStatus.ERROR),
                Arguments.of("NotExecuted", AttemptStatus.SKIPPED), Arguments.of("Inconclusive", AttemptStatus.SKIPPED),
                Arguments.of("NotRunnable", AttemptStatus.SKIPPED), Arguments.of("Aborted", AttemptStatus.SKIPPED),
                Arguments.of("SomethingNew", AttemptStatus.ERROR));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("outcomes")
    void outcomesMapToAttemptStatuses(String outcome, AttemptStatus status) {
        TestResult result = ParsedReport.of(parser, trx(result("a", "Ns.Calc.Adds", outcome, ""),
                definition("a", "Ns.Calc", "Adds"))).single();

        assertThat(result.attempts()).extracting(Attempt::status).containsExactly(status);
    }

    @Test
    void anUnknownOutcomeSaysSoWhenTheReportGivesNoMessage() {
        TestResult result = ParsedReport.of(parser, trx(result("a", "Ns.Calc.Adds", "SomethingNew", ""),
                definition("a", "Ns.Calc", "Adds"))).single();

        assertThat(result.lastFailure()).map(Failure::message).contains("unknown TRX outcome 'SomethingNew'");
    }

    @Test
    void definitionsWrittenAfterTheResultsNameTheirClass() {
        List<TestResult> results = ParsedReport.of(parser, trx(
                result("a", "Ns.CalculatorTests.Is_Even(i: 2)", "Passed", "")
                        + result("b", "Should be even number(i: 3)", "Passed", "")
                        + result("c", "Orphan.Test", "Passed", ""),
                definition("a", "Ns.CalculatorTests", "Is_Even")
                        + definition("b", "Ns.CalculatorTests, Ns.Tests, Version=1.0.0.0, Culture=neutral",
                        "Theory")))
                .results();

        assertThat(results).extracting(r -> r.test().suite() + " | " + r.test().name()).containsExactly(
                "Ns.CalculatorTests | Is_Even(i: 2)",
                "Ns.CalculatorTests | Should be even number(i: 3)",
                " | Orphan.Test");
    }

    @Test
    void definitionsWrittenFirstLetResultsPassStraightThrough() {
        String oldMsTest = """
                <TestRun xmlns="%s"><TestDefinitions>%s</TestDefinitions>
                  <Results>%s</Results></TestRun>""".formatted(NS, definition("a", "Ns.Calc", "Adds"),
                result("a", "Adds", "Passed", ""));

        TestResult result = ParsedReport.of(parser, oldMsTest).single();

        assertThat(result.test().suite()).isEqualTo("Ns.Calc");
        assertThat(result.test().name()).isEqualTo("Adds");
    }

    @Test
    void errorInfoAndOutputBecomeTheFailure() {
        String output = """
                <Output><StdOut>connecting
                done</StdOut><StdErr>warn</StdErr>
                  <ErrorInfo><Message>System.DivideByZeroException : Attempted to divide by zero.</Message>
                    <StackTrace>   at Ns.Calc.Div(Int32 a, Int32 b) in Calc.cs:line 9</StackTrace></ErrorInfo>
                </Output>""";
        TestResult result = ParsedReport.of(parser, trx(result("a", "Ns.Calc.Divides", "Failed", output),
                definition("a", "Ns.Calc", "Divides"))).single();

        Attempt attempt = result.attempts().get(0);
        assertThat(result.status()).isEqualTo(TestStatus.FAILED);
        assertThat(attempt.durationMillis()).isEqualTo(1500);
        assertThat(attempt.stdout()).isEqualTo("connecting\ndone");
        assertThat(attempt.stderr()).isEqualTo("warn");
        Failure failure = attempt.failure().orElseThrow();
        assertThat(failure.message()).isEqualTo("System.DivideByZeroException : Attempted to divide by zero.");
        assertThat(failure.type()).contains("System.DivideByZeroException");
        assertThat(failure.stackTrace()).contains("   at Ns.Calc.Div(Int32 a, Int32 b) in Calc.cs:line 9");
    }

    @Test
    void aSkippedTestKeepsItsReason() {
        TestResult result = ParsedReport.of(parser, trx(result("a", "Ns.Calc.Later", "NotExecuted",
                "<Output><ErrorInfo><Message>Needs a real token</Message></ErrorInfo></Output>"),
                definition("a", "Ns.Calc", "Later"))).single();

        assertThat(result.status()).isEqualTo(TestStatus.SKIPPED);
        assertThat(result.attempts().get(0).failure()).map(Failure::message).contains("Needs a real token");
    }

    @Test
    void categoriesBecomeTags() {
        String definition = definition("a", "Ns.Calc", "Adds").replace("</UnitTest>",
                "<TestCategory><TestCategoryItem TestCategory=\"smoke\" /></TestCategory></UnitTest>");

        TestResult result = ParsedReport.of(parser, trx(result("a", "Adds", "Passed", ""), definition)).single();

        assertThat(result.test().tags()).containsExactly("smoke");
    }

    @Test
    void manyResultsWaitingOnDiskComeBackTheSameAndInOrder() {
        String results = IntStream.range(0, 300).mapToObj(i -> result("id" + i, "Ns.Calc.T" + i,
                i % 3 == 0 ? "Failed" : "Passed", i % 3 == 0 ? "<Output><ErrorInfo><Message>m" + i
                        + "</Message></ErrorInfo></Output>" : "")).collect(Collectors.joining());
        String definitions = IntStream.range(0, 300).mapToObj(i -> definition("id" + i, "Ns.Calc", "T" + i))
                .collect(Collectors.joining());
        String document = trx(results, definitions);

        List<TestResult> inMemory = ParsedReport.of(parser, document).results();
        List<TestResult> spooled = ParsedReport.of(new TrxParser(100), document).results();

        assertThat(spooled).hasSize(300).isEqualTo(inMemory);
        assertThat(spooled.get(3).lastFailure()).map(Failure::message).contains("m3");
    }

    @Test
    void reportInfoCarriesTheRunTimes() {
        ReportInfo info = ParsedReport.of(parser, trx("", "")).info().orElseThrow();

        assertThat(info.startedAt()).contains(Instant.parse("2021-04-20T06:31:29.92Z"));
        assertThat(info.finishedAt()).contains(Instant.parse("2021-04-20T06:31:33.05Z"));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("empty", "", "malformed XML"),
                Arguments.of("truncated", trx(result("a", "A", "Passed", ""), "").substring(0, 300), "malformed XML"),
                Arguments.of("another format", "<testsuites><testsuite/></testsuites>",
                        "not a TRX report: root element is <testsuites>, expected <TestRun>"),
                Arguments.of("a DOCTYPE", "<?xml version=\"1.0\"?><!DOCTYPE TestRun [<!ENTITY x SYSTEM"
                        + " \"file:///etc/passwd\">]><TestRun>&x;</TestRun>", "DOCTYPE declarations are not allowed"),
                Arguments.of("result without a name", trx("<UnitTestResult testId=\"a\" outcome=\"Passed\"/>", ""),
                        "<UnitTestResult> has no testName"),
                Arguments.of("invalid character", trx(result("a", "A", "Passed", "<Output><StdOut>\u0001"
                        + "</StdOut></Output>"), ""), "malformed XML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRejectedWithLineAndProblem(String name, String document, String problem) {
        ParsedReport.assertRejected(parser, document, "line ", problem);
    }
}
