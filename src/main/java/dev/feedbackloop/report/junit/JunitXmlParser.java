package dev.feedbackloop.report.junit;

import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportParser;
import dev.feedbackloop.report.xml.SafeXml;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * Reads JUnit XML in its common dialects: Maven surefire/failsafe (with {@code <flakyFailure>}, {@code <flakyError>},
 * {@code <rerunFailure>}, {@code <rerunError>}), Gradle (reruns included), pytest, jest-junit, mocha-junit-reporter,
 * go-junit-report, PHPUnit (nested suites), ctest, Catch2, cargo-nextest, Marathon, tst and others. The root is
 * {@code <testsuites>} or a bare {@code <testsuite>}; suites may nest (up to {@link SafeXml#MAX_ELEMENT_DEPTH}).
 *
 * <p>Streams with StAX through {@link SafeXml} (no DTDs, no entities): memory stays bounded whatever the file size.
 * Each test case's text is capped while it streams; retries written as repeated {@code <testcase>} elements are
 * merged within a bounded window (see {@link RetryWindow} for the bound and its consequence). Suite timestamps and
 * host name are reported as {@link dev.feedbackloop.report.ReportInfo} after the results; suite {@code <properties>}
 * are not, because surefire writes every JVM system property there (command lines, sometimes credentials).
 *
 * <p>A test case without a name is left out: it has no identity to track (EnricoMi's publish-unit-test-result-action
 * does the same).
 */
public final class JunitXmlParser implements ReportParser {

    @Override
    public ReportFormat format() {
        return ReportFormat.JUNIT_XML;
    }

    /**
     * @throws ReportParseException naming line and column when the input is not well-formed, truncated, empty, holds
     *                              a DOCTYPE or entity, or its root is not {@code <testsuites>}/{@code <testsuite>}
     */
    @Override
    public void parse(InputStream in, ReportListener listener) throws IOException {
        ElementTrail xml = new ElementTrail(SafeXml.openStreaming(in));
        try {
            new Walk(xml, listener).run();
        } catch (XMLStreamException e) {
            throw problem(e, xml);
        } finally {
            SafeXml.closeQuietly(xml);
        }
    }

    /** One pass over one document. */
    private static final class Walk {
        private final ElementTrail xml;
        private final ReportListener listener;
        private final TestcaseReader testcases;
        private final RetryWindow window;
        private final ReportFacts facts = new ReportFacts();
        private final Deque<Suite> suites = new ArrayDeque<>();

        Walk(ElementTrail xml, ReportListener listener) {
            this.xml = xml;
            this.listener = listener;
            this.testcases = new TestcaseReader(xml);
            this.window = new RetryWindow(listener::onResult);
        }

        void run() throws XMLStreamException {
            checkRoot();
            onStart();
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    onStart();
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("testsuite")) {
                    suites.pop();
                }
            }
            window.flush();
            facts.info().ifPresent(listener::onReportInfo);
        }

        private void checkRoot() throws XMLStreamException {
            while (xml.next() != XMLStreamConstants.START_ELEMENT) {
                // prolog: comments, processing instructions, whitespace (a DOCTYPE is refused by SafeXml)
            }
            String root = xml.getLocalName();
            if (!root.equals("testsuites") && !root.equals("testsuite")) {
                throw SafeXml.problemAt(xml, "not a JUnit XML report: the root element is <" + root
                        + ">, expected <testsuites> or <testsuite>");
            }
        }

        private void onStart() throws XMLStreamException {
            switch (xml.getLocalName()) {
                case "testsuite" -> openSuite();
                case "testcase" -> {
                    Suite suite = suites.isEmpty() ? Suite.NONE : suites.peek();
                    testcases.read(suite).ifPresent(testcase -> window.add(suite, testcase));
                }
                default -> { } // <testsuites>, <properties>, <system-out>, unknown wrappers: look inside for suites
            }
        }

        private void openSuite() {
            Suite parent = suites.isEmpty() ? Suite.NONE : suites.peek();
            suites.push(parent.child(xml.getAttributeValue(null, "name"),
                    JunitValues.nonBlank(xml.getAttributeValue(null, "file"))));
            facts.suite(xml.getAttributeValue(null, "timestamp"), xml.getAttributeValue(null, "time"),
                    xml.getAttributeValue(null, "hostname"));
        }
    }

    /** The parse error, or the read error when the input itself failed. */
    private static RuntimeException problem(XMLStreamException e, ElementTrail trail) throws IOException {
        Throwable cause = e.getNestedException();
        if (cause instanceof IOException io && !(cause instanceof CharConversionException)) {
            throw io; // reading failed (network, disk); malformed bytes are a CharConversionException
        }
        ReportParseException translated = SafeXml.translate(e);
        String problem = translated.problem();
        if (isEndOfInput(problem)) {
            problem = trail.isInsideAnElement()
                    ? "unexpected end of file inside " + trail.innermost() + ": the report is truncated"
                    : "no XML element found: the file is empty or holds only a prolog";
        } else if (trail.isInsideAnElement()) {
            problem = problem + " (inside " + trail.innermost() + ")";
        }
        return new ReportParseException(translated.location().orElse(location(e.getLocation())), problem, e);
    }

    // The JDK parser's wording for input that stops mid-document.
    private static boolean isEndOfInput(String message) {
        return message.contains("Premature end of file")
                || message.contains("must start and end within the same entity");
    }

    private static String location(Location location) {
        return SafeXml.where(location);
    }
}
