package dev.feedbackloop.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real report of the shared corpus, redacted at rest, can be analysed again: it parses to the same tests,
 * statuses and attempts as the original, with the same text once that is redacted too, and redacting it again
 * changes no byte.
 */
class CorpusReportRedactionTest {

    private static final ReportRedactor REDACTOR = ReportRedactor.standard();
    private static final Redactor TEXT = Redactor.standard();

    static Stream<Named<Path>> reports() throws IOException {
        if (!Corpus.isPresent()) {
            return Stream.of(Named.of("corpus absent", Path.of("absent")));
        }
        List<Named<Path>> reports = new ArrayList<>();
        Path root = Corpus.root().resolve("reports");
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).sorted()
                    .filter(file -> parses(file) != null)
                    .forEach(file -> reports.add(Named.of(root.relativize(file).toString(), file)));
        }
        return reports.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void parsesToTheSameResults_andRedactingAgainChangesNothing(Path report) throws IOException {
        Corpus.root();
        byte[] original = Files.readAllBytes(report);

        byte[] redacted = REDACTOR.redact(original);

        Parsed before = parses(original);
        Parsed after = parses(redacted);
        assertThat(after).as("the redacted report parses").isNotNull();
        assertThat(after.results()).as("tests, statuses, attempts and text")
                .containsExactlyElementsOf(before.results().stream().map(TEXT::redact).toList());
        assertThat(after.environment()).isEqualTo(TEXT.redact(before.environment()));
        assertThat(REDACTOR.redact(redacted)).as("redacted twice").isEqualTo(redacted);
    }

    /** The results and run environment of a report, or null when it is not one the product reads. */
    private static Parsed parses(Path file) {
        try {
            return parses(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Parsed parses(byte[] bytes) {
        List<TestResult> results = new ArrayList<>();
        java.util.Map<String, String>[] environment = new java.util.Map[] {java.util.Map.of()};
        try {
            Reports.standard().parse("report", new ByteArrayInputStream(bytes), new ReportListener() {
                @Override
                public void onResult(TestResult result) {
                    results.add(result);
                }

                @Override
                public void onReportInfo(ReportInfo info) {
                    environment[0] = info.environment();
                }
            });
        } catch (ReportParseException notAReport) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Parsed(results, environment[0]);
    }

    private record Parsed(List<TestResult> results, java.util.Map<String, String> environment) {
    }
}
