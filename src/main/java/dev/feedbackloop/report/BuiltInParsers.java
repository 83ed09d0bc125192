package dev.feedbackloop.report;

import dev.feedbackloop.report.ctrf.CtrfParser;
import dev.feedbackloop.report.dart.DartJsonParser;
import dev.feedbackloop.report.dotnet.NUnitParser;
import dev.feedbackloop.report.dotnet.TrxParser;
import dev.feedbackloop.report.dotnet.XUnitParser;
import dev.feedbackloop.report.gotest.GoTestParser;
import dev.feedbackloop.report.junit.JunitXmlParser;
import dev.feedbackloop.report.mocha.MochaJsonParser;
import dev.feedbackloop.report.playwright.PlaywrightParser;
import dev.feedbackloop.report.rspec.RspecJsonParser;
import java.util.List;

/** The parsers {@link Reports#standard()} uses. Each format's parser registers here. */
final class BuiltInParsers {

    private BuiltInParsers() {
    }

    static List<ReportParser> all() {
        return List.of(
                new JunitXmlParser(),
                new CtrfParser(),
                new PlaywrightParser(),
                new TrxParser(),
                new NUnitParser(),
                new XUnitParser(),
                new MochaJsonParser(),
                new GoTestParser(),
                new RspecJsonParser(),
                new DartJsonParser());
    }
}
