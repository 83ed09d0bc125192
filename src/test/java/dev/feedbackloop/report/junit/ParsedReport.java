package dev.feedbackloop.report.junit;

import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A report parsed in a test: the results in order, the summary and the report-level facts. */
record ParsedReport(List<TestResult> results, ReportSummary summary, Optional<ReportInfo> info) {

    /** Parses a file through the product's entry point, format detected from content. */
    static ParsedReport of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses inline XML through the product's entry point. */
    static ParsedReport of(String xml) {
        try {
            return parse("inline.xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ParsedReport parse(String source, InputStream in) throws IOException {
        List<TestResult> results = new ArrayList<>();
        ReportInfo[] info = new ReportInfo[1];
        ReportSummary summary = Reports.standard().parse(source, in, new ReportListener() {
            @Override
            public void onResult(TestResult result) {
                results.add(result);
            }

            @Override
            public void onReportInfo(ReportInfo reportInfo) {
                info[0] = reportInfo;
            }
        });
        return new ParsedReport(List.copyOf(results), summary, Optional.ofNullable(info[0]));
    }

    /** The only result named {@code name}. */
    TestResult result(String name) {
        List<TestResult> named = results.stream().filter(r -> r.test().name().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError(named.size() + " results named '" + name + "' in " + outline());
        }
        return named.get(0);
    }

    /** One line per result, {@code suite|name|STATUS|ATTEMPT,ATTEMPT}: a readable picture for table-driven tests. */
    List<String> outline() {
        return results.stream().map(ParsedReport::outline).toList();
    }

    static String outline(TestResult result) {
        return result.test().suite() + "|" + result.test().name() + "|" + result.status() + "|"
                + result.attempts().stream().map(a -> a.status().name()).collect(Collectors.joining(","));
    }

    /** The attempt statuses of a result, in order. */
    static List<AttemptStatus> statuses(TestResult result) {
        return result.attempts().stream().map(a -> a.status()).toList();
    }
}
