package dev.feedbackloop.report.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.testing.ParsedReport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XUnitParserTest {

    private final XUnitParser parser = new XUnitParser();

    static String xunit(String tests) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <assemblies timestamp="06/07/2018 20:33:39">
                  <assembly name="/src/Shop.Tests.dll" environment="64-bit .NET 6.0" test-framework="xUnit.net 2.4.2"
                            run-date="2018-06-07" run-time="20:33:38" total="1" passed="1" failed="0" skipped="0">
                    <errors />
                    <collection name="Test collection for Shop.CartTests" total="1">%s</collection>
                  </assembly>
                </assemblies>""".formatted(tests);
    }

    static String test(String name, String method, String result, String body) {
        return """
                <test name="%s" type="Shop.CartTests" method="%s" time="0.0123" result="%s">%s</test>"""
                .formatted(name, method, result, body);
    }

    static Stream<Arguments> results() {
        return Stream.of(Arguments.of("Pass", AttemptStatus.PASSED), Arguments.of("Fail", AttemptStatus.FAILED),
                Arguments.of("Skip", AttemptStatus.SKIPPED), Arguments.of("NotRun", AttemptStatus.SKIPPED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("results")
    void resultsMapToAttemptStatuses(String result, AttemptStatus status) {
        TestResult parsed = ParsedReport.of(parser, xunit(test("Shop.CartTests.Adds", "Adds", result, "")))
                .single();

        assertThat(parsed.attempts()).extracting(Attempt::status).containsExactly(status);
    }

    @Test
    void theoryRowsAreSeparateTestsNamedWithoutTheirClass() {
        List<TestResult> results = ParsedReport.of(parser, xunit(
                test("Shop.CartTests.IsEven(i: 2)", "IsEven", "Pass", "")
                        + test("Shop.CartTests.IsEven(i: 3)", "IsEven", "Fail", "")
                        + test("Adds an item to an empty cart", "AddsToEmpty", "Pass", ""))).results();

        assertThat(results).extracting(r -> r.test().name())
                .containsExactly("IsEven(i: 2)", "IsEven(i: 3)", "Adds an item to an empty cart");
        assertThat(results).extracting(r -> r.test().suite()).containsOnly("Shop.CartTests");
        assertThat(results.get(2).test().properties()).containsEntry(XUnitParser.METHOD, "AddsToEmpty");
        assertThat(results.get(0).test().properties()).doesNotContainKey(XUnitParser.METHOD);
    }

    @Test
    void aFailureKeepsExceptionTypeMessageStackAndOutput() {
        String body = """
                <traits><trait name="Category" value="smoke" /><trait name="Owner" value="team-a" /></traits>
                <output><![CDATA[adding item]]></output>
                <failure exception-type="Xunit.Sdk.EqualException">
                  <message><![CDATA[Assert.Equal() Failure
                Expected: 3
                Actual:   2 &lt;- here]]></message>
                  <stack-trace><![CDATA[   at Shop.CartTests.Adds() in CartTests.cs:line 27]]></stack-trace>
                </failure>""";
        TestResult result = ParsedReport.of(parser, xunit(test("Shop.CartTests.Adds", "Adds", "Fail", body)))
                .single();

        assertThat(result.status()).isEqualTo(TestStatus.FAILED);
        assertThat(result.test().tags()).containsExactly("smoke");
        assertThat(result.test().properties()).containsEntry("Owner", "team-a");
        Attempt attempt = result.attempts().get(0);
        assertThat(attempt.durationMillis()).isEqualTo(12);
        assertThat(attempt.stdout()).isEqualTo("adding item");
        Failure failure = attempt.failure().orElseThrow();
        assertThat(failure.type()).contains("Xunit.Sdk.EqualException");
        assertThat(failure.message()).isEqualTo("Assert.Equal() Failure\nExpected: 3\nActual:   2 &lt;- here");
        assertThat(failure.stackTrace()).contains("   at Shop.CartTests.Adds() in CartTests.cs:line 27");
    }

    @Test
    void escapedTextIsUnescaped() {
        String body = "<failure><message>expected &lt;3&gt; &amp; got &#x22;2&#x22;</message></failure>";
        TestResult result = ParsedReport.of(parser, xunit(test("Shop.CartTests.Adds", "Adds", "Fail", body)))
                .single();

        assertThat(result.lastFailure()).map(Failure::message).contains("expected <3> & got \"2\"");
    }

    @Test
    void aSkipKeepsItsReason() {
        TestResult result = ParsedReport.of(parser, xunit(test("Shop.CartTests.Later", "Later", "Skip",
                "<reason><![CDATA[flaky on CI]]></reason>"))).single();

        assertThat(result.attempts().get(0).failure()).map(Failure::message).contains("flaky on CI");
    }

    /**
     * Deliberate deviation from xUnit.net's counts: a failure outside tests ({@code <errors>}, e.g. a class fixture
     * whose cleanup threw) is not one of its tests, but it is why the run failed, so it becomes an ERROR result.
     */
    @Test
    void failuresOutsideTestsAreErrorResults() {
        String document = xunit(test("Shop.CartTests.Adds", "Adds", "Pass", "")).replace("<errors />", """
                <errors><error type="test-class-cleanup" name="Shop.CartTests">
                  <failure exception-type="System.InvalidOperationException">
                    <message>System.InvalidOperationException : db still open</message>
                    <stack-trace>at Shop.CartTests.Dispose()</stack-trace></failure></error></errors>""");

        List<TestResult> results = ParsedReport.of(parser, document).results();

        assertThat(results).hasSize(2);
        TestResult error = results.get(0);
        assertThat(error.status()).isEqualTo(TestStatus.ERROR);
        assertThat(error.test().suite()).isEqualTo("Shop.CartTests");
        assertThat(error.test().name()).isEqualTo("[test-class-cleanup failure]");
        assertThat(error.lastFailure()).flatMap(Failure::type).contains("System.InvalidOperationException");
    }

    @Test
    void xunit1AssemblyWithClassesIsRead() {
        String document = """
                <assembly name="a.dll" test-framework="xUnit.net 1.9.0.1566"><class name="NS.Calc" total="1">
                  <test name="NS.Calc.Adds" type="NS.Calc" method="Adds" result="Pass" time="0.1" />
                </class></assembly>""";

        ParsedReport parsed = ParsedReport.of(parser, document);

        assertThat(parsed.single().test().name()).isEqualTo("Adds");
        assertThat(parsed.info()).hasValueSatisfying(i -> assertThat(i.tool()).contains("xUnit.net 1.9.0.1566"));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("empty", "", "malformed XML"),
                Arguments.of("truncated", xunit(test("A.B", "B", "Pass", "")).substring(0, 250), "malformed XML"),
                Arguments.of("another format", "<test-run/>", "not a xUnit.net report: root element is <test-run>"),
                Arguments.of("unknown result", xunit(test("A.B", "B", "Maybe", "")),
                        "has result 'Maybe'; expected Pass, Fail, Skip or NotRun"),
                Arguments.of("a DOCTYPE", "<!DOCTYPE assemblies [<!ENTITY a \"aaaa\">]><assemblies/>",
                        "DOCTYPE declarations are not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRejectedWithLineAndProblem(String name, String document, String problem) {
        ParsedReport.assertRejected(parser, document, "line ", problem);
    }
}
