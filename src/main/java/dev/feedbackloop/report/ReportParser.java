package dev.feedbackloop.report;

import java.io.IOException;
import java.io.InputStream;

/** Parser of one report format. Implementations stream: memory stays bounded whatever the input size. */
public interface ReportParser {

    /** The format this parser reads. */
    ReportFormat format();

    /**
     * Parses {@code in} to the end, handing each test result to {@code listener} as soon as it is complete.
     * Does not close {@code in}.
     *
     * @throws ReportParseException when the content is malformed, unsafe or not of this format; results already
     *                              handed over stay valid, so callers that must not half-write buffer or roll back
     * @throws IOException          when reading fails
     */
    void parse(InputStream in, ReportListener listener) throws IOException;
}
