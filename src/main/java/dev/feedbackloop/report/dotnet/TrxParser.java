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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Visual Studio / {@code dotnet test} TRX ({@code <TestRun>}): one result per {@code <UnitTestResult>}, its
 * class taken from the matching {@code <UnitTest>} of {@code <TestDefinitions>}.
 *
 * <p>{@code dotnet test} writes the results before the definitions, so results wait in a {@link ResultSpool}
 * (memory, then a temporary file) until the definitions are read; older MSTest files write definitions first and
 * their results pass straight through. Only the test id, class name and categories of each definition are kept.
 *
 * <p>Identity: the suite is the definition's {@code className} (without an assembly qualification); the name is the
 * result's {@code testName} without that class prefix ({@code Ns.CalculatorTests.Is_Even(i: 2)} in class
 * {@code Ns.CalculatorTests} is {@code Is_Even(i: 2)}); a result without a definition keeps its full name and no
 * suite. Outcomes: Passed, PassedButRunAborted, Completed and Warning pass; Failed fails; Error, Timeout and
 * Disconnected (the test host died) are errors; NotExecuted, NotRunnable, Inconclusive, Pending, InProgress and
 * Aborted (the run stopped before the test could finish) are skipped. Data-driven rows ({@code InnerResults}) stay
 * folded into their parent result.
 */
public final class TrxParser implements ReportParser {

    private final long spoolMemoryChars;

    public TrxParser() {
        this(ResultSpool.MEMORY_CHARS);
    }

    /** A parser whose waiting results go to disk past {@code spoolMemoryChars} characters of text. */
    TrxParser(long spoolMemoryChars) {
        this.spoolMemoryChars = spoolMemoryChars;
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.TRX;
    }

    @Override
    public void parse(InputStream in, ReportListener listener) {
        XMLStreamReader reader = SafeXml.open(in);
        try (ResultSpool spool = new ResultSpool(spoolMemoryChars)) {
            XmlReading.root(reader, "TRX", "TestRun");
            Definitions definitions = null;
            Optional<Instant> start = Optional.empty();
            Optional<Instant> finish = Optional.empty();
            int event = XmlReading.next(reader);
            while (event != XMLStreamConstants.END_DOCUMENT) {
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "Times" -> {
                            start = XmlReading.instant(XmlReading.attr(reader, "start"));
                            finish = XmlReading.instant(XmlReading.attr(reader, "finish"));
                            XmlReading.skip(reader);
                        }
                        case "Results" -> { } // step in: the results are its children
                        case "UnitTestResult" -> {
                            ResultSpool.Pending pending = result(reader);
                            if (definitions == null) {
                                spool.add(pending);
                            } else {
                                listener.onResult(definitions.resolve(pending));
                            }
                        }
                        case "TestDefinitions" -> {
                            definitions = Definitions.read(reader);
                            spool.drain(emitTo(listener, definitions));
                        }
                        default -> XmlReading.skip(reader);
                    }
                }
                event = XmlReading.next(reader);
            }
            spool.drain(emitTo(listener, definitions == null ? new Definitions() : definitions));
            Optional<Instant> begun = start;
            listener.onReportInfo(new ReportInfo(Optional.empty(), start,
                    finish.filter(f -> begun.isEmpty() || !f.isBefore(begun.get())), Map.of()));
        } finally {
            SafeXml.closeQuietly(reader);
        }
    }

    private static java.util.function.Consumer<ResultSpool.Pending> emitTo(ReportListener listener,
                                                                            Definitions definitions) {
        return pending -> listener.onResult(definitions.resolve(pending));
    }

    /** One {@code <UnitTestResult>}, read to its end tag. */
    private static ResultSpool.Pending result(XMLStreamReader reader) {
        String testId = XmlReading.attrOrEmpty(reader, "testId");
        String testName = XmlReading.attrOrEmpty(reader, "testName");
        String outcome = XmlReading.attrOrEmpty(reader, "outcome");
        long duration = XmlReading.timeSpanToMillis(XmlReading.attr(reader, "duration"));
        String where = XmlReading.where(reader);
        if (testName.isBlank()) {
            throw new ReportParseException(where, "<UnitTestResult> has no testName", null);
        }
        Output output = Output.read(reader);
        AttemptStatus status = status(outcome);
        String message = output.message == null && !KNOWN_OUTCOMES.containsKey(outcome.toLowerCase(Locale.ROOT))
                ? "unknown TRX outcome '" + outcome + "'" : output.message;
        Optional<Failure> failure = XmlReading.failure(status, message, null, output.stackTrace, output.message);
        Attempt attempt = new Attempt(0, status, duration, failure, XmlReading.output(output.stdout),
                XmlReading.output(output.stderr));
        return new ResultSpool.Pending(testId, testName, attempt);
    }

    private static final Map<String, AttemptStatus> KNOWN_OUTCOMES = Map.ofEntries(
            Map.entry("passed", AttemptStatus.PASSED),
            Map.entry("passedbutrunaborted", AttemptStatus.PASSED),
            Map.entry("completed", AttemptStatus.PASSED),
            Map.entry("warning", AttemptStatus.PASSED),
            Map.entry("failed", AttemptStatus.FAILED),
            Map.entry("error", AttemptStatus.ERROR),
            Map.entry("timeout", AttemptStatus.ERROR),
            Map.entry("disconnected", AttemptStatus.ERROR),
            Map.entry("notexecuted", AttemptStatus.SKIPPED),
            Map.entry("notrunnable", AttemptStatus.SKIPPED),
            Map.entry("inconclusive", AttemptStatus.SKIPPED),
            Map.entry("pending", AttemptStatus.SKIPPED),
            Map.entry("inprogress", AttemptStatus.SKIPPED),
            Map.entry("aborted", AttemptStatus.SKIPPED));

    /** An outcome this parser does not know is an error, so that it is seen. */
    static AttemptStatus status(String outcome) {
        return KNOWN_OUTCOMES.getOrDefault(outcome.toLowerCase(Locale.ROOT), AttemptStatus.ERROR);
    }

    /** {@code <Output>} of a result: stdout, stderr, error message and stack trace. */
    private static final class Output {
        String stdout;
        String stderr;
        String message;
        String stackTrace;

        static Output read(XMLStreamReader reader) {
            Output output = new Output();
            XmlReading.children(reader, output::element);
            return output;
        }

        /** Reads one element; true when the reader stepped into it, false when it read it whole. */
        private boolean element(XMLStreamReader reader) {
            switch (reader.getLocalName()) {
                case "Output", "ErrorInfo" -> {
                    return true;
                }
                case "StdOut" -> stdout = XmlReading.text(reader);
                case "StdErr" -> stderr = XmlReading.text(reader);
                case "Message" -> message = XmlReading.text(reader);
                case "StackTrace" -> stackTrace = XmlReading.text(reader);
                default -> XmlReading.skip(reader); // InnerResults, ResultFiles, DebugTrace, ...
            }
            return false;
        }
    }

    /**
     * Test id to class name and categories, from {@code <TestDefinitions>}. Each distinct class-and-categories pair
     * is kept once; ids map to it through a compact {@link TestIdIndex}.
     */
    private static final class Definitions {
        private final TestIdIndex ids = new TestIdIndex();
        private final List<Definition> distinct = new ArrayList<>();
        private final Map<Definition, Integer> numbers = new HashMap<>();

        private record Definition(String className, List<String> categories) {
        }

        static Definitions read(XMLStreamReader reader) {
            Definitions definitions = new Definitions();
            int depth = 1;
            String testId = null;
            String className = "";
            List<String> categories = new ArrayList<>();
            while (depth > 0) {
                int event = XmlReading.next(reader);
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (depth == 1 && reader.getLocalName().equals("UnitTest") && testId != null) {
                        definitions.add(testId, new Definition(className, List.copyOf(categories)));
                        testId = null;
                        className = "";
                        categories.clear();
                    }
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    switch (reader.getLocalName()) {
                        case "UnitTest" -> testId = XmlReading.attrOrEmpty(reader, "id");
                        case "TestMethod" -> className = className(XmlReading.attrOrEmpty(reader, "className"));
                        case "TestCategoryItem" -> categories.add(XmlReading.attrOrEmpty(reader, "TestCategory"));
                        default -> { }
                    }
                }
            }
            return definitions;
        }

        private void add(String testId, Definition definition) {
            Integer number = numbers.get(definition);
            if (number == null) {
                number = distinct.size();
                distinct.add(definition);
                numbers.put(definition, number);
            }
            ids.put(testId, number);
        }

        TestResult resolve(ResultSpool.Pending pending) {
            int number = ids.get(pending.key());
            Definition definition = number < 0 ? new Definition("", List.of()) : distinct.get(number);
            String className = definition.className();
            String name = XmlReading.withoutClass(pending.name(), className);
            TestCase test = new TestCase(className, name, Optional.empty(), OptionalInt.empty(),
                    definition.categories(), Map.of());
            return TestResult.of(test, List.of(pending.attempt()));
        }

        /** {@code Ns.Class, Assembly, Version=1.0.0.0, ...} names the class {@code Ns.Class}. */
        private static String className(String qualified) {
            int comma = qualified.indexOf(',');
            return (comma < 0 ? qualified : qualified.substring(0, comma)).strip();
        }
    }
}
