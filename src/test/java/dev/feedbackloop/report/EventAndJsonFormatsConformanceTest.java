package dev.feedbackloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.testing.Corpus;
import dev.feedbackloop.testing.ParsedReport;
import dev.feedbackloop.testing.PythonRepr;
import dev.feedbackloop.testing.PythonRepr.Call;
import java.io.IOException;
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
 * mocha JSON, {@code go test -json}, RSpec JSON and Dart JSON against the expectations the corpus holds for them
 * ({@code ../shared/corpus/reports}, read in place):
 * <ul>
 *   <li>dorny/test-reporter's rendered summaries ({@code __outputs__/*.md}): the headline counts, and every test
 *       they list, with its group, suite (file or package) and outcome; dorny counts errors as failed and knows no
 *       flaky;</li>
 *   <li>EnricoMi/publish-unit-test-result-action's expected cases ({@code mocha/tests.results},
 *       {@code dart/json/tests.results}): name and outcome of every case;</li>
 *   <li>dorny's empty fixtures: no results, no error.</li>
 * </ul>
 * Each comparison prints {@code conformance <source> <fixture>: <matching>/<total> cases}.
 *
 * <p>Deliberate deviations, each asserted:
 * <ul>
 *   <li>{@code go test -json}: a parent test whose failure its subtests explain ({@code TestCases}, failed because
 *       two of its cases failed, with no output of its own) is not a result here: it would be a second failure with
 *       nothing to say. dorny lists it.</li>
 *   <li>Two tests with the same suite and name are told apart here ({@code should emit "fail"},
 *       {@code should emit "fail" [2]}); dorny lists both under the plain name.</li>
 *   <li>mocha: EnricoMi calls a failure an error when mocha's {@code err} has an {@code errorMode} (only the
 *       {@code unexpected} assertion library sets it, on its failed assertions); here it is a failure, as any failed
 *       assertion is.</li>
 * </ul>
 */
class EventAndJsonFormatsConformanceTest {

    private static final String DORNY = "reports/dorny-test-reporter/";
    private static final String ENRICO = "reports/EnricoMi-publish-unit-test-result-action/";
    private static final java.util.regex.Pattern REPEAT_NUMBER = java.util.regex.Pattern.compile(" \\[\\d+]$");

    /** dorny's cases this parser reports otherwise on purpose, by fixture; see the class comment. */
    private static final Map<String, List<String>> DORNY_DEVIATIONS = Map.of(
            "fixtures/golang-json.json", List.of("TestCases|failed"));
    /** EnricoMi's cases this parser reports otherwise on purpose: name → our status. */
    private static final Map<String, TestStatus> ENRICO_DEVIATIONS = Map.of(
            "Test .clone() should copy the title", TestStatus.FAILED);

    static Stream<Arguments> dornySummaries() {
        return Stream.of("mocha-json.md", "mocha-test-results.md", "golang-json.md", "rspec-json.md",
                "dart-json.md", "provider-test-results.md").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dornySummaries")
    void everyTestDornyListsIsParsedWithItsOutcome(String markdown) throws IOException {
        DornySummaries summary = DornySummaries.read(Corpus.resolve(DORNY + "__outputs__/" + markdown));
        ParsedReport parsed = ParsedReport.of(Corpus.resolve(DORNY + summary.fixture()));
        ReportFormat format = parsed.summary().format();

        Map<String, List<TestResult>> unmatchedByName = new java.util.LinkedHashMap<>();
        parsed.results().forEach(r -> unmatchedByName.computeIfAbsent(ourName(r, format), n -> new ArrayList<>())
                .add(r));
        List<String> missing = new ArrayList<>();
        for (DornySummaries.Case want : summary.cases()) {
            String name = dornyName(want, format);
            if (!removeMatch(unmatchedByName.getOrDefault(name, new ArrayList<>()), want)) {
                missing.add(name + "|" + want.outcome());
            }
        }
        List<TestResult> unmatched = unmatchedByName.values().stream().flatMap(List::stream).toList();
        int total = summary.cases().size();
        System.out.printf("conformance dorny %s (%s): %d/%d cases%n", summary.fixture(), format.label(),
                total - missing.size(), total);

        assertThat(missing).as("dorny's cases not parsed alike; ours left: %s", outline(unmatched))
                .isEqualTo(DORNY_DEVIATIONS.getOrDefault(summary.fixture(), List.of()));
        assertThat(outline(unmatched)).as("results dorny does not list").isEmpty();
        DornySummaries.Counts ours = new DornySummaries.Counts(parsed.summary().tests(),
                parsed.summary().passed() + parsed.summary().flaky(),
                parsed.summary().failed() + parsed.summary().errored(), parsed.summary().skipped());
        int deviations = DORNY_DEVIATIONS.getOrDefault(summary.fixture(), List.of()).size();
        assertThat(ours).isEqualTo(new DornySummaries.Counts(summary.counts().tests() - deviations,
                summary.counts().passed(), summary.counts().failed() - deviations, summary.counts().skipped()));
    }

    static Stream<Arguments> emptyFixtures() {
        return Stream.of("mocha-json.json", "rspec-json.json", "dart-json.json").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyFixtures")
    void dornysEmptyReportsHaveNoResults(String fixture) {
        ParsedReport parsed = ParsedReport.of(Corpus.resolve(DORNY + "fixtures/empty/" + fixture));

        assertThat(parsed.results()).isEmpty();
        assertThat(parsed.info()).isPresent();
    }

    static Stream<Arguments> enricoMiInputs() {
        return Stream.of(Arguments.of("mocha/tests.json"), Arguments.of("dart/json/tests.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enricoMiInputs")
    void everyCaseEnricoMiExpectsIsParsedWithItsOutcome(String input) throws IOException {
        Path file = Corpus.resolve(ENRICO + input);
        List<Call> expected = expectedCases(file.resolveSibling("tests.results"));
        ParsedReport parsed = ParsedReport.of(file);

        List<TestResult> unmatched = new ArrayList<>(parsed.results());
        List<String> missing = new ArrayList<>();
        int deviations = 0;
        for (Call want : expected) {
            String name = (String) want.get("test_name");
            String outcome = (String) want.get("result");
            TestStatus deviation = ENRICO_DEVIATIONS.get(name);
            if (deviation != null && remove(unmatched, name, deviation)) {
                deviations++;
            } else if (!remove(unmatched, name, expectedStatus(outcome))) {
                missing.add(name + "|" + outcome);
            }
        }
        System.out.printf("conformance EnricoMi %s (%s): %d/%d cases (%d by a documented deviation)%n", input,
                parsed.summary().format().label(), expected.size() - missing.size() - deviations, expected.size(),
                deviations);

        assertThat(missing).as("EnricoMi's cases not parsed alike; ours left: %s", outline(unmatched)).isEmpty();
        assertThat(outline(unmatched)).as("results EnricoMi does not expect").isEmpty();
    }

    private static boolean removeMatch(List<TestResult> sameName, DornySummaries.Case want) {
        for (Iterator<TestResult> it = sameName.iterator(); it.hasNext(); ) {
            TestResult result = it.next();
            if (sameOutcome(result.status(), want.outcome()) && sameSuite(result, want.suite())) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private static boolean remove(List<TestResult> results, String name, TestStatus status) {
        for (Iterator<TestResult> it = results.iterator(); it.hasNext(); ) {
            TestResult result = it.next();
            String full = collapse(joined(result.test().suite(), " ", result.test().name()));
            if ((full.equals(collapse(name)) || collapse(result.test().name()).equals(collapse(name)))
                    && result.status() == status) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /**
     * The test's full name as each tool spells it: mocha and RSpec join describe path and title with a space. A test
     * whose name repeats in its suite is numbered here ({@code name [2]}) and listed under its plain name by dorny.
     */
    private static String ourName(TestResult result, ReportFormat format) {
        String name = REPEAT_NUMBER.matcher(result.test().name()).replaceFirst("");
        return switch (format) {
            case MOCHA_JSON, RSPEC_JSON -> collapse(joined(result.test().suite(), " ", name));
            default -> collapse(name);
        };
    }

    /** dorny splits a name into a group and a test: Go's at the first slash, Dart's and mocha's at the group title. */
    private static String dornyName(DornySummaries.Case listed, ReportFormat format) {
        return switch (format) {
            case GO_TEST_JSON -> collapse(joined(listed.group(), "/", listed.name()));
            case RSPEC_JSON -> collapse(listed.name()); // dorny lists RSpec's full description
            default -> collapse(joined(listed.group(), " ", listed.name()));
        };
    }

    /** dorny's suite is the file relative to the repository (mocha, RSpec, Dart) or the Go package. */
    private static boolean sameSuite(TestResult result, String suite) {
        String where = result.test().file().orElse(result.test().suite()).replace('\\', '/');
        String relative = suite.startsWith("./") ? suite.substring(2) : suite;
        return result.test().suite().equals(suite) || where.equals(suite) || where.endsWith("/" + relative);
    }

    private static boolean sameOutcome(TestStatus status, String outcome) {
        return switch (outcome) {
            case "passed" -> status == TestStatus.PASSED || status == TestStatus.FLAKY;
            case "failed" -> status.isFailing();
            default -> status == TestStatus.SKIPPED;
        };
    }

    private static TestStatus expectedStatus(String outcome) {
        return switch (outcome) {
            case "success" -> TestStatus.PASSED;
            case "skipped" -> TestStatus.SKIPPED;
            case "failure" -> TestStatus.FAILED;
            default -> TestStatus.ERROR;
        };
    }

    private static List<Call> expectedCases(Path results) throws IOException {
        Call parsed = (Call) PythonRepr.parse(Files.readString(results));
        return ((List<?>) parsed.get("cases")).stream().map(Call.class::cast).toList();
    }

    private static List<String> outline(List<TestResult> results) {
        return results.stream().map(ParsedReport::outline).toList();
    }

    private static String joined(String first, String separator, String second) {
        return first.isEmpty() ? second : first + separator + second;
    }

    private static String collapse(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
