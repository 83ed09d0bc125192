package dev.feedbackloop.report;

import java.util.List;

/** The parsers {@link Reports#standard()} uses. Each format's parser registers here. */
final class BuiltInParsers {

    private BuiltInParsers() {
    }

    static List<ReportParser> all() {
        return List.of(new dev.feedbackloop.report.junit.JunitXmlParser());
    }
}
