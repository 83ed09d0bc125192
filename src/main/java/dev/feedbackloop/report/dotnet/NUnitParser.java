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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads NUnit result XML: NUnit 3 ({@code <test-run>}, also a bare {@code <test-suite>} as some runners write it)
 * and NUnit 2 ({@code <test-results>}), streaming one {@code <test-case>} at a time through nested suites.
 *
 * <p>Identity: NUnit 3 names the class of each case ({@code classname}), which is the suite; the name is the case's
 * {@code name} (method and arguments). NUnit 2 writes only the full name; it is split at its last dot outside
 * parentheses and angle brackets ({@code NS.GenericFixture<Double>(11.5d).Test1} is
 * {@code NS.GenericFixture<Double>(11.5d)} and {@code Test1}), and a name without a dot takes the enclosing suite.
 *
 * <p>Outcomes: Passed/Success and Warning pass; Failed/Failure fails, except with label {@code Error} (an exception
 * other than an assertion) or {@code Invalid} (a test NUnit could not run as written) or a timeout, which are errors,
 * and label {@code Cancelled} (the run was stopped), which is skipped; NUnit 2 {@code Error} is an error;
 * Skipped, Ignored, NotRunnable, Inconclusive and Explicit are skipped with their reason. Without a {@code result}
 * (NUnit 2.2), {@code executed} and {@code success} decide.
 */
public final class NUnitParser implements ReportParser {

    // Elements of a suite or run that hold no test cases; skipped whole.
    private static final Set<String> SKIPPED_ELEMENTS = Set.of("failure", "reason", "properties", "output",
            "settings", "command-line", "filter", "categories", "attachments", "assertions", "culture-info");
    private static final Set<String> ENVIRONMENT_KEYS = Set.of("framework-version", "clr-version", "os-version",
            "platform", "os-architecture", "nunit-version", "culture");

    @Override
    public ReportFormat format() {
        return ReportFormat.NUNIT_XML;
    }

    @Override
    public void parse(InputStream in, ReportListener listener) {
        XMLStreamReader reader = SafeXml.open(in);
        try {
            String root = XmlReading.root(reader, "NUnit", "test-run", "test-results", "test-suite");
            Deque<Suite> suites = new ArrayDeque<>();
            RunFacts facts = new RunFacts(reader);
            if (root.equals("test-suite")) {
                suites.push(Suite.of(reader));
            }
            int event = XmlReading.next(reader);
            while (event != XMLStreamConstants.END_DOCUMENT) {
                if (event == XMLStreamConstants.START_ELEMENT) {
                    startElement(reader, suites, facts, listener);
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("test-suite")
                        && !suites.isEmpty()) {
                    suites.pop();
                }
                event = XmlReading.next(reader);
            }
            listener.onReportInfo(facts.info());
        } finally {
            SafeXml.closeQuietly(reader);
        }
    }

    private static void startElement(XMLStreamReader reader, Deque<Suite> suites, RunFacts facts,
                                     ReportListener listener) {
        String name = reader.getLocalName();
        switch (name) {
            case "test-suite" -> suites.push(Suite.of(reader));
            case "test-case" -> listener.onResult(testCase(reader, suites.peek()));
            case "environment" -> {
                facts.environment(reader);
                XmlReading.skip(reader);
            }
            default -> {
                if (SKIPPED_ELEMENTS.contains(name)) {
                    XmlReading.skip(reader);
                }
            }
        }
    }

    private static TestResult testCase(XMLStreamReader reader, Suite enclosing) {
        String name = XmlReading.attrOrEmpty(reader, "name");
        String fullName = XmlReading.attrOrEmpty(reader, "fullname");
        String className = XmlReading.attrOrEmpty(reader, "classname");
        AttemptStatus status = status(reader);
        long duration = XmlReading.secondsToMillis(Optional.ofNullable(XmlReading.attr(reader, "duration"))
                .orElse(XmlReading.attr(reader, "time")));
        String description = XmlReading.attrOrEmpty(reader, "description");
        String success = XmlReading.attr(reader, "success");
        String where = XmlReading.where(reader);
        CaseBody body = CaseBody.read(reader);
        if (status == null) {
            status = byFlags(success, body.hasFailure);
        }
        String[] identity = identity(name, fullName, className, enclosing);
        Map<String, String> properties = new LinkedHashMap<>(body.properties);
        if (!description.isBlank()) {
            properties.putIfAbsent("Description", description);
        }
        Optional<Failure> failure = XmlReading.failure(status, body.message, null, body.stackTrace, body.message);
        try {
            TestCase test = new TestCase(identity[0], identity[1], Optional.empty(), OptionalInt.empty(), body.tags,
                    properties);
            return TestResult.of(test, List.of(new Attempt(0, status, duration, failure,
                    XmlReading.output(body.output), "")));
        } catch (IllegalArgumentException e) {
            throw new ReportParseException(where, "<test-case>: " + e.getMessage(), e);
        }
    }

    /** Suite and name of a case; see the class comment. */
    static String[] identity(String name, String fullName, String className, Suite enclosing) {
        if (!className.isBlank()) {
            return new String[] {className, name.isBlank() ? fullName : name};
        }
        String qualified = fullName.isBlank() ? name : fullName;
        int dot = lastTopLevelDot(qualified);
        if (dot > 0) {
            String simple = qualified.substring(dot + 1);
            return new String[] {qualified.substring(0, dot), fullName.isBlank() || name.isBlank() ? simple : name};
        }
        return new String[] {enclosing == null ? "" : enclosing.name(), qualified};
    }

    /** The last '.' outside (), <> and quotes: where the class ends and the method begins. */
    static int lastTopLevelDot(String name) {
        int depth = 0;
        boolean quoted = false;
        int last = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '<' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == '>' || c == ']')) {
                depth = Math.max(0, depth - 1);
            } else if (!quoted && depth == 0 && c == '.') {
                last = i;
            }
        }
        return last;
    }

    /** The status the attributes give, or null when NUnit 2.2 wrote no {@code result} and the body decides. */
    static AttemptStatus status(XMLStreamReader reader) {
        String result = XmlReading.attrOrEmpty(reader, "result").toLowerCase(Locale.ROOT);
        String label = XmlReading.attrOrEmpty(reader, "label").toLowerCase(Locale.ROOT);
        return switch (result) {
            case "passed", "success", "warning" -> AttemptStatus.PASSED;
            case "failed", "failure" -> failedWith(label);
            case "error" -> AttemptStatus.ERROR;
            case "skipped", "ignored", "notrunnable", "not runnable", "inconclusive", "explicit", "cancelled",
                 "notrun" -> AttemptStatus.SKIPPED;
            default -> "false".equalsIgnoreCase(XmlReading.attr(reader, "executed")) ? AttemptStatus.SKIPPED : null;
        };
    }

    private static AttemptStatus failedWith(String label) {
        if (label.equals("error") || label.equals("invalid") || label.contains("timeout")) {
            return AttemptStatus.ERROR;
        }
        return label.equals("cancelled") ? AttemptStatus.SKIPPED : AttemptStatus.FAILED;
    }

    /**
     * NUnit 2.2 writes no {@code result}: a case that ran failed when it says {@code success="False"} or holds a
     * {@code <failure>}, and passed otherwise (files in the wild carry values such as {@code success="Turue"}).
     */
    private static AttemptStatus byFlags(String success, boolean hasFailure) {
        return "false".equalsIgnoreCase(success) || hasFailure ? AttemptStatus.FAILED : AttemptStatus.PASSED;
    }

    /** An enclosing {@code <test-suite>}. */
    record Suite(String name, String type) {
        static Suite of(XMLStreamReader reader) {
            return new Suite(XmlReading.attrOrEmpty(reader, "name"), XmlReading.attrOrEmpty(reader, "type"));
        }
    }

    /** What a {@code <test-case>} holds: failure or skip reason, output, categories and properties. */
    private static final class CaseBody {
        String message;
        String stackTrace;
        String output;
        boolean hasFailure;
        final List<String> tags = new ArrayList<>();
        final Map<String, String> properties = new LinkedHashMap<>();

        static CaseBody read(XMLStreamReader reader) {
            CaseBody body = new CaseBody();
            XmlReading.children(reader, body::element);
            return body;
        }

        /** Reads one element inside the case; true when the reader stepped into it, false when it read it whole. */
        private boolean element(XMLStreamReader reader) {
            switch (reader.getLocalName()) {
                case "failure", "reason", "properties", "categories" -> {
                    hasFailure |= reader.getLocalName().equals("failure");
                    return true;
                }
                case "message" -> message = XmlReading.text(reader);
                case "stack-trace" -> stackTrace = XmlReading.text(reader);
                case "output" -> output = XmlReading.text(reader);
                case "property" -> property(XmlReading.attrOrEmpty(reader, "name"),
                        XmlReading.attrOrEmpty(reader, "value"), reader);
                case "category" -> {
                    tags.add(XmlReading.attrOrEmpty(reader, "name"));
                    XmlReading.skip(reader);
                }
                default -> XmlReading.skip(reader);
            }
            return false;
        }

        private void property(String name, String value, XMLStreamReader reader) {
            if (name.equals("Category")) {
                tags.add(value);
            } else if (!name.isBlank()) {
                properties.merge(name, value, (a, b) -> a + ", " + b);
            }
            XmlReading.skip(reader);
        }
    }

    /** Run-level facts: start and end time, NUnit version, environment. */
    private static final class RunFacts {
        private final Optional<Instant> start;
        private final Optional<Instant> end;
        private String version;
        private final Map<String, String> environment = new LinkedHashMap<>();

        RunFacts(XMLStreamReader root) {
            start = XmlReading.instant(XmlReading.attr(root, "start-time"));
            end = XmlReading.instant(XmlReading.attr(root, "end-time"));
            version = XmlReading.attr(root, "engine-version");
        }

        void environment(XMLStreamReader reader) {
            if (!environment.isEmpty()) {
                return;
            }
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                String key = reader.getAttributeLocalName(i);
                if (ENVIRONMENT_KEYS.contains(key)) {
                    environment.put(key, reader.getAttributeValue(i));
                }
            }
            if (version == null) {
                version = environment.getOrDefault("nunit-version", environment.get("framework-version"));
            }
        }

        ReportInfo info() {
            Optional<Instant> finish = end.filter(e -> start.isEmpty() || !e.isBefore(start.get()));
            return new ReportInfo(Optional.ofNullable(version).map(v -> "nunit " + v), start, finish, environment);
        }
    }
}
