package dev.feedbackloop.report;

import dev.feedbackloop.model.TestResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The one entry point for reading a report: detects the format from content (gzip is unwrapped first), parses with
 * the matching {@link ReportParser} and streams results to a listener.
 */
public final class Reports {

    /** How many leading bytes format detection looks at. */
    static final int SNIFF_BYTES = 64 * 1024;

    private final Map<ReportFormat, ReportParser> parsers = new EnumMap<>(ReportFormat.class);

    /** A reader for the given parsers, at most one per format. */
    public Reports(List<ReportParser> parsers) {
        for (ReportParser parser : parsers) {
            if (this.parsers.put(parser.format(), parser) != null) {
                throw new IllegalArgumentException("two parsers for " + parser.format());
            }
        }
    }

    /** A reader for every built-in format. */
    public static Reports standard() {
        return new Reports(BuiltInParsers.all());
    }

    /**
     * Parses one report.
     *
     * @param source   file name or other label, used in error messages
     * @param in       the report, raw or gzip-compressed; not closed
     * @param listener receives each test result as it is parsed
     * @return the counts of what was parsed
     * @throws ReportParseException naming {@code source}, when the input is empty, unsafe, malformed or unknown
     * @throws IOException          when reading fails
     */
    public ReportSummary parse(String source, InputStream in, ReportListener listener) throws IOException {
        try {
            BufferedInputStream buffered = unwrapGzip(new BufferedInputStream(in, SNIFF_BYTES));
            ReportFormat format = detect(buffered);
            ReportParser parser = parsers.get(format);
            if (parser == null) {
                throw new UnknownReportFormatException(null, null,
                        "format " + format.label() + " is recognised but not supported here");
            }
            ReportSummary.Counter counter = new ReportSummary.Counter();
            parser.parse(buffered, new ReportListener() {
                @Override
                public void onResult(TestResult result) {
                    counter.onResult(result);
                    listener.onResult(result);
                }

                @Override
                public void onReportInfo(ReportInfo info) {
                    listener.onReportInfo(info); // a lambda here would drop it: onReportInfo is a default method
                }
            });
            return counter.summary(format);
        } catch (ReportParseException e) {
            throw e.source().isPresent() ? e : e.withSource(source);
        }
    }

    /** Detects the format of a buffered stream without consuming it. */
    public static ReportFormat detect(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        return FormatSniffer.sniff(head, head.length);
    }

    private static BufferedInputStream unwrapGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (Gzip.startsGzip(b1, b2)) {
            return new BufferedInputStream(new GZIPInputStream(in, 64 * 1024), SNIFF_BYTES);
        }
        return in;
    }
}
