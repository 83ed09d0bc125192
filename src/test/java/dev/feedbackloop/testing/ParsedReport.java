package dev.feedbackloop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.feedbackloop.model.AttemptStatus;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.report.ReportInfo;
import dev.feedbackloop.report.ReportListener;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportParser;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything one parse handed to its listener, for assertions: the results in order, the summary and the
 * report-level facts. Parse either through the product's entry point ({@link Reports#standard()}, format detected
 * from content) or through one parser.
 */
public record ParsedReport(List<TestResult> results, ReportSummary summary, Optional<ReportInfo> info) {

    /** Parses a file through the product's entry point; errors name the file. */
    public static ParsedReport of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return detected(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an inline document through the product's entry point; errors name it {@code inline.xml}. */
    public static ParsedReport of(String document) {
        try {
            return detected("inline.xml", new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an inline document with one parser. */
    public static ParsedReport of(ReportParser parser, String document) {
        return of(parser, new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses a file with one parser. */
    public static ParsedReport of(ReportParser parser, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return of(parser, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a stream with one parser; the summary counts what it handed over. */
    public static ParsedReport of(ReportParser parser, InputStream in) {
        Collector collector = new Collector();
        try {
            parser.parse(in, collector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReportSummary.Counter counter = new ReportSummary.Counter();
        collector.results.forEach(counter::onResult);
        return collector.report(counter.summary(parser.format()));
    }

    /**
     * Asserts that {@code parser} rejects {@code document} with a {@link ReportParseException} whose problem contains
     * {@code problem} and whose location starts with {@code locationPrefix}, or that has no location when that is null.
     */
    public static void assertRejected(ReportParser parser, String document, String locationPrefix, String problem) {
        ReportParseException error = catchThrowableOfType(ReportParseException.class, () -> of(parser, document));

        assertThat(error).as("rejected").isNotNull();
        assertThat(error.problem()).contains(problem);
        if (locationPrefix == null) {
            assertThat(error.location()).isEmpty();
        } else {
            assertThat(error.location()).hasValueSatisfying(l -> assertThat(l).startsWith(locationPrefix));
        }
    }

    private static ParsedReport detected(String source, InputStream in) throws IOException {
        Collector collector = new Collector();
        return collector.report(Reports.standard().parse(source, in, collector));
    }

    /** The only result; fails when there is not exactly one. */
    public TestResult single() {
        if (results.size() != 1) {
            throw new AssertionError("expected one result, got " + results.size() + ": " + results);
        }
        return results.get(0);
    }

    /** The only result named {@code name}; fails when there is not exactly one. */
    public TestResult result(String name) {
        List<TestResult> named = results.stream().filter(r -> r.test().name().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError(named.size() + " results named '" + name + "' in " + outline());
        }
        return named.get(0);
    }

    /** How many results ended in each status, e.g. {@code {FAILED=1, PASSED=2}}. */
    public Map<TestStatus, Integer> statusCounts() {
        Map<TestStatus, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    /** One line per result, {@code suite|name|STATUS|ATTEMPT,ATTEMPT}: a readable picture for table-driven tests. */
    public List<String> outline() {
        return results.stream().map(ParsedReport::outline).toList();
    }

    /** One result as {@code suite|name|STATUS|ATTEMPT,ATTEMPT}. */
    public static String outline(TestResult result) {
        return result.test().suite() + "|" + result.test().name() + "|" + result.status() + "|"
                + result.attempts().stream().map(a -> a.status().name()).collect(Collectors.joining(","));
    }

    /** The attempt statuses of a result, in order. */
    public static List<AttemptStatus> statuses(TestResult result) {
        return result.attempts().stream().map(a -> a.status()).toList();
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

        private ParsedReport report(ReportSummary summary) {
            return new ParsedReport(List.copyOf(results), summary, Optional.ofNullable(info));
        }
    }
}
