package dev.feedbackloop.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.testing.ParsedReport;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What a JUnit test case maps to, field by field. */
class JunitXmlDetailsTest {

    @Test
    void eachAttemptKeepsItsOwnFailureDurationAndOutput() {
        TestResult result = ParsedReport.of("""
                <testsuite name="S"><testcase name="t" classname="C" time="1.5">
                  <failure message="first" type="AssertionError">trace one</failure>
                  <system-out>out one</system-out>
                  <system-err>err one</system-err>
                  <rerunFailure message="second" type="AssertionError" time="0.25">
                    <stackTrace>trace two</stackTrace>
                    <system-out>out two</system-out>
                  </rerunFailure>
                </testcase></testsuite>""").result("t");

        assertThat(result.attempts()).containsExactly(
                new Attempt(0, dev.feedbackloop.model.AttemptStatus.FAILED, 1500,
                        Optional.of(Failure.of("first", "AssertionError", "trace one")), "out one", "err one"),
                new Attempt(1, dev.feedbackloop.model.AttemptStatus.FAILED, 250,
                        Optional.of(Failure.of("second", "AssertionError", "trace two")), "out two", ""));
        assertThat(result.durationMillis()).isEqualTo(1750);
    }

    @Test
    void severalFailureElementsKeepEveryTextInTheStackTrace() {
        Failure failure = ParsedReport.of("""
                <testsuite name="S"><testcase name="t" classname="C">
                  <failure message="First" type="AssertionError">at line 15</failure>
                  <error message="Boom" type="TypeError">at line 88</error>
                </testcase></testsuite>""").result("t").lastFailure().orElseThrow();

        assertThat(failure.message()).isEqualTo("Boom");
        assertThat(failure.type()).contains("TypeError");
        assertThat(failure.stackTrace()).contains("AssertionError: First\nat line 15\n\nTypeError: Boom\nat line 88");
    }

    @Test
    void propertiesTagsAndUnmappedAttributesDescribeTheTest() {
        TestCase test = ParsedReport.of("""
                <testsuite name="S" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <testcase name="t" classname="C" file="tests/login.spec.ts" line="42" assertions="3"
                            xsi:type="ignored" time="1">
                    <properties>
                      <property name="testType" value="e2e"/>
                      <property name="tags" value="smoke, login"/>
                      <property name="owner">team-auth</property>
                    </properties>
                  </testcase>
                </testsuite>""").result("t").test();

        assertThat(test.file()).contains("tests/login.spec.ts");
        assertThat(test.line()).isEqualTo(OptionalInt.of(42));
        assertThat(test.tags()).containsExactly("smoke", "login");
        assertThat(test.properties()).containsExactly(Map.entry("assertions", "3"), Map.entry("testType", "e2e"),
                Map.entry("owner", "team-auth"));
        assertThat(test.testType()).contains("e2e");
    }

    @Test
    void propertiesAreBoundedInNumberAndSize() {
        StringBuilder properties = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            properties.append("<property name=\"p").append(i).append("\" value=\"").append("v".repeat(5000))
                    .append("\"/>");
        }
        TestCase test = ParsedReport.of("<testsuite name=\"S\"><testcase name=\"t\"><properties>" + properties
                + "</properties></testcase></testsuite>").result("t").test();

        assertThat(test.properties()).hasSize(TestcaseReader.MAX_PROPERTIES);
        assertThat(test.properties().values()).allSatisfy(v ->
                assertThat(v).hasSizeLessThanOrEqualTo(TestcaseReader.MAX_PROPERTY_VALUE));
    }

    @Test
    void fileAndLineComeFromTheTestCaseElseItsFailureElseItsSuite() {
        ParsedReport report = ParsedReport.of("""
                <testsuites>
                  <testsuite name="S" file="spec/suite.js">
                    <testcase name="own" file="spec/own.js" line="3"><failure file="x.cpp" line="9"/></testcase>
                    <testcase name="fromFailure"><failure file="test/add.cpp" line="19"/></testcase>
                    <testcase name="fromSuite"/>
                  </testsuite>
                  <testsuite name="T"><testcase name="none" line="0"/></testsuite>
                </testsuites>""");

        assertThat(report.result("own").test().file()).contains("spec/own.js");
        assertThat(report.result("own").test().line()).isEqualTo(OptionalInt.of(3));
        assertThat(report.result("fromFailure").test().file()).contains("test/add.cpp");
        assertThat(report.result("fromFailure").test().line()).isEqualTo(OptionalInt.of(19));
        assertThat(report.result("fromSuite").test().file()).contains("spec/suite.js");
        assertThat(report.result("none").test().file()).isEmpty();
        assertThat(report.result("none").test().line()).isEmpty();
    }

    @Test
    void aTestWithoutClassNameTakesItsSuitesName() {
        assertThat(ParsedReport.of("<testsuite name=\"login.spec.ts\"><testcase name=\"t\"/></testsuite>")
                .result("t").test().suite()).isEqualTo("login.spec.ts");
    }

    @Test
    void longTextIsCappedWhileItStreams() {
        String huge = "0123456789".repeat(200_000); // 2 million characters in each element
        TestResult result = ParsedReport.of("<testsuite name=\"S\"><testcase name=\"t\">"
                + "<failure message=\"" + "m".repeat(50_000) + "\"><![CDATA[" + huge + "]]></failure>"
                + "<system-out>" + huge + "</system-out><system-err>" + huge + "</system-err>"
                + "</testcase></testsuite>").result("t");

        Attempt attempt = result.attempts().get(0);
        Failure failure = attempt.failure().orElseThrow();
        assertThat(failure.message()).hasSizeLessThanOrEqualTo(TextLimits.MESSAGE).contains("characters omitted");
        assertThat(failure.stackTrace().orElseThrow()).hasSizeLessThanOrEqualTo(TextLimits.STACK_TRACE)
                .startsWith("0123456789").endsWith("0123456789").contains("characters omitted");
        assertThat(attempt.stdout()).hasSizeLessThanOrEqualTo(TextLimits.OUTPUT).contains("characters omitted");
        assertThat(attempt.stderr()).hasSizeLessThanOrEqualTo(TextLimits.OUTPUT);
    }

    @Test
    void predefinedEntitiesAndCharacterReferencesAreDecodedEverywhere() {
        TestResult result = ParsedReport.of("""
                <testsuite name="S"><testcase name="Test with &quot;quotes&quot; &amp; &lt;tags&gt;" classname="C">
                  <failure message="A message with &apos;apostrophes&apos;&#10;second line">&lt;init&gt; &#x41;</failure>
                </testcase></testsuite>""").result("Test with \"quotes\" & <tags>");

        assertThat(result.lastFailure().orElseThrow().message()).isEqualTo("A message with 'apostrophes'\nsecond line");
        assertThat(result.lastFailure().orElseThrow().stackTrace()).contains("<init> A");
    }

    @Test
    void suiteTimestampsAndHostNameBecomeReportFacts() {
        Optional<ReportInfo> info = ParsedReport.of("""
                <testsuites>
                  <testsuite name="a" timestamp="2024-12-02T20:06:10.512+00:00" time="2.0" hostname="runner-7"/>
                  <testsuite name="b" timestamp="2024-12-02T20:06:00Z" time="1.0"/>
                  <testsuite name="c" timestamp="2024-12-02T20:06:05" time="30"/>
                  <testsuite name="d" timestamp="not a time"/>
                </testsuites>""").info();

        assertThat(info).isPresent();
        assertThat(info.get().startedAt()).contains(Instant.parse("2024-12-02T20:06:00Z"));
        assertThat(info.get().finishedAt()).contains(Instant.parse("2024-12-02T20:06:35Z"));
        assertThat(info.get().environment()).containsExactly(Map.entry("hostname", "runner-7"));
    }

    @Test
    void aReportWithoutTimestampsOrHostHasNoReportFacts() {
        assertThat(ParsedReport.of("<testsuite name=\"S\"><testcase name=\"t\"/></testsuite>").info()).isEmpty();
    }

    @Test
    void aTestRetriedMoreThanTheAttemptCapIsReportedInParts() {
        StringBuilder xml = new StringBuilder("<testsuite name=\"S\">");
        for (int i = 0; i < TestcaseOutcome.MAX_ATTEMPTS + 1; i++) {
            xml.append("<testcase name=\"t\"><failure/></testcase>");
        }
        ParsedReport report = ParsedReport.of(xml.append("</testsuite>").toString());

        assertThat(report.results()).extracting(r -> r.attempts().size())
                .containsExactly(TestcaseOutcome.MAX_ATTEMPTS, 1);
    }

    @Test
    void rerunElementsBeyondTheAttemptCapAreDropped() {
        String reruns = "<rerunFailure message=\"again\"/>".repeat(TestcaseOutcome.MAX_ATTEMPTS + 50);
        TestResult result = ParsedReport.of("<testsuite name=\"S\"><testcase name=\"t\"><failure/>" + reruns
                + "</testcase></testsuite>").result("t");

        assertThat(result.attempts()).hasSize(TestcaseOutcome.MAX_ATTEMPTS);
    }
}
