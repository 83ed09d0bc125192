package dev.feedbackloop.report;

import java.util.Optional;

/**
 * A report could not be read: malformed, truncated, empty, unsafe (DTDs, external entities) or of no known format.
 * The message names the source, the place (line and column, or a JSON field path) and what is wrong, e.g.
 * {@code results.xml: line 11, column 22: unexpected end of file inside <testcase>}.
 */
public class ReportParseException extends RuntimeException {

    private final String source;
    private final String location;
    private final String problem;

    /**
     * @param source   the file name or other label of the input; may be null while unknown to the parser
     * @param location where in the input: {@code line 3, column 7} or {@code $.results.tests[2].status}; may be null
     * @param problem  what is wrong, for a person to read
     * @param cause    the underlying exception, may be null
     */
    public ReportParseException(String source, String location, String problem, Throwable cause) {
        super(format(source, location, problem), cause);
        this.source = source;
        this.location = location;
        this.problem = problem;
    }

    /** A problem with no known place, e.g. an empty input. */
    public ReportParseException(String problem) {
        this(null, null, problem, null);
    }

    /** A problem at a known place, found while the source name is not known yet. */
    public ReportParseException(String location, String problem, Throwable cause) {
        this(null, location, problem, cause);
    }

    /** The same problem, naming the source it was found in. */
    public ReportParseException withSource(String newSource) {
        ReportParseException named = new ReportParseException(newSource, location, problem, getCause());
        named.setStackTrace(getStackTrace());
        return named;
    }

    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    public String problem() {
        return problem;
    }

    private static String format(String source, String location, String problem) {
        StringBuilder message = new StringBuilder();
        if (source != null) {
            message.append(source).append(": ");
        }
        if (location != null) {
            message.append(location).append(": ");
        }
        return message.append(problem).toString();
    }
}
