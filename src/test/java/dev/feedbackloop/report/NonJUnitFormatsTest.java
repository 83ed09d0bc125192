package dev.feedbackloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The standard reader tells CTRF, Playwright, TRX, NUnit, xUnit.net, mocha, go test, RSpec and Dart apart by content
 * and parses each.
 */
class NonJUnitFormatsTest {

    static Stream<Arguments> smallReports() {
        return Stream.of(
                Arguments.of("CTRF", ReportFormat.CTRF_JSON, """
                        {"reportFormat": "CTRF", "specVersion": "1.0.0", "results": {"tool": {"name": "x"},
                         "summary": {"tests": 1, "passed": 1, "failed": 0, "skipped": 0, "pending": 0, "other": 0,
                                     "start": 1, "stop": 2},
                         "tests": [{"name": "t", "status": "passed", "duration": 1}]}}"""),
                Arguments.of("Playwright", ReportFormat.PLAYWRIGHT_JSON, """
                        {"config": {"version": "1.48.0"}, "suites": [{"title": "a.spec.ts", "file": "a.spec.ts",
                         "specs": [{"title": "t", "file": "a.spec.ts", "line": 1, "tests": [{"projectName": "",
                         "expectedStatus": "passed", "status": "expected", "results": [{"status": "passed",
                         "duration": 1}]}]}]}], "errors": []}"""),
                Arguments.of("TRX", ReportFormat.TRX, """
                        <?xml version="1.0" encoding="utf-8"?>
                        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>
                        <UnitTestResult testId="a" testName="T" outcome="Passed" /></Results></TestRun>"""),
                Arguments.of("NUnit 3", ReportFormat.NUNIT_XML, """
                        <test-run><test-case name="T" classname="C" result="Passed" /></test-run>"""),
                Arguments.of("NUnit 3 suite root", ReportFormat.NUNIT_XML, """
                        \uFEFF<test-suite type="Assembly" name="a.dll"><test-case name="T" classname="C"
                         result="Passed" /></test-suite>"""),
                Arguments.of("NUnit 2", ReportFormat.NUNIT_XML, """
                        <test-results><test-suite name="S"><results><test-case name="C.T" executed="True"
                         success="True" /></results></test-suite></test-results>"""),
                Arguments.of("xUnit.net 2", ReportFormat.XUNIT_XML, """
                        <assemblies><assembly name="a.dll"><collection name="c"><test name="C.T" type="C"
                         method="T" result="Pass" /></collection></assembly></assemblies>"""),
                Arguments.of("xUnit.net 1", ReportFormat.XUNIT_XML, """
                        <assembly name="a.dll"><class name="C"><test name="C.T" type="C" method="T"
                         result="Pass" /></class></assembly>"""),
                Arguments.of("mocha JSON", ReportFormat.MOCHA_JSON, """
                        {"stats": {"suites": 1, "tests": 1, "passes": 1}, "tests": [{"title": "t",
                         "fullTitle": "S t", "file": "test/s.js", "duration": 1, "err": {}}], "passes": []}"""),
                Arguments.of("go test -json", ReportFormat.GO_TEST_JSON, """
                        {"Time":"2024-05-01T10:00:00Z","Action":"run","Package":"example.com/p","Test":"TestT"}
                        {"Time":"2024-05-01T10:00:01Z","Action":"pass","Package":"example.com/p","Test":"TestT"}
                        {"Time":"2024-05-01T10:00:01Z","Action":"pass","Package":"example.com/p","Elapsed":1}"""),
                Arguments.of("RSpec JSON", ReportFormat.RSPEC_JSON, """
                        {"version": "3.13.0", "examples": [{"description": "t", "full_description": "S t",
                         "status": "passed", "file_path": "./spec/s_spec.rb", "line_number": 3}],
                         "summary_line": "1 example, 0 failures"}"""),
                Arguments.of("Dart JSON", ReportFormat.DART_JSON, """
                        {"protocolVersion":"0.1.1","runnerVersion":"1.25.3","pid":1,"type":"start","time":0}
                        {"suite":{"id":0,"platform":"vm","path":"test/s_test.dart"},"type":"suite","time":0}
                        {"test":{"id":1,"name":"S t","suiteID":0,"groupIDs":[],"line":3,"column":5,\
                        "url":"file:///w/test/s_test.dart"},"type":"testStart","time":1}
                        {"testID":1,"result":"success","skipped":false,"hidden":false,"type":"testDone","time":2}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallReports")
    void detectsAndParses(String name, ReportFormat format, String document) throws IOException {
        ReportSummary summary = Reports.standard().parse(name, stream(document.getBytes(StandardCharsets.UTF_8)),
                result -> { });

        assertThat(summary.format()).isEqualTo(format);
        assertThat(summary.tests()).isEqualTo(1);
        assertThat(summary.passed()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallReports")
    void detectsAndParsesGzipped(String name, ReportFormat format, String document) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(document.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(Reports.standard().parse(name, stream(zipped.toByteArray()), result -> { }).format())
                .isEqualTo(format);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallReports")
    void aTruncatedReportNamesTheFileAndThePlace(String name, ReportFormat format, String document) {
        byte[] half = document.substring(0, document.length() / 2).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Reports.standard().parse("upload/" + name, stream(half), result -> { }))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("upload/" + name + ": ")
                .hasMessageMatching("(?s).*(line \\d+, column \\d+|\\$[.\\[].*\\(line \\d+).*");
    }

    private static ByteArrayInputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
