package dev.feedbackloop.report.dotnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TRX, NUnit and xUnit.net files of EnricoMi/publish-unit-test-result-action's test suite
 * ({@code ../shared/corpus/reports/EnricoMi-publish-unit-test-result-action}, read in place): every input with an
 * expected {@code .results} gives the same cases with the same outcomes, every input with an expected
 * {@code .exception} is rejected with an error that says where and what.
 *
 * <p>Two deliberate differences in how a case is named, both because EnricoMi's XSLT keeps less than the report says:
 * <ul>
 *   <li>xUnit.net: EnricoMi names a case by its {@code method}; we keep the display name, which for a theory carries
 *       the arguments ({@code AddingSeveralNumbers(firstNumber: "40", ...)}), so that each row is its own test, or is
 *       the custom display name a test was given. A case matches when our name is EnricoMi's or starts with it
 *       followed by {@code (} or {@code <}, or when the test's {@code method} property is EnricoMi's name.</li>
 *   <li>xUnit.net {@code jenkinsci/testcase6}: a test with empty {@code type} and {@code method} is nameless in
 *       EnricoMi; a test needs a name, so we take its display name ({@code collection1\test.xml}).</li>
 * </ul>
 * One deliberate difference in outcome, checked exactly in {@link NUnitParserTest}: EnricoMi reads only NUnit 3's
 * {@code result="Failed"} and reports every such case as a failure; we also read its {@code label} and report an
 * exception ({@code label="Error"}), an invalid test or a timeout as an error, as JUnit's {@code <error>} would,
 * because "the code threw" and "an assertion did not hold" are different root causes. So for NUnit 3 files an
 * expected {@code failure} is matched by our {@code ERROR} too.
 */
class EnricoMiConformanceTest {

    private static final String ROOT = "reports/EnricoMi-publish-unit-test-result-action/";
    private static final Map<String, ReportFormat> FORMAT_BY_FOLDER = Map.of(
            "trx", ReportFormat.TRX, "nunit", ReportFormat.NUNIT_XML, "xunit", ReportFormat.XUNIT_XML);

    static Stream<Arguments> inputsWithResults() throws IOException {
        return inputs(".results").filter(i -> !Files.exists(sibling(i, ".exception")))
                .map(i -> Arguments.of(label(i), i));
    }

    static Stream<Arguments> inputsWithExceptions() throws IOException {
        return inputs(".exception").map(i -> Arguments.of(label(i), i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputsWithResults")
    void parsesTheSameCasesWithTheSameOutcomes(String label, Path input) throws IOException {
        Corpus.root();
        List<ExpectedCases.Case> expected = ExpectedCases.read(sibling(input, ".results"));
        List<TestResult> actual = new ArrayList<>();
        ReportSummary summary;
        try (InputStream in = Files.newInputStream(input)) {
            summary = Reports.standard().parse(label, in, actual::add);
        }
        assertThat(summary.format()).isEqualTo(FORMAT_BY_FOLDER.get(label.substring(0, label.indexOf('/'))));

        List<TestResult> unmatched = new ArrayList<>(actual);
        List<ExpectedCases.Case> missing = new ArrayList<>();
        boolean nunit = summary.format() == ReportFormat.NUNIT_XML;
        for (ExpectedCases.Case want : expected) {
            if (!removeMatch(unmatched, want, nunit)) {
                missing.add(want);
            }
        }
        assertThat(missing).as("expected cases not parsed (or with another outcome); unmatched results: %s",
                describe(unmatched)).isEmpty();
        assertThat(describe(unmatched)).as("results EnricoMi does not expect").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputsWithExceptions")
    void rejectsWhatEnricoMiRejectsSayingWhereAndWhat(String label, Path input) throws IOException {
        Corpus.root();
        ReportParseException error;
        try (InputStream in = Files.newInputStream(input)) {
            error = catchThrowableOfType(ReportParseException.class,
                    () -> Reports.standard().parse(label, in, result -> { }));
        }
        assertThat(error).as("rejected").isNotNull();
        assertThat(error.source()).contains(label);
        assertThat(error.location()).as("location in: " + error.getMessage())
                .hasValueSatisfying(l -> assertThat(l).matches("line \\d+, column \\d+"));
        assertThat(error.problem()).isNotBlank();
    }

    private static boolean removeMatch(List<TestResult> actual, ExpectedCases.Case want, boolean nunit) {
        for (Iterator<TestResult> it = actual.iterator(); it.hasNext(); ) {
            TestResult result = it.next();
            if (sameCase(result, want) && sameOutcome(result.status(), want.result(), nunit)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    static boolean sameCase(TestResult result, ExpectedCases.Case want) {
        String suite = result.test().suite();
        String name = result.test().name();
        if (want.className().isEmpty()) {
            return want.testName().isEmpty() || want.testName().equals(name)
                    || want.testName().equals(suite + "." + name);
        }
        return want.className().equals(suite) && (name.equals(want.testName())
                || name.startsWith(want.testName() + "(") || name.startsWith(want.testName() + "<")
                || want.testName().equals(result.test().properties().get(XUnitParser.METHOD)));
    }

    static boolean sameOutcome(TestStatus status, String expected, boolean nunit) {
        return switch (status) {
            case PASSED -> expected.equals("success");
            case SKIPPED -> expected.equals("skipped");
            case FAILED -> expected.equals("failure");
            case ERROR -> expected.equals("error") || (nunit && expected.equals("failure"));
            case FLAKY -> false;
        };
    }

    private static List<String> describe(List<TestResult> results) {
        return results.stream().map(r -> r.test().suite() + " | " + r.test().name() + " | " + r.status()).toList();
    }

    private static Stream<Path> inputs(String expectationSuffix) throws IOException {
        if (!Corpus.isPresent()) {
            return Stream.of(Path.of("corpus-absent.xml"));
        }
        Path root = Corpus.resolve(ROOT);
        List<Path> inputs = new ArrayList<>();
        for (String folder : FORMAT_BY_FOLDER.keySet()) {
            try (Stream<Path> files = Files.walk(root.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".xml") || f.toString().endsWith(".trx"))
                        .filter(f -> Files.exists(sibling(f, expectationSuffix))).forEach(inputs::add);
            }
        }
        return inputs.stream().sorted();
    }

    private static Path sibling(Path input, String suffix) {
        String name = input.getFileName().toString();
        return input.resolveSibling(name.substring(0, name.lastIndexOf('.')) + suffix);
    }

    private static String label(Path input) {
        if (!Corpus.isPresent()) {
            return "corpus absent";
        }
        return Corpus.resolve(ROOT).relativize(input).toString();
    }
}
