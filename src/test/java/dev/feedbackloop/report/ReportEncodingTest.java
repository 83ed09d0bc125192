package dev.feedbackloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.testing.ParsedReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every XML format reads what test tools really write: a stray byte that is not UTF-8 in a passing test's output
 * (replaced by U+FFFD, the report kept, nothing printed on stderr), UTF-16 with or without a byte order mark, the
 * encoding an XML declaration names, and all of it gzipped.
 */
class ReportEncodingTest {

    private static final String OUTPUT = "café ünïcode";

    /** One passing test named "caf\u00e9" whose output is {@link #OUTPUT}, in each XML format. */
    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(ReportFormat.JUNIT_XML, """
                        <testsuite name="S"><testcase classname="C" name="café"><system-out>%s</system-out>
                        </testcase></testsuite>"""),
                Arguments.of(ReportFormat.TRX, """
                        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>
                        <UnitTestResult testId="a" testName="café" outcome="Passed"><Output><StdOut>%s</StdOut>
                        </Output></UnitTestResult></Results></TestRun>"""),
                Arguments.of(ReportFormat.NUNIT_XML, """
                        <test-run><test-case name="café" classname="C" result="Passed"><output>%s</output>
                        </test-case></test-run>"""),
                Arguments.of(ReportFormat.XUNIT_XML, """
                        <assemblies><assembly name="a.dll"><collection name="c"><test name="C.café" type="C"
                         method="café" result="Pass"><output>%s</output></test></collection></assembly></assemblies>"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void aByteThatIsNotUtf8BecomesAReplacementCharacterAndNothingIsPrinted(ReportFormat format, String template) {
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + template.formatted("before \u0001 after");
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        replaceMarker(bytes, (byte) 0xE9); // a Latin-1 'é' in a UTF-8 file: invalid

        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        ParsedReport report;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            report = parse(format.label(), bytes);
        } finally {
            System.setErr(original);
        }

        TestResult result = report.single();
        assertThat(report.summary().format()).isEqualTo(format);
        assertThat(result.status()).isEqualTo(dev.feedbackloop.model.TestStatus.PASSED);
        assertThat(result.attempts().get(0).stdout()).isEqualTo("before \uFFFD after");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("[Fatal Error]").isEmpty();
    }

    static Stream<Arguments> encodings() {
        List<Arguments> cases = new ArrayList<>();
        formats().forEach(f -> {
            Object format = f.get()[0];
            String template = (String) f.get()[1];
            cases.add(Arguments.of(format, template, "UTF-16LE with BOM", StandardCharsets.UTF_16LE, true, "UTF-16"));
            cases.add(Arguments.of(format, template, "UTF-16BE with BOM", StandardCharsets.UTF_16BE, true, "UTF-16"));
            cases.add(Arguments.of(format, template, "UTF-16BE, declared", StandardCharsets.UTF_16BE, false,
                    "UTF-16"));
            cases.add(Arguments.of(format, template, "UTF-16LE, declared", StandardCharsets.UTF_16LE, false,
                    "UTF-16"));
            cases.add(Arguments.of(format, template, "ISO-8859-1, declared", StandardCharsets.ISO_8859_1, false,
                    "ISO-8859-1"));
            cases.add(Arguments.of(format, template, "UTF-8 with BOM", StandardCharsets.UTF_8, true, "UTF-8"));
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("encodings")
    void everyXmlFormatReadsUtf16AndDeclaredEncodingsPlainAndGzipped(ReportFormat format, String template,
                                                                   String label, Charset charset, boolean bom,
                                                                   String declared) throws IOException {
        String document = "<?xml version=\"1.0\" encoding=\"" + declared + "\"?>\n" + template.formatted(OUTPUT);
        byte[] bytes = encode(document, charset, bom);

        for (byte[] input : List.of(bytes, gzip(bytes))) {
            ParsedReport report = parse(label, input);
            assertThat(report.summary().format()).isEqualTo(format);
            assertThat(report.single().test().name()).endsWith("café");
            assertThat(report.single().attempts().get(0).stdout()).isEqualTo(OUTPUT);
        }
    }

    @Test
    void anEncodingTheJvmDoesNotKnowIsNamedInTheError() {
        String document = "<?xml version=\"1.0\" encoding=\"X-KLINGON\"?>\n<testsuite/>";

        ParsedReport.assertRejected(new dev.feedbackloop.report.junit.JunitXmlParser(), document, "line 1",
                "the XML declaration names the encoding 'X-KLINGON', which is not supported");
    }

    @Test
    void jsonReportsInUtf16AreDetectedAndRead() throws IOException {
        String ctrf = """
                {"reportFormat": "CTRF", "specVersion": "1.0.0", "results": {"tool": {"name": "x"},
                 "summary": {"tests": 1, "passed": 1, "failed": 0, "skipped": 0, "pending": 0, "other": 0,
                             "start": 1, "stop": 2},
                 "tests": [{"name": "café", "status": "passed", "duration": 1}]}}""";

        for (byte[] input : List.of(encode(ctrf, StandardCharsets.UTF_16LE, true),
                encode(ctrf, StandardCharsets.UTF_16BE, false))) {
            ParsedReport report = parse("ctrf", input);
            assertThat(report.summary().format()).isEqualTo(ReportFormat.CTRF_JSON);
            assertThat(report.single().test().name()).isEqualTo("café");
        }
    }

    private static ParsedReport parse(String source, byte[] bytes) {
        ParsedReport.Collector collector = new ParsedReport.Collector();
        try {
            ReportSummary summary = Reports.standard().parse(source, new ByteArrayInputStream(bytes), collector);
            return new ParsedReport(List.copyOf(collector.results), summary, java.util.Optional.ofNullable(
                    collector.info));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(String text, Charset charset, boolean bom) {
        byte[] body = text.getBytes(charset);
        byte[] mark = !bom ? new byte[0] : charset.equals(StandardCharsets.UTF_8) ? new byte[] {(byte) 0xEF,
                (byte) 0xBB, (byte) 0xBF} : "\uFEFF".getBytes(charset);
        byte[] all = new byte[mark.length + body.length];
        System.arraycopy(mark, 0, all, 0, mark.length);
        System.arraycopy(body, 0, all, mark.length, body.length);
        return all;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(bytes);
        }
        return zipped.toByteArray();
    }

    private static void replaceMarker(byte[] bytes, byte replacement) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0x01) {
                bytes[i] = replacement;
                return;
            }
        }
        throw new IllegalArgumentException("no marker");
    }
}
