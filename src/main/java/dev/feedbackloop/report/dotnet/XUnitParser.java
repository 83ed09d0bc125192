package dev.feedbackloop.report.dotnet;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportParser;
import dev.feedbackloop.report.xml.SafeXml;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads xUnit.net result XML: v2 ({@code <assemblies>} of {@code <assembly>} of {@code <collection>} of
 * {@code <test>}) and v1 ({@code <assembly>} of {@code <class>}), one {@code <test>} at a time.
 *
 * <p>Identity: the suite is the test's {@code type} (its class); the name is its display {@code name} without that
 * class prefix, so theory rows ({@code Is_Even(i: 2)}, {@code Is_Even(i: 3)}) are separate tests. Results: Pass
 * passes, Fail fails (with the exception type, message and stack trace), Skip and NotRun are skipped with their
 * reason. Traits become properties, a {@code Category} trait a tag. Failures outside tests ({@code <errors>}: a
 * fixture's cleanup that threw) become one {@code ERROR} result each, named after what failed, so that they are
 * seen; xUnit.net counts them apart from its tests.
 */
public final class XUnitParser implements ReportParser {

    /** Property holding the test method when a custom display name does not show it. */
    public static final String METHOD = "method";

    @Override
    public ReportFormat format() {
        return ReportFormat.XUNIT_XML;
    }

    @Override
    public void parse(InputStream in, ReportListener listener) {
        XMLStreamReader reader = SafeXml.open(in);
        try {
            XmlReading.root(reader, "xUnit.net", "assemblies", "assembly");
            String framework = null;
            Map<String, String> environment = new LinkedHashMap<>();
            String assembly = "";
            int event = reader.getEventType();
            while (event != XMLStreamConstants.END_DOCUMENT) {
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "assembly" -> {
                            assembly = XmlReading.attrOrEmpty(reader, "name");
                            framework = framework != null ? framework : XmlReading.attr(reader, "test-framework");
                            Optional.ofNullable(XmlReading.attr(reader, "environment"))
                                    .ifPresent(e -> environment.putIfAbsent("environment", e));
                        }
                        case "test" -> listener.onResult(test(reader));
                        case "error" -> listener.onResult(error(reader, assembly));
                        case "assemblies", "collection", "class", "errors" -> { } // step in
                        default -> XmlReading.skip(reader);
                    }
                }
                event = XmlReading.next(reader);
            }
            listener.onReportInfo(new ReportInfo(Optional.ofNullable(framework), Optional.empty(), Optional.empty(),
                    environment));
        } finally {
            SafeXml.closeQuietly(reader);
        }
    }

    private static TestResult test(XMLStreamReader reader) {
        String type = XmlReading.attrOrEmpty(reader, "type");
        String name = XmlReading.attrOrEmpty(reader, "name");
        String method = XmlReading.attrOrEmpty(reader, "method");
        String result = XmlReading.attrOrEmpty(reader, "result");
        long duration = XmlReading.secondsToMillis(XmlReading.attr(reader, "time"));
        String where = XmlReading.where(reader);
        Body body = Body.read(reader);
        AttemptStatus status = switch (result.toLowerCase(Locale.ROOT)) {
            case "pass" -> AttemptStatus.PASSED;
            case "skip", "notrun" -> AttemptStatus.SKIPPED;
            case "fail" -> AttemptStatus.FAILED;
            default -> throw new ReportParseException(where, "<test name=\"" + name + "\"> has result '" + result
                    + "'; expected Pass, Fail, Skip or NotRun", null);
        };
        Optional<Failure> failure = XmlReading.failure(status, body.message, body.exceptionType, body.stackTrace,
                body.reason);
        String shortName = XmlReading.withoutClass(name, type);
        if (!method.isBlank() && !shortName.startsWith(method)) { // a custom display name hides the method
            body.traits.put(METHOD, method);
        }
        try {
            TestCase test = new TestCase(type, shortName, Optional.empty(), OptionalInt.empty(), body.tags,
                    body.traits);
            return TestResult.of(test, List.of(new Attempt(0, status, duration, failure,
                    XmlReading.output(body.output), "")));
        } catch (IllegalArgumentException e) {
            throw new ReportParseException(where, "<test>: " + e.getMessage(), e);
        }
    }

    /** An {@code <error type="test-class-cleanup" name="Ns.Fixture">} outside any test. */
    private static TestResult error(XMLStreamReader reader, String assembly) {
        String type = XmlReading.attrOrEmpty(reader, "type");
        String name = XmlReading.attrOrEmpty(reader, "name");
        Body body = Body.read(reader);
        Failure failure = XmlReading.failure(body.message, body.exceptionType, body.stackTrace);
        TestCase test = new TestCase(name.isBlank() ? assembly : name, "[" + (type.isBlank() ? "error" : type)
                + " failure]", Optional.empty(), OptionalInt.empty(), List.of(), Map.of("xunit.kind", "error"));
        return TestResult.of(test, List.of(Attempt.failing(0, AttemptStatus.ERROR, 0, failure)));
    }

    /** What a {@code <test>} or {@code <error>} holds. */
    private static final class Body {
        String exceptionType;
        String message;
        String stackTrace;
        String reason;
        String output;
        final List<String> tags = new ArrayList<>();
        final Map<String, String> traits = new LinkedHashMap<>();

        static Body read(XMLStreamReader reader) {
            Body body = new Body();
            XmlReading.children(reader, body::element);
            return body;
        }

        /** Reads one element; true when the reader stepped into it, false when it read it whole. */
        private boolean element(XMLStreamReader reader) {
            switch (reader.getLocalName()) {
                case "failure" -> {
                    exceptionType = XmlReading.attr(reader, "exception-type");
                    return true;
                }
                case "traits" -> {
                    return true;
                }
                case "trait" -> {
                    trait(XmlReading.attrOrEmpty(reader, "name"), XmlReading.attrOrEmpty(reader, "value"));
                    XmlReading.skip(reader);
                }
                case "message" -> message = XmlReading.text(reader);
                case "stack-trace" -> stackTrace = XmlReading.text(reader);
                case "reason" -> reason = XmlReading.text(reader);
                case "output" -> output = XmlReading.text(reader);
                default -> XmlReading.skip(reader);
            }
            return false;
        }

        private void trait(String name, String value) {
            if (name.equalsIgnoreCase("category")) {
                tags.add(value);
            } else if (!name.isBlank()) {
                traits.merge(name, value, (a, b) -> a + ", " + b);
            }
        }
    }
}
