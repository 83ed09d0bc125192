package dev.feedbackloop.report.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The .NET fixtures of dorny/test-reporter ({@code ../shared/corpus/reports/dorny-test-reporter}, read in place)
 * parse with the counts of the summaries dorny rendered for them ({@code __outputs__/*.md}): "**11** tests were
 * completed in **1s** with **5** passed, **5** failed and **1** skipped". dorny has no "error": our failed and
 * errored together are its failed.
 */
class DornyDotnetTest {

    private static final String DORNY = "reports/dorny-test-reporter/";
    // The FluentValidation fixture was left out of the dorny folder as a byte-identical copy of EnricoMi's.
    private static final String FLUENT_VALIDATION =
            "reports/EnricoMi-publish-unit-test-result-action/trx/nunit/FluentValidation.Tests.trx";
    private static final Pattern SUMMARY = Pattern.compile("\\*\\*(\\d+)\\*\\* tests were completed in \\*\\*[^*]+"
            + "\\*\\* with \\*\\*(\\d+)\\*\\* passed, \\*\\*(\\d+)\\*\\* failed and \\*\\*(\\d+)\\*\\* skipped");
    private static final Pattern FIXTURE = Pattern.compile("\\|\\[(fixtures/[^\\]]+)]");

    static Stream<Arguments> summaries() {
        return Stream.of("dotnet-trx.md", "dotnet-trx-only-failed.md", "dotnet-nunit.md", "dotnet-xunitv3.md",
                "silent-notes-test-results.md", "fluent-validation-test-results.md").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("summaries")
    void parsesWithTheCountsDornyReports(String summaryFile) throws IOException {
        String markdown = Files.readString(Corpus.resolve(DORNY + "__outputs__/" + summaryFile));
        Matcher fixture = FIXTURE.matcher(markdown);
        Matcher counts = SUMMARY.matcher(markdown);
        assertThat(fixture.find()).as("fixture named in " + summaryFile).isTrue();
        assertThat(counts.find()).as("counts in " + summaryFile).isTrue();
        Path input = fixture.group(1).endsWith("FluentValidation.Tests.trx") ? Corpus.resolve(FLUENT_VALIDATION)
                : Corpus.resolve(DORNY + fixture.group(1));

        ReportSummary summary;
        try (InputStream in = Files.newInputStream(input)) {
            summary = Reports.standard().parse(fixture.group(1), in, result -> { });
        }

        assertThat(summary.tests()).as("tests").isEqualTo(Integer.parseInt(counts.group(1)));
        assertThat(summary.passed()).as("passed").isEqualTo(Integer.parseInt(counts.group(2)));
        assertThat(summary.failed() + summary.errored()).as("failed").isEqualTo(Integer.parseInt(counts.group(3)));
        assertThat(summary.skipped()).as("skipped").isEqualTo(Integer.parseInt(counts.group(4)));
    }

    static Stream<Arguments> emptyReports() {
        return Stream.of(Arguments.of("fixtures/empty/dotnet-trx.trx"),
                Arguments.of("fixtures/empty/dotnet-trx-empty-test-definitions.trx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyReports")
    void reportsOfARunWithoutTestsParseToNothing(String fixture) throws IOException {
        try (InputStream in = Files.newInputStream(Corpus.resolve(DORNY + fixture))) {
            assertThat(Reports.standard().parse(fixture, in, result -> { }).tests()).isZero();
        }
    }
}
