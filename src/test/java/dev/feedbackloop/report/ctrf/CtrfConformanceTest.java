package dev.feedbackloop.report.ctrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.feedbackloop.report.ReportFormat;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.testing.Corpus;
import dev.feedbackloop.testing.ParsedReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CTRF project's own examples and accept/reject suite ({@code ../shared/corpus/reports/ctrf-io-ctrf}, read in
 * place): every valid document is accepted with the counts its summary states, every invalid one is rejected with
 * an error that names a JSON field path.
 */
class CtrfConformanceTest {

    private static final String CTRF = "reports/ctrf-io-ctrf/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> examples() throws IOException {
        if (!Corpus.isPresent()) {
            return Stream.of(Arguments.of("corpus absent", null));
        }
        try (Stream<Path> files = Files.list(Corpus.resolve(CTRF + "examples"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> Arguments.of(f.getFileName().toString(), f)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void examplesParseWithTheCountsOfTheirSummary(String name, Path file) throws IOException {
        Corpus.root();
        JsonNode summary = JSON.readTree(file.toFile()).path("results").path("summary");
        ReportSummary parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = Reports.standard().parse(name, in, result -> { });
        }
        assertThat(parsed.format()).isEqualTo(ReportFormat.CTRF_JSON);
        assertThat(parsed.tests()).isEqualTo(summary.path("tests").asInt());
        // CTRF counts a flaky test as passed (its final status) and again under 'flaky'.
        assertThat(parsed.passed() + parsed.flaky()).isEqualTo(summary.path("passed").asInt());
        assertThat(parsed.flaky()).isEqualTo(summary.path("flaky").asInt(0));
        assertThat(parsed.failed() + parsed.errored()).isEqualTo(summary.path("failed").asInt());
        assertThat(parsed.skipped()).isEqualTo(summary.path("skipped").asInt() + summary.path("pending").asInt());
    }

    static Stream<Arguments> suiteCases() throws IOException {
        if (!Corpus.isPresent()) {
            return Stream.of(Arguments.of("corpus absent", null, false));
        }
        List<Path> suites = new ArrayList<>();
        suites.add(Corpus.resolve(CTRF + "tests/ctrf.test.json"));
        try (Stream<Path> files = Files.list(Corpus.resolve(CTRF + "tests/normative"))) {
            files.filter(f -> f.toString().endsWith(".test.json")).sorted().forEach(suites::add);
        }
        List<Arguments> cases = new ArrayList<>();
        for (Path suite : suites) {
            for (JsonNode testCase : JSON.readTree(suite.toFile()).path("tests")) {
                String label = suite.getFileName() + ": " + testCase.path("description").asText();
                cases.add(Arguments.of(label, document(suite, testCase), testCase.path("valid").asBoolean()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suiteCases")
    void everySuiteCaseIsAcceptedOrRejectedAsMarked(String label, String document, boolean valid) {
        Corpus.root();
        CtrfParser parser = new CtrfParser();
        if (valid) {
            ParsedReport parsed = ParsedReport.of(parser, document);
            assertThat(parsed.info()).as("report info of a valid document").isPresent();
            return;
        }
        ReportParseException rejected = catchThrowableOfType(ReportParseException.class,
                () -> ParsedReport.of(parser, document));
        assertThat(rejected).as("rejection of an invalid document").isNotNull();
        assertThat(rejected.location()).as("field path in: " + rejected.getMessage())
                .hasValueSatisfying(location -> assertThat(location).startsWith("$"));
        assertThat(rejected.problem()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suiteCases")
    void theStandardReaderDetectsEverySuiteCaseAsCtrf(String label, String document, boolean valid) {
        Corpus.root();
        var in = new java.io.ByteArrayInputStream(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (valid) {
            assertThat(parse(label, in).format()).isEqualTo(ReportFormat.CTRF_JSON);
        } else {
            assertThatThrownBy(() -> parse(label, in)).isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith(label + ": $");
        }
    }

    private static ReportSummary parse(String label, InputStream in) {
        try {
            return Reports.standard().parse(label, in, result -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String document(Path suite, JsonNode testCase) throws IOException {
        if (testCase.has("dataPath")) {
            return Files.readString(suite.getParent().resolve(testCase.path("dataPath").asText()));
        }
        return JSON.writeValueAsString(testCase.path("data"));
    }
}
