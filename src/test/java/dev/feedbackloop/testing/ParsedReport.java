package dev.feedbackloop.testing;

import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Everything one parser run handed to its listener, for assertions. */
public record ParsedReport(List<TestResult> results, Optional<ReportInfo> info) {

    /** Parses an inline document. */
    public static ParsedReport of(ReportParser parser, String document) {
        return of(parser, new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses a file. */
    public static ParsedReport of(ReportParser parser, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(parser, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ParsedReport of(ReportParser parser, InputStream in) {
        Collector collector = new Collector();
        try {
            parser.parse(in, collector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ParsedReport(List.copyOf(collector.results), Optional.ofNullable(collector.info));
    }

    /** The only result; fails when there is not exactly one. */
    public TestResult single() {
        if (results.size() != 1) {
            throw new AssertionError("expected one result, got " + results.size() + ": " + results);
        }
        return results.get(0);
    }

    /** How many results ended in each status, e.g. {@code {FAILED=1, PASSED=2}}. */
    public Map<TestStatus, Integer> statusCounts() {
        Map<TestStatus, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    /** Collects what a parser hands over; also a listener for tests that drive a parser themselves. */
    public static final class Collector implements ReportListener {
        public final List<TestResult> results = new ArrayList<>();
        public ReportInfo info;

        @Override
        public void onResult(TestResult result) {
            results.add(result);
        }

        @Override
        public void onReportInfo(ReportInfo reportInfo) {
            if (info != null) {
                throw new AssertionError("onReportInfo called twice");
            }
            info = reportInfo;
        }
    }
}
