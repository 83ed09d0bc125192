package dev.feedbackloop.report.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.xml.SafeXml;
import dev.feedbackloop.testing.ParsedReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is refused with the file, the place and the problem; nothing unsafe is read. */
class JunitXmlErrorsTest {

    static Stream<Arguments> badReports() {
        return Stream.of(
                Arguments.of("empty", "", "inline.xml: file is empty"),
                Arguments.of("truncated inside a failure", "<testsuite name=\"S\">\n<testcase name=\"t\">\n"
                        + "<failure>boom", "inline.xml: line 3, column 14: unexpected end of file inside <failure>"
                        + " of <testcase name=\"t\">: the report is truncated"),
                Arguments.of("truncated inside CDATA", "<testsuite><testcase name=\"t\"><system-out><![CDATA[abc",
                        "inline.xml: line 1, column 55: unexpected end of file inside <system-out> of"
                                + " <testcase name=\"t\">"),
                Arguments.of("truncated in a tag", "<testsuites>\n  <testsuite name=\"S\">\n    <testcase na",
                        "inline.xml: line 3, column 17: unexpected end of file inside <testsuite name=\"S\">"),
                Arguments.of("mismatched end tag", "<testsuite>\n  <testcase name=\"t\"></testsuite>",
                        "inline.xml: line 2, column 24: malformed XML: The element type \"testcase\" must be"
                                + " terminated by the matching end-tag \"</testcase>\". (inside <testcase name=\"t\">)"),
                Arguments.of("repeated attribute", "<testsuite>\n<testcase name=\"a\" name=\"b\"/></testsuite>",
                        "inline.xml: line 2, column 30: malformed XML: attribute 'name' appears twice in <testcase>"),
                Arguments.of("NUL character", "<testsuite><testcase name=\"t\">\u0000</testcase></testsuite>",
                        "inline.xml: line 1, column 31: malformed XML: An invalid XML character (Unicode: 0x0)"),
                Arguments.of("content after the root", "<testsuite/>\n<testsuite/>",
                        "inline.xml: line 2, column 2: malformed XML: The markup in the document following the root"
                                + " element must be well-formed."),
                Arguments.of("XXE", "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM"
                        + " \"file:///etc/passwd\">]>\n<testsuite><testcase name=\"&xxe;\"/></testsuite>",
                        "inline.xml: line 2, column 66: DOCTYPE declarations are not allowed in test reports"
                                + " (refused to protect against XXE and entity expansion)"),
                Arguments.of("undeclared entity", "<testsuite>\n<testcase name=\"a&nbsp;b\"/></testsuite>",
                        "inline.xml: line 2, column"),
                Arguments.of("not JUnit", "<suites><suite/></suites>",
                        "inline.xml: unknown XML report: root element <suites>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReports")
    void badInputIsRefusedNamingFilePlaceAndProblem(String problem, String xml, String expectedMessage) {
        assertThatThrownBy(() -> ParsedReport.of(xml))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(expectedMessage);
    }

    @Test
    void anUndeclaredEntityIsNamed() {
        assertThatThrownBy(() -> ParsedReport.of("<testsuite>\n<testcase name=\"a&nbsp;b\"/></testsuite>"))
                .hasMessageContaining("nbsp");
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharactersInsteadOfRefusingTheReport() throws IOException {
        byte[] xml = {'<', 't', 'e', 's', 't', 's', 'u', 'i', 't', 'e', '>', '<', 't', 'e', 's', 't', 'c', 'a', 's',
                'e', ' ', 'n', 'a', 'm', 'e', '=', '"', 'a', (byte) 0xC3, (byte) 0x28, '"', '/', '>', '<', '/', 't',
                'e', 's', 't', 's', 'u', 'i', 't', 'e', '>'};
        assertThat(parseDirectly(xml)).extracting(r -> r.test().name()).containsExactly("a\uFFFD(");
    }

    @Test
    void theParserItselfRefusesAnotherRootNamingTheElement() {
        assertThatThrownBy(() -> parseDirectly("<?xml version=\"1.0\"?>\n<suites/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportParseException.class)
                .hasMessage("line 2, column 10: not a JUnit XML report: the root element is <suites>, expected"
                        + " <testsuites> or <testsuite>");
    }

    @Test
    void theParserItselfRefusesAPrologWithoutElement() {
        assertThatThrownBy(() -> parseDirectly("<?xml version=\"1.0\"?>\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportParseException.class)
                .hasMessageEndingWith("no XML element found: the file is empty or holds only a prolog");
    }

    @Test
    void suitesNestedAbsurdlyDeepAreRefused() {
        int depth = SafeXml.MAX_ELEMENT_DEPTH + 1;
        String xml = "<testsuite>".repeat(depth) + "</testsuite>".repeat(depth);
        assertThatThrownBy(() -> ParsedReport.of(xml)).isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("inline.xml: line 1, column ")
                .hasMessageContaining("The element \"testsuite\" has a depth of")
                .hasMessageContaining("exceeds the limit"); // the numbers are formatted in the JVM's locale
    }

    @Test
    void theInputStreamIsLeftOpen() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream("<testsuite/>".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new JunitXmlParser().parse(in, result -> { });
        assertThat(closed[0]).isFalse();
    }

    private static List<TestResult> parseDirectly(byte[] xml) throws IOException {
        List<TestResult> results = new ArrayList<>();
        new JunitXmlParser().parse(new ByteArrayInputStream(xml), results::add);
        return results;
    }
}
