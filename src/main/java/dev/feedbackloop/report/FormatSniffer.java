package dev.feedbackloop.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tells the format of a report from its first bytes. XML is told by its root element, JSON by its top-level keys;
 * the file name plays no part.
 */
final class FormatSniffer {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private FormatSniffer() {
    }

    /**
     * @param head the first bytes of the report (already un-gzipped), as many as were available
     * @throws ReportParseException when the input is empty, neither XML nor JSON, or of no known report format
     */
    static ReportFormat sniff(byte[] head, int length) {
        int start = skipBomAndWhitespace(head, length);
        if (start >= length) {
            throw new ReportParseException(length == 0 ? "file is empty" : "file holds only whitespace");
        }
        byte first = head[start];
        if (first == '<') {
            return sniffXml(new String(head, start, length - start, StandardCharsets.UTF_8));
        }
        if (first == '{' || first == '[') {
            return sniffJson(head, start, length - start);
        }
        throw new UnknownReportFormatException(null, "line 1, column 1",
                "not a test report: neither XML nor JSON (starts with '" + printable(head, start, length) + "')");
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

    private static ReportFormat sniffJson(byte[] head, int offset, int length) {
        Set<String> keys = topLevelKeys(head, offset, length);
        if (keys.contains("reportFormat") || keys.contains("specVersion")
                || (keys.contains("results") && !keys.contains("suites"))) {
            return ReportFormat.CTRF_JSON;
        }
        if (keys.contains("suites") && (keys.contains("config") || keys.contains("errors")
                || keys.contains("stats"))) {
            return ReportFormat.PLAYWRIGHT_JSON;
        }
        if (keys.isEmpty()) {
            throw new UnknownReportFormatException(null, null,
                    "unknown JSON report: expected an object with 'results' (CTRF)"
                    + " or 'config' and 'suites' (Playwright)");
        }
        throw new UnknownReportFormatException(null, null, "unknown JSON report: top-level keys "
                + new java.util.TreeSet<>(keys)
                + "; expected 'results' (CTRF) or 'config' and 'suites' (Playwright)");
    }

    /** Top-level object keys found in the head; a head that ends mid-document yields the keys seen so far. */
    private static Set<String> topLevelKeys(byte[] head, int offset, int length) {
        Set<String> keys = new HashSet<>();
        try (JsonParser parser = JSON.createParser(head, offset, length)) {
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
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        return keys;
    }

    private static boolean isEndOfInput(com.fasterxml.jackson.core.JsonParseException e) {
        return e.getOriginalMessage() != null
                && e.getOriginalMessage().toLowerCase(Locale.ROOT).contains("end-of-input");
    }

    private static int skipBomAndWhitespace(byte[] b, int length) {
        int i = 0;
        if (length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static String printable(byte[] b, int start, int length) {
        String text = new String(b, start, Math.min(20, length - start), StandardCharsets.UTF_8);
        return text.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
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
