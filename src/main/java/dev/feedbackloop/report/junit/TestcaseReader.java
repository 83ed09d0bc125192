package dev.feedbackloop.report.junit;

import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.model.TestCase;
import dev.feedbackloop.report.CappedText;
import dev.feedbackloop.report.TextLimits;
import dev.feedbackloop.report.junit.TestcaseOutcome.Problem;
import dev.feedbackloop.report.junit.TestcaseOutcome.Rerun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one {@code <testcase>} element, children included, from a streaming reader. Text is capped while it
 * streams ({@link TextLimits}), so one test case holds a bounded amount of memory however large the file.
 */
final class TestcaseReader {

    /** Most properties kept per test case (attributes beyond the standard ones count too). */
    static final int MAX_PROPERTIES = 64;
    static final int MAX_PROPERTY_NAME = 256;
    static final int MAX_PROPERTY_VALUE = 1024;

    // Attributes with a place in TestCase/Attempt (status and result decide the attempt status); any other
    // attribute becomes a property.
    private static final Set<String> MAPPED_ATTRIBUTES = Set.of("name", "classname", "time", "file", "line",
            "status", "result");
    // status="..." values that mean the test did not run: tst and Catch2 "disabled", gtest "notrun", ...
    private static final Set<String> NOT_RUN = Set.of("disabled", "notrun", "not_run", "skipped", "skip",
            "ignored", "pending");
    private static final Set<String> TAG_PROPERTIES = Set.of("tag", "tags");

    private final XMLStreamReader xml;

    TestcaseReader(XMLStreamReader xml) {
        this.xml = xml;
    }

    /**
     * Reads from the {@code <testcase>} start tag the reader is on through its end tag.
     *
     * @return the test case, or empty when it has no name: with no name a test has no identity to track
     */
    Optional<ParsedTestcase> read(Suite suite) throws XMLStreamException {
        String name = JunitValues.nonBlank(xml.getAttributeValue(null, "name"));
        String classname = JunitValues.nonBlank(xml.getAttributeValue(null, "classname"));
        String file = JunitValues.nonBlank(xml.getAttributeValue(null, "file"));
        OptionalInt line = JunitValues.line(xml.getAttributeValue(null, "line"));
        long millis = JunitValues.millis(xml.getAttributeValue(null, "time"));
        boolean notRun = isNotRun(xml.getAttributeValue(null, "status"))
                || isNotRun(xml.getAttributeValue(null, "result"));
        Metadata metadata = new Metadata();
        metadata.addOtherAttributes(xml);
        TestcaseOutcome outcome = new TestcaseOutcome();
        readChildren(outcome, metadata);
        if (name == null) {
            return Optional.empty();
        }
        // With no location of its own, a test is where its first failure points (Catch2, some xUnit writers put
        // file and line there), else in its suite's file (mocha, PHPUnit).
        Optional<Problem> located = outcome.firstProblem().filter(p -> file == null && p.file() != null);
        String testFile = file != null ? file : located.map(Problem::file).orElse(suite.file());
        OptionalInt testLine = located.isPresent() ? JunitValues.line(located.get().line()) : line;
        TestCase test = new TestCase(classname != null ? classname : suite.name(), name,
                Optional.ofNullable(testFile), testLine, metadata.tags, metadata.properties);
        return Optional.of(new ParsedTestcase(test, outcome.attempts(millis, notRun), outcome.textLength()));
    }

    private void readChildren(TestcaseOutcome outcome, Metadata metadata) throws XMLStreamException {
        while (nextChild()) {
            switch (xml.getLocalName()) {
                case "failure" -> outcome.failure(readProblem());
                case "error" -> outcome.error(readProblem());
                case "skipped" -> outcome.skipped(readProblem());
                case "flakyFailure" -> addRerun(outcome, true, AttemptStatus.FAILED);
                case "flakyError" -> addRerun(outcome, true, AttemptStatus.ERROR);
                case "rerunFailure" -> addRerun(outcome, false, AttemptStatus.FAILED);
                case "rerunError" -> addRerun(outcome, false, AttemptStatus.ERROR);
                case "system-out" -> outcome.stdout(readText(TextLimits.OUTPUT));
                case "system-err" -> outcome.stderr(readText(TextLimits.OUTPUT));
                case "properties" -> readProperties(metadata);
                default -> skipElement();
            }
        }
    }

    /** Moves to the next child start tag; false at the parent's end tag. Text between children is ignored. */
    private boolean nextChild() throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT || event == XMLStreamConstants.END_DOCUMENT) {
                return false;
            }
        }
    }

    private Problem readProblem() throws XMLStreamException {
        String message = attribute("message", TextLimits.MESSAGE);
        String type = attribute("type", TextLimits.MESSAGE);
        String file = JunitValues.nonBlank(xml.getAttributeValue(null, "file"));
        String line = xml.getAttributeValue(null, "line");
        return new Problem(message, type, readText(TextLimits.STACK_TRACE), file, line);
    }

    private void addRerun(TestcaseOutcome outcome, boolean beforeOwnOutcome, AttemptStatus status)
            throws XMLStreamException {
        String message = attribute("message", TextLimits.MESSAGE);
        String type = attribute("type", TextLimits.MESSAGE);
        long millis = JunitValues.millis(xml.getAttributeValue(null, "time"));
        String stackTrace = null;
        String stdout = "";
        String stderr = "";
        CappedText ownText = new CappedText(TextLimits.STACK_TRACE);
        int event;
        while ((event = xml.next()) != XMLStreamConstants.END_ELEMENT && event != XMLStreamConstants.END_DOCUMENT) {
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "stackTrace" -> stackTrace = readText(TextLimits.STACK_TRACE);
                    case "system-out" -> stdout = readText(TextLimits.OUTPUT);
                    case "system-err" -> stderr = readText(TextLimits.OUTPUT);
                    default -> skipElement();
                }
            } else if (isText(event)) {
                ownText.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            }
        }
        // Some writers put the stack trace directly in the element instead of a <stackTrace> child.
        String trace = stackTrace != null ? stackTrace : ownText.toString().strip();
        Failure failure = Failure.of(message == null ? "" : message, type, trace);
        outcome.rerun(new Rerun(beforeOwnOutcome, status, failure, millis, stdout, stderr));
    }

    private void readProperties(Metadata metadata) throws XMLStreamException {
        while (nextChild()) {
            if (!xml.getLocalName().equals("property")) {
                skipElement();
                continue;
            }
            String name = xml.getAttributeValue(null, "name");
            String value = xml.getAttributeValue(null, "value");
            if (value == null) {
                value = readText(MAX_PROPERTY_VALUE); // <property name="x">value</property>, as some writers do
            } else {
                skipElement();
            }
            metadata.add(name, value);
        }
    }

    /** The text inside the current element, child elements' text included, capped; the reader ends on its end tag. */
    private String readText(int cap) throws XMLStreamException {
        CappedText text = new CappedText(cap);
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (isText(event)) {
                text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                break;
            }
        }
        return text.toString().strip();
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                return;
            }
        }
    }

    private static boolean isText(int event) {
        return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                || event == XMLStreamConstants.SPACE;
    }

    private static boolean isNotRun(String status) {
        return status != null && NOT_RUN.contains(status.strip().toLowerCase(Locale.ROOT));
    }

    private static String capped(String text, int max) {
        return text == null ? null : TextLimits.cap(text, max);
    }

    /** An attribute's text stripped of the indentation and blank lines writers leave around it, then capped. */
    private String attribute(String name, int max) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? null : TextLimits.cap(value.strip(), max);
    }

    /** Tags and properties of one test case, bounded in number and size. */
    private static final class Metadata {
        final List<String> tags = new ArrayList<>();
        final Map<String, String> properties = new LinkedHashMap<>();

        void addOtherAttributes(XMLStreamReader xml) {
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                String attribute = xml.getAttributeLocalName(i);
                String namespace = xml.getAttributeNamespace(i);
                if (!MAPPED_ATTRIBUTES.contains(attribute) && (namespace == null || namespace.isEmpty())) {
                    add(attribute, xml.getAttributeValue(i));
                }
            }
        }

        void add(String name, String value) {
            if (name == null || name.isBlank() || value == null
                    || tags.size() + properties.size() >= MAX_PROPERTIES) {
                return;
            }
            String key = name.strip();
            if (TAG_PROPERTIES.contains(key.toLowerCase(Locale.ROOT))) {
                for (String tag : value.split(",")) {
                    if (!tag.isBlank() && tags.size() + properties.size() < MAX_PROPERTIES) {
                        tags.add(capped(tag.strip(), MAX_PROPERTY_VALUE));
                    }
                }
                return;
            }
            properties.putIfAbsent(capped(key, MAX_PROPERTY_NAME), capped(value, MAX_PROPERTY_VALUE));
        }
    }
}
