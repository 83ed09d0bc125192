package dev.feedbackloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Formats are told from the first bytes, whatever the file is called and whatever comes first. */
class FormatSnifferTest {

    static Stream<Arguments> heads() {
        return Stream.of(
                Arguments.of("go events after go's own text", """
                        go: downloading example.com/dep v1.2.3
                        # example.com/p
                        {"Time":"2024-05-01T10:00:00Z","Action":"start","Package":"example.com/p"}""",
                        ReportFormat.GO_TEST_JSON),
                Arguments.of("a go package that does not build, before Go 1.24", """
                        # example.com/p [example.com/p.test]
                        p_test.go:5:28: undefined: f
                        FAIL\texample.com/p [build failed]""", ReportFormat.GO_TEST_JSON),
                Arguments.of("go build events (Go 1.24)", """
                        {"ImportPath":"example.com/p [example.com/p.test]","Action":"build-output","Output":"# p\\n"}""",
                        ReportFormat.GO_TEST_JSON),
                Arguments.of("dart events after flutter's banner", """
                        Waiting for another flutter command to release the startup lock...
                        {"protocolVersion":"0.1.1","runnerVersion":null,"pid":7,"type":"start","time":0}""",
                        ReportFormat.DART_JSON),
                Arguments.of("a dart stream without its start event", """
                        {"suite":{"id":0,"platform":"vm","path":"test/a_test.dart"},"type":"suite","time":0}""",
                        ReportFormat.DART_JSON),
                Arguments.of("mocha, stats first", "{\"stats\": {\"tests\": 1}, \"tests\": [", ReportFormat.MOCHA_JSON),
                Arguments.of("rspec", "{\"version\": \"3.13.0\", \"examples\": [", ReportFormat.RSPEC_JSON),
                Arguments.of("pre-1.0 CTRF", "{\"results\": {\"tool\": {\"name\": \"jest\"}", ReportFormat.CTRF_JSON),
                Arguments.of("playwright", "{\"config\": {}, \"suites\": [", ReportFormat.PLAYWRIGHT_JSON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heads")
    void detects(String name, String head, ReportFormat format) {
        assertThat(sniff(head, StandardCharsets.UTF_8)).isEqualTo(format);
    }

    @ParameterizedTest(name = "{0} in UTF-16")
    @MethodSource("heads")
    void detectsUtf16Too(String name, String head, ReportFormat format) {
        assertThat(sniff("\uFEFF" + head, StandardCharsets.UTF_16LE)).isEqualTo(format);
        assertThat(sniff(head, StandardCharsets.UTF_16BE)).isEqualTo(format);
    }

    static Stream<Arguments> unknown() {
        return Stream.of(
                Arguments.of("mochawesome", "{\"stats\": {}, \"results\": [], \"meta\": {}}",
                        "unknown JSON report: top-level keys [meta, results, stats]"),
                Arguments.of("plain text", "hello, this is not a report\n{not json either",
                        "not a test report: neither XML nor JSON (starts with 'hello, this is not a')"),
                Arguments.of("a JSON array", "[1, 2, 3]", "unknown JSON report: no top-level keys"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknown")
    void refusesWhatItDoesNotKnowSayingWhatItSaw(String name, String head, String problem) {
        assertThatThrownBy(() -> sniff(head, StandardCharsets.UTF_8)).isInstanceOf(UnknownReportFormatException.class)
                .hasMessageContaining(problem);
    }

    private static ReportFormat sniff(String head, Charset charset) {
        byte[] bytes = head.getBytes(charset);
        return FormatSniffer.sniff(bytes, bytes.length);
    }
}
