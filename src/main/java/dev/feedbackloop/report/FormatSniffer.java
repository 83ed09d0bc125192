package dev.feedbackloop.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Tells the format of a report from its first bytes, decoded as {@link TextDecoding} does (UTF-8, or UTF-16/UTF-32
 * with or without a byte order mark). XML is told by its root element, JSON by its top-level keys, an event stream
 * ({@code go test -json}, Dart's JSON reporter) by the keys of its first event; the file name plays no part.
 */
final class FormatSniffer {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String EXPECTED_JSON = "expected 'results' (CTRF), 'config' and 'suites' (Playwright),"
            + " 'stats' and 'tests' (mocha), 'examples' (RSpec), or a stream of 'go test -json' or 'dart test"
            + " --reporter json' events";
    private static final Pattern GO_PACKAGE_WITHOUT_EVENTS = Pattern.compile(
            "FAIL\\s+\\S+\\s+\\[(?:build|setup) failed]"); // FAIL	example.com/x [build failed]

    private FormatSniffer() {
    }

    /**
     * @param head the first bytes of the report (already un-gzipped), as many as were available
     * @throws ReportParseException when the input is empty, neither XML nor JSON, or of no known report format
     */
    static ReportFormat sniff(byte[] head, int length) {
        if (length == 0) {
            throw new ReportParseException("file is empty");
        }
        TextDecoding.Detected detected = TextDecoding.detect(head, length);
        String text = TextDecoding.decode(head, detected.bomLength(), length - detected.bomLength(),
                detected.charset().orElse(StandardCharsets.UTF_8));
        int start = skipWhitespace(text, 0);
        if (start >= text.length()) {
            throw new ReportParseException("file holds only whitespace");
        }
        char first = text.charAt(start);
        if (first == '<') {
            return sniffXml(text.substring(start));
        }
        if (first == '{' || first == '[') {
            return sniffJson(text.substring(start));
        }
        return sniffEventLines(text, start);
    }

    private static ReportFormat sniffXml(String text) {
        String root = XmlRoot.name(text);
        if (root == null) {
            throw new ReportParseException("no XML root element in the first " + text.length() + " characters");
        }
        return switch (root) {
            case "testsuites", "testsuite" -> ReportFormat.JUNIT_XML;
            case "TestRun" -> ReportFormat.TRX;
            case "test-run", "test-results", "test-suite" -> ReportFormat.NUNIT_XML; // test-suite: bare NUnit 3 suite
            case "assemblies", "assembly" -> ReportFormat.XUNIT_XML;
            default -> throw new UnknownReportFormatException(null, null, "unknown XML report: root element <"
                    + root
                    + ">; expected <testsuites> or <testsuite> (JUnit), <TestRun> (TRX), <test-run> (NUnit)"
                    + " or <assemblies> (xUnit.net)");
        };
    }

    private static ReportFormat sniffJson(String json) {
        Set<String> keys = topLevelKeys(json);
        Optional<ReportFormat> format = jsonFormat(keys);
        if (format.isPresent()) {
            return format.get();
        }
        String found = keys.isEmpty() ? "no top-level keys" : "top-level keys " + new TreeSet<>(keys);
        throw new UnknownReportFormatException(null, null, "unknown JSON report: " + found + "; " + EXPECTED_JSON);
    }

    /** The JSON format whose top-level keys (of the document, or of a stream's first event) these are. */
    private static Optional<ReportFormat> jsonFormat(Set<String> keys) {
        if (keys.contains("Action") && (keys.contains("Package") || keys.contains("ImportPath")
                || keys.contains("Time"))) {
            return Optional.of(ReportFormat.GO_TEST_JSON); // {"Time":"...","Action":"run","Package":"x","Test":"T"}
        }
        if (keys.contains("protocolVersion") || (keys.contains("type") && keys.contains("time")
                && (keys.contains("suite") || keys.contains("test") || keys.contains("testID")
                || keys.contains("group") || keys.contains("count")))) {
            return Optional.of(ReportFormat.DART_JSON); // {"protocolVersion":"0.1.1","type":"start","time":0}
        }
        if (keys.contains("reportFormat") || keys.contains("specVersion")
                || (keys.contains("results") && !keys.contains("suites") && !keys.contains("stats"))) {
            return Optional.of(ReportFormat.CTRF_JSON);
        }
        if (keys.contains("suites") && (keys.contains("config") || keys.contains("errors")
                || keys.contains("stats"))) {
            return Optional.of(ReportFormat.PLAYWRIGHT_JSON);
        }
        if (keys.contains("stats") && (keys.contains("tests") || keys.contains("passes")
                || keys.contains("failures") || keys.contains("pending"))) {
            return Optional.of(ReportFormat.MOCHA_JSON);
        }
        if (keys.contains("examples") || keys.contains("summary_line")) {
            return Optional.of(ReportFormat.RSPEC_JSON);
        }
        return Optional.empty();
    }

    /**
     * A head that is neither XML nor JSON can still be an event stream whose first lines are plain text: build
     * errors or {@code go: downloading ...} that {@code go test -json 2>&1} mixes in, a banner {@code flutter test}
     * prints. The first line that is a JSON object decides.
     */
    private static ReportFormat sniffEventLines(String text, int start) {
        int lineStart = start;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd).strip();
            if (line.startsWith("{")) {
                Optional<ReportFormat> format = eventKeys(line).flatMap(FormatSniffer::jsonFormat)
                        .filter(f -> f == ReportFormat.GO_TEST_JSON || f == ReportFormat.DART_JSON);
                if (format.isPresent()) {
                    return format.get();
                }
            } else if (GO_PACKAGE_WITHOUT_EVENTS.matcher(line).matches()) {
                return ReportFormat.GO_TEST_JSON; // before Go 1.24, a package that does not build has no events
            }
            lineStart = lineEnd + 1;
        }
        throw new UnknownReportFormatException(null, "line 1, column 1",
                "not a test report: neither XML nor JSON (starts with '" + printable(text, start) + "')");
    }

    private static Optional<Set<String>> eventKeys(String line) {
        try {
            return Optional.of(topLevelKeys(line));
        } catch (ReportParseException e) {
            return Optional.empty(); // a line of text that happens to start with '{'
        }
    }

    /** Top-level object keys found in the head; a head that ends mid-document yields the keys seen so far. */
    private static Set<String> topLevelKeys(String json) {
        Set<String> keys = new HashSet<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return keys;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                keys.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            if (token == null) {
                return keys;
            }
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            if (keys.isEmpty() && !isEndOfInput(e)) {
                var where = e.getLocation();
                throw new ReportParseException("line " + where.getLineNr() + ", column " + where.getColumnNr(),
                        "malformed JSON: " + e.getOriginalMessage(), e);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return keys;
    }

    private static boolean isEndOfInput(com.fasterxml.jackson.core.JsonParseException e) {
        return e.getOriginalMessage() != null
                && e.getOriginalMessage().toLowerCase(Locale.ROOT).contains("end-of-input");
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r'
                || text.charAt(i) == '\n')) {
            i++;
        }
        return i;
    }

    private static String printable(String text, int start) {
        String head = text.substring(start, Math.min(text.length(), start + 20));
        return head.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
    }

    /** Finds the root element name, skipping the XML declaration, comments, processing instructions and DOCTYPE. */
    static final class XmlRoot {
        private XmlRoot() {
        }

        static String name(String text) {
            int i = 0;
            int n = text.length();
            while (i < n) {
                i = skipWhitespace(text, i);
                if (i >= n || text.charAt(i) != '<') {
                    return null;
                }
                if (text.startsWith("<?", i)) {
                    i = indexAfter(text, "?>", i);
                } else if (text.startsWith("<!--", i)) {
                    i = indexAfter(text, "-->", i);
                } else if (text.startsWith("<!", i)) {
                    i = skipDoctype(text, i);
                } else {
                    int end = i + 1;
                    while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '>'
                            && text.charAt(end) != '/') {
                        end++;
                    }
                    String qualified = text.substring(i + 1, end);
                    return qualified.substring(qualified.indexOf(':') + 1); // drop a namespace prefix
                }
                if (i < 0) {
                    return null;
                }
            }
            return null;
        }

        private static int skipDoctype(String text, int from) {
            int depth = 0;
            for (int i = from + 2; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (c == '>' && depth <= 0) {
                    return i + 1;
                }
            }
            return -1;
        }

        private static int indexAfter(String text, String marker, int from) {
            int at = text.indexOf(marker, from);
            return at < 0 ? -1 : at + marker.length();
        }

        private static int skipWhitespace(String text, int i) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return i;
        }
    }
}
