package dev.feedbackloop.report.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.report.xml.SafeXml;
import dev.feedbackloop.testing.Corpus;
import dev.feedbackloop.testing.ParsedReport;
import dev.feedbackloop.testing.PythonRepr;
import dev.feedbackloop.testing.PythonRepr.Call;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance with EnricoMi/publish-unit-test-result-action's own expectations ({@code ../shared/corpus}): every
 * JUnit XML input with a {@code .results} file gives the same cases with the same outcomes, and every XML input
 * with a {@code .exception} file is rejected with a clear error.
 *
 * <p>The JUnit inputs are the {@code junit-xml/**}{@code /*.xml} files and every {@code *.junit-xml} file (the
 * action's JUnit rendering of its NUnit, xUnit, TRX, Dart and mocha inputs, checked against the same
 * {@code .results}).
 *
 * <p>Deliberate deviations, each asserted below:
 * <ul>
 *   <li>A name repeated within one suite is one test with several attempts here (retries written as repeated
 *       {@code <testcase>} elements); EnricoMi lists each element. The comparison groups EnricoMi's cases by class
 *       and name in order and expects exactly our attempts.</li>
 *   <li>{@code xunit/mstest/jenkinsci/testcase3.junit-xml} writes {@code time="0,014"} (a German-locale xUnit run
 *       whose suite took {@code 0,025}); EnricoMi reads 14 seconds, we read a lone comma as a decimal comma:
 *       14 ms. Its durations are checked in {@link #readsALoneCommaAsADecimalComma}.</li>
 *   <li>The XXE samples are refused at their DOCTYPE (line 4), before lxml's complaint about the undefined entity
 *       (line 17): no DOCTYPE is accepted at all.</li>
 *   <li>{@code .junit-xml} files of inputs that have a {@code .exception} (the XXE samples, whose rendering shows
 *       the entity <em>expanded</em>, and {@code non-junit}) are not compared: their input must be rejected.</li>
 * </ul>
 */
class EnricoMiJunitConformanceTest {

    private static final String ROOT = "reports/EnricoMi-publish-unit-test-result-action";
    private static final String DECIMAL_COMMA_FILE = "xunit/mstest/jenkinsci/testcase3.junit-xml";
    private static final Pattern LXML_LINE = Pattern.compile(", line (\\d+), column \\d+");
    private static final Pattern INVOCATION_SUFFIX = Pattern.compile(" \\[\\d+\\]$");

    static Stream<Arguments> junitInputsWithExpectedResults() throws IOException {
        return corpusFiles(path -> {
            String name = path.getFileName().toString();
            boolean junitInput = name.endsWith(".junit-xml")
                    || (name.endsWith(".xml") && path.toString().contains("/junit-xml/"));
            return junitInput && Files.exists(sibling(path, ".results")) && !Files.exists(sibling(path, ".exception"));
        });
    }

    static Stream<Arguments> xmlInputsWithExpectedErrors() throws IOException {
        return corpusFiles(path -> path.getFileName().toString().endsWith(".xml")
                && Files.exists(sibling(path, ".exception")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junitInputsWithExpectedResults")
    void givesTheSameCasesWithTheSameOutcomes(String relative) throws IOException {
        Path input = Corpus.resolve(ROOT + "/" + relative);
        List<ExpectedTest> expected = expectedTests(sibling(input, ".results"));
        Map<List<String>, List<Attempt>> actual = attemptsByTest(ParsedReport.of(input).results());

        for (ExpectedTest test : expected) {
            List<Attempt> attempts = actual.remove(test.key(actual.keySet()));
            assertThat(attempts).as("attempts of %s among %s", test, actual.keySet()).isNotNull();
            assertThat(attempts).extracting(Attempt::status).as("statuses of %s", test).isEqualTo(test.statuses());
            test.assertDetails(attempts, !relative.equals(DECIMAL_COMMA_FILE));
        }
        assertThat(actual).as("results EnricoMi does not list").isEmpty();
    }

    /**
     * Our attempts per (suite, name), in document order. EnricoMi lists every {@code <testcase>} element as a case;
     * we merge retries into one result and number repeated invocations ({@code name [2]}), so the comparison is
     * made element by element: one EnricoMi case is one of our attempts.
     */
    private static Map<List<String>, List<Attempt>> attemptsByTest(List<TestResult> results) {
        Map<List<String>, List<Attempt>> byTest = new LinkedHashMap<>();
        for (TestResult result : results) {
            String name = INVOCATION_SUFFIX.matcher(result.test().name()).replaceFirst("");
            byTest.computeIfAbsent(List.of(result.test().suite(), name), k -> new ArrayList<>())
                    .addAll(result.attempts());
        }
        return byTest;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xmlInputsWithExpectedErrors")
    void rejectsWhatEnricoMiRejectsWithAClearError(String relative) throws IOException {
        Path input = Corpus.resolve(ROOT + "/" + relative);
        String file = input.getFileName().toString();
        String expectedError = Files.readString(sibling(input, ".exception"));

        assertThatThrownBy(() -> ParsedReport.of(input))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(file + ": ");
        if (Files.size(input) > 0 && !expectedError.contains("Invalid format")) {
            // The XML itself is bad (whatever its dialect): the safe reader refuses it at the line lxml names.
            ReportParseException refused = readAllWithSafeXml(input);
            Matcher line = LXML_LINE.matcher(expectedError);
            if (expectedError.contains("Entity 'xxe' not defined")) {
                assertThat(refused).hasMessageContaining("DOCTYPE declarations are not allowed");
            } else if (line.find()) {
                assertThat(refused.location())
                        .hasValueSatisfying(at -> assertThat(at).startsWith("line " + line.group(1) + ","));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void readsALoneCommaAsADecimalComma() {
        ParsedReport report = ParsedReport.of(Corpus.resolve(ROOT + "/" + DECIMAL_COMMA_FILE));
        assertThat(report.result("FailedTest").durationMillis()).isEqualTo(14);
        assertThat(report.result("SuccessfulTest").durationMillis()).isEqualTo(10);
    }

    private static ReportParseException readAllWithSafeXml(Path input) throws IOException {
        try (InputStream in = Files.newInputStream(input)) {
            XMLStreamReader xml = SafeXml.open(in);
            while (xml.hasNext()) {
                xml.next();
            }
        } catch (XMLStreamException e) {
            return SafeXml.translate(e);
        } catch (ReportParseException e) {
            return e;
        }
        throw new AssertionError(input + " was read as well-formed, safe XML");
    }

    /** EnricoMi's cases grouped by class and name, results in order; cases without a name are left out as we do. */
    private static List<ExpectedTest> expectedTests(Path results) throws IOException {
        Call parsed = (Call) PythonRepr.parse(Files.readString(results));
        Map<List<String>, ExpectedTest> byTest = new LinkedHashMap<>();
        for (Object item : (List<?>) parsed.get("cases")) {
            Call unitTestCase = (Call) item;
            String name = (String) unitTestCase.get("test_name");
            if (name == null || name.isBlank()) {
                continue;
            }
            String className = Objects.requireNonNullElse((String) unitTestCase.get("class_name"), "").strip();
            byTest.computeIfAbsent(List.of(className, name.strip()), key -> new ExpectedTest(className, name.strip()))
                    .add(unitTestCase);
        }
        return List.copyOf(byTest.values());
    }

    /** One test as EnricoMi expects it: its cases in order. */
    private static final class ExpectedTest {
        final String className;
        final String name;
        final List<Call> cases = new ArrayList<>();

        ExpectedTest(String className, String name) {
            this.className = className;
            this.name = name;
        }

        void add(Call unitTestCase) {
            cases.add(unitTestCase);
        }

        List<AttemptStatus> statuses() {
            return cases.stream().map(c -> status((String) c.get("result"))).toList();
        }

        /** Our key for this test: same name, same class when EnricoMi names one (else the enclosing suite's). */
        List<String> key(java.util.Set<List<String>> ours) {
            return ours.stream().filter(k -> k.get(1).equals(name) && (className.isEmpty() || k.get(0).equals(className)))
                    .findFirst().orElse(List.of(className, name));
        }

        void assertDetails(List<Attempt> attempts, boolean checkDurations) {
            for (int i = 0; i < cases.size(); i++) {
                Call expected = cases.get(i);
                Attempt attempt = attempts.get(i);
                if (checkDurations && expected.get("time") instanceof Number seconds) {
                    assertThat(attempt.durationMillis()).as("duration of %s", this)
                            .isEqualTo(Math.round(seconds.doubleValue() * 1000));
                }
                if (expected.get("message") instanceof String message && attempt.status() != AttemptStatus.PASSED) {
                    assertThat(attempt.failure()).as("failure of %s", this)
                            .hasValueSatisfying(f -> assertThat(f.message()).isEqualTo(message.strip()));
                }
            }
        }

        @Override
        public String toString() {
            return className + "|" + name + "|" + statuses();
        }
    }

    private static AttemptStatus status(String result) {
        return switch (result) {
            case "success" -> AttemptStatus.PASSED;
            case "failure" -> AttemptStatus.FAILED;
            case "error" -> AttemptStatus.ERROR;
            case "skipped", "disabled" -> AttemptStatus.SKIPPED;
            default -> throw new IllegalArgumentException("unknown EnricoMi result '" + result + "'");
        };
    }

    private static Path sibling(Path input, String extension) {
        String name = input.getFileName().toString();
        return input.resolveSibling(name.substring(0, name.lastIndexOf('.')) + extension);
    }

    private static Stream<Arguments> corpusFiles(java.util.function.Predicate<Path> wanted) throws IOException {
        if (!Corpus.isPresent()) {
            return Stream.of(Arguments.of("(corpus missing)"));
        }
        Path root = Corpus.root().resolve(ROOT);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(wanted).sorted()
                    .map(p -> Arguments.of(root.relativize(p).toString())).toList().stream();
        }
    }
}
