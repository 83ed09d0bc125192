package dev.feedbackloop.report;

/**
 * The input is readable but is not a report of any format Feedback Loop reads: neither XML nor JSON, or XML/JSON
 * whose root element or top-level keys match no known format. Distinct from a malformed report of a known format,
 * so that a receiver can answer "unsupported" rather than "broken" (HTTP 415 rather than 400).
 */
public class UnknownReportFormatException extends ReportParseException {

    public UnknownReportFormatException(String source, String location, String problem) {
        super(source, location, problem, null);
    }

    @Override
    public UnknownReportFormatException withSource(String newSource) {
        UnknownReportFormatException named = new UnknownReportFormatException(newSource, location().orElse(null),
                problem());
        named.setStackTrace(getStackTrace());
        return named;
    }
}
