package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.model.TestId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedback parse}, run in-process with captured output. */
class ParseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORT = """
            <testsuites>
              <testsuite name="com.acme.LoginTest" timestamp="2024-01-01T10:00:00Z" time="3">
                <testcase classname="com.acme.LoginTest" name="logs in" time="1.25" file="src/LoginTest.java">
                  <failure message="expected:&lt;200&gt; but was:&lt;500&gt;&#10;second line" type="AssertionError">trace</failure>
                  <system-out>hello</system-out>
                </testcase>
                <testcase classname="com.acme.LoginTest" name="logs out" time="0.5"/>
                <testcase classname="com.acme.LoginTest" name="remembers me" time="0.25">
                  <flakyFailure message="Timeout 5000ms exceeded" type="TimeoutError"><stackTrace>at x</stackTrace></flakyFailure>
                </testcase>
                <testcase classname="com.acme.LoginTest" name="crashes"><error message="NullPointerException"/></testcase>
                <testcase classname="com.acme.LoginTest" name="later"><skipped/></testcase>
              </testsuite>
            </testsuites>""";

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @Test
    void printsAReadableSummaryWithTheFailingAndFlakyTests() throws IOException {
        Path report = write("results.xml", REPORT);

        Run run = run("parse", report.toString());

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(report + " (junit-xml)\n"
                + "  5 tests: 1 passed, 1 failed, 1 errored, 1 skipped, 1 flaky in 2.0 s\n"
                + "  root causes of the failures: 1 ASSERTION_FAIL, 1 CODE_ERROR\n"
                + "  failed   com.acme.LoginTest > logs in [ASSERTION_FAIL]: expected:<200> but was:<500>\n"
                + "  flaky    com.acme.LoginTest > remembers me [TIMEOUT]: Timeout 5000ms exceeded\n"
                + "  errored  com.acme.LoginTest > crashes [CODE_ERROR]: NullPointerException\n");
    }

    @Test
    void jsonHasOneDocumentPerFileWithTheSummaryFirstAndTheModel() throws IOException {
        Path report = write("results.xml", REPORT);

        Run run = run("parse", "--json", "--project", "web", report.toString(), report.toString());

        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode document = JSON.readTree(lines.get(0));
        assertThat(fieldNames(document)).containsExactly("file", "format", "summary", "tests");
        assertThat(document.get("file").asText()).isEqualTo(report.toString());
        assertThat(document.get("format").asText()).isEqualTo("junit-xml");
        assertThat(document.get("summary").toString()).isEqualTo("{\"tests\":5,\"passed\":1,\"failed\":1,"
                + "\"errored\":1,\"skipped\":1,\"flaky\":1,\"durationMillis\":2000}");
        JsonNode first = document.get("tests").get(0);
        assertThat(first.get("id").asText()).isEqualTo(
                TestId.derive("web", "com.acme.LoginTest", "logs in", Optional.of("src/LoginTest.java")).value());
        assertThat(first.toString()).isEqualTo("{\"id\":\"" + first.get("id").asText() + "\","
                + "\"suite\":\"com.acme.LoginTest\",\"name\":\"logs in\",\"file\":\"src/LoginTest.java\","
                + "\"line\":null,\"tags\":[],\"properties\":{},\"status\":\"failed\",\"durationMillis\":1250,"
                + "\"classification\":" + first.get("classification") + ","
                + "\"attempts\":[{\"index\":0,\"status\":\"failed\",\"durationMillis\":1250,"
                + "\"failure\":{\"message\":\"expected:<200> but was:<500>\\nsecond line\",\"type\":\"AssertionError\","
                + "\"stackTrace\":\"trace\"},\"stdout\":\"hello\",\"stderr\":\"\"}]}");
        assertThat(first.get("classification").get("category").asText()).isEqualTo("ASSERTION_FAIL");
        assertThat(first.get("classification").get("assertionMethod").asText()).isEqualTo("assertEquals");
        assertThat(first.get("classification").get("fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(document.get("tests").get(1).get("classification").isNull()).as("a passed test").isTrue();
        JsonNode flaky = document.get("tests").get(2);
        assertThat(flaky.get("classification").get("category").asText()).isEqualTo("TIMEOUT");
        assertThat(flaky.get("status").asText()).isEqualTo("flaky");
        assertThat(flaky.get("attempts")).extracting(a -> a.get("status").asText()).containsExactly("failed", "passed");
        assertThat(flaky.get("attempts").get(1).get("failure").isNull()).isTrue();
    }

    @Test
    void theProjectDefaultsToDefault() throws IOException {
        Path report = write("results.xml", "<testsuite name=\"S\"><testcase name=\"t\"/></testsuite>");

        JsonNode document = JSON.readTree(run("parse", "--json", report.toString()).out());

        assertThat(document.get("tests").get(0).get("id").asText())
                .isEqualTo(TestId.derive("default", "S", "t", Optional.empty()).value());
    }

    @Test
    void aDirectoryOrAGlobIsEveryReportInIt_asCiWritesOnePerClass() throws IOException {
        Path results = Files.createDirectories(dir.resolve("build/test-results/test"));
        Files.writeString(results.resolve("TEST-a.xml"), "<testsuite name=\"A\"><testcase name=\"t\"/></testsuite>");
        Files.writeString(results.resolve("TEST-b.xml"), "<testsuite name=\"B\"><testcase name=\"t\"/>"
                + "<testcase name=\"u\"/></testsuite>");
        Files.writeString(results.resolve("binary.bin"), "not a report");

        Run byDirectory = run("parse", dir.resolve("build").toString());
        Run byGlob = run("parse", dir + "/build/**/TEST-*.xml");

        assertThat(byDirectory.status()).as(byDirectory.err()).isZero();
        assertThat(byDirectory.out()).contains(results.resolve("TEST-a.xml") + " (junit-xml)\n  1 test: 1 passed")
                .contains(results.resolve("TEST-b.xml") + " (junit-xml)\n  2 tests: 2 passed")
                .doesNotContain("binary.bin");
        assertThat(byGlob.out()).isEqualTo(byDirectory.out());
    }

    @Test
    void aBadFileIsNamedOnOneLineAndTheOthersAreStillParsed() throws IOException {
        Path good = write("good.xml", REPORT);
        Path truncated = write("truncated.xml", "<testsuite name=\"S\">\n<testcase name=\"t\">\n<failure>bo");
        Path missing = dir.resolve("missing.xml");

        Run run = run("parse", "--json", truncated.toString(), good.toString(), missing.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
                "feedback: " + truncated + ": line 3, column 12: unexpected end of file inside <failure> of"
                        + " <testcase name=\"t\">: the report is truncated",
                "feedback: " + missing + ": no such file");
        assertThat(run.out().lines()).hasSize(1).allSatisfy(line -> assertThat(line).contains("good.xml"));
    }

    @Test
    void gzippedReportsAreRead() throws IOException {
        Path report = dir.resolve("results.xml.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(report))) {
            out.write(REPORT.getBytes(StandardCharsets.UTF_8));
        }

        Run run = run("parse", report.toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("5 tests: 1 passed");
    }

    @Test
    void aLongListOfFailuresIsCut() throws IOException {
        StringBuilder xml = new StringBuilder("<testsuite name=\"S\">");
        for (int i = 0; i < SummaryPrinter.MAX_LISTED + 7; i++) {
            xml.append("<testcase name=\"t").append(i).append("\"><failure message=\"no\"/></testcase>");
        }
        Path report = write("many.xml", xml.append("</testsuite>").toString());

        List<String> lines = run("parse", report.toString()).out().lines().toList();

        assertThat(lines).as("header, counts, root causes, the listed tests and the cut line")
                .hasSize(3 + SummaryPrinter.MAX_LISTED + 1);
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("  ... and 7 more failed, errored or flaky tests (--json lists them all)");
    }

    @Test
    void secretsInFailureTextAreRedactedInBothOutputs() throws IOException {
        Path report = write("secret.xml", """
                <testsuite name="S"><testcase classname="Api" name="calls">
                  <failure message="401 for https://deploy:hunter2pass@api.example.com/v1">Authorization: Bearer \
                eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U</failure>
                  <system-out>password=hunter2pass</system-out>
                </testcase></testsuite>""");

        String text = run("parse", report.toString()).out();
        String json = run("parse", "--json", report.toString()).out();

        assertThat(text).contains("REDACTED").doesNotContain("hunter2pass");
        assertThat(json).contains("REDACTED").doesNotContain("hunter2pass").doesNotContain("dozjgNryP4J3");
    }

    @Test
    void anInvalidProjectIsAUsageError() throws IOException {
        Path report = write("results.xml", REPORT);

        Run run = run("parse", "--project", "no spaces", report.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--project: project must be 1-100 letters");
    }

    @Test
    void durationsReadWell() {
        assertThat(SummaryPrinter.duration(850)).isEqualTo("850 ms");
        assertThat(SummaryPrinter.duration(12_345)).isEqualTo("12.3 s");
        assertThat(SummaryPrinter.duration(245_000)).isEqualTo("4 min 05 s");
        assertThat(SummaryPrinter.duration(7_380_000)).isEqualTo("2 h 03 min");
    }

    @Test
    void namesAndMessagesFromTheReportCannotControlTheTerminal() throws IOException {
        // JSON can carry any character (XML 1.0 cannot carry ESC at all): a CTRF report with hostile names.
        Path report = write("hostile.json", """
                {"reportFormat": "CTRF", "specVersion": "0.0.0", "results": {
                  "tool": {"name": "jest"},
                  "summary": {"tests": 1, "passed": 0, "failed": 1, "pending": 0, "skipped": 0, "other": 0,
                              "start": 0, "stop": 0},
                  "tests": [{"name": "pays \\u001b[2J\\u001b]0;owned\\u0007now \\u202egnp.exe", "status": "failed",
                             "duration": 1, "message": "boom \\u001b[31mred\\u009b"}]}}""");

        Run text = run("parse", report.toString());
        Run json = run("parse", "--json", report.toString());

        assertThat(text.out()).doesNotContain("\u001B", "\u202E", "\u009B", "\u0007")
                .contains("pays \\x1B[2J\\x1B]0;owned\\x07now \\u202Egnp.exe")
                .contains("boom red\\x9B"); // colour codes are dropped by the parser, the 8-bit CSI escaped
        assertThat(text.out().codePoints()).as("printed text").noneMatch(c -> c == 0x1B || c == 0x202E || c == 0x9B);
        assertThat(json.out()).as("JSON escapes them as \\uXXXX")
                .contains("\\u001B[2J", "\\u202Egnp.exe", "\\u009B");
        assertThat(json.out().codePoints()).noneMatch(c -> c == 0x1B || c == 0x202E || c == 0x9B);
        JsonNode test = JSON.readTree(json.out()).get("tests").get(0);
        assertThat(test.get("name").asText()).as("the same string for a JSON reader")
                .isEqualTo("pays \u001B[2J\u001B]0;owned\u0007now \u202Egnp.exe");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FeedbackCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
