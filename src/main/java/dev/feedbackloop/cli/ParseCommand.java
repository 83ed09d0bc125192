package dev.feedbackloop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.ReportParseException;
import dev.feedbackloop.report.ReportSummary;
import dev.feedbackloop.report.Reports;
import dev.feedbackloop.rootcause.FailureClassifier;
import dev.feedbackloop.text.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code feedback parse FILE...}: reads test reports of any known format (detected from content; gzip is unwrapped)
 * and prints a summary per file, or with {@code --json} one JSON document per file, one per line.
 *
 * <p>A file that cannot be read or parsed gets one line on standard error naming it; the other files are still
 * processed and the exit status is 2.
 */
@Command(name = "parse",
        description = {"Parses test reports and summarises each one.",
                "Formats are detected from content: JUnit XML (all common dialects), CTRF and Playwright JSON, TRX,"
                        + " NUnit and xUnit.net XML (those built in). Gzip-compressed files are fine."},
        mixinStandardHelpOptions = true)
public final class ParseCommand implements Callable<Integer> {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "report files, directories (the report files in"
            + " them: *.xml, *.json, *.jsonl, *.trx, gzipped too) or quoted globs ('build/**/TEST-*.xml')")
    List<String> files;

    @Option(names = "--json", description = "print one JSON document per file, one per line:"
            + " {\"file\",\"format\",\"summary\":{...},\"tests\":[...]}")
    boolean json;

    @Option(names = "--project", defaultValue = "default", paramLabel = "KEY",
            description = "project the test ids are derived for (default: ${DEFAULT-VALUE})")
    String project;

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "custom classification rules (JSON); they take precedence over the built-in ones")
    Path rules;

    // Built in call(): picocli instantiates every subcommand on each start.
    private Reports reports;
    private FailureClassifier classifier;

    @Override
    public Integer call() throws IOException {
        checkProject();
        reports = Reports.standard();
        classifier = CliFiles.classifier(rules);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = 0;
        for (Path file : ReportPaths.expand(files)) {
            try {
                if (json) {
                    printJson(file, out);
                } else {
                    printSummary(file, out);
                }
            } catch (ReportParseException e) {
                err.println("feedback: " + TerminalText.escape(e.getMessage()));
                status = 2;
            } catch (IOException e) {
                err.println("feedback: " + TerminalText.escape(file + ": " + describe(e)));
                status = 2;
            }
            out.flush();
            err.flush();
        }
        return status;
    }

    private void printSummary(Path file, PrintWriter out) throws IOException {
        SummaryPrinter notable = new SummaryPrinter(classifier);
        ReportSummary summary;
        try (InputStream in = Files.newInputStream(file)) {
            summary = reports.parse(file.toString(), in, notable);
        }
        notable.print(file.toString(), summary, out);
    }

    /**
     * The summary comes first in the document but is known only at the end, so the tests are spooled to a temporary
     * file as they are parsed and copied after the summary: memory stays bounded for any report size, at the cost
     * of one temporary file about the size of the JSON, deleted at once.
     */
    private void printJson(Path file, PrintWriter out) throws IOException {
        Path spool = Files.createTempFile("feedback-parse-", ".json");
        try {
            ReportSummary summary = spoolTests(file, spool);
            try (JsonGenerator document = JsonOutput.FACTORY.createGenerator(out);
                 JsonParser tests = JSON.createParser(spool.toFile())) {
                document.writeStartObject();
                document.writeStringField("file", file.toString());
                document.writeStringField("format", summary.format().label());
                writeSummary(document, summary);
                document.writeFieldName("tests");
                tests.nextToken();
                document.copyCurrentStructure(tests);
                document.writeEndObject();
            }
            out.println();
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private ReportSummary spoolTests(Path file, Path spool) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             OutputStream spooled = Files.newOutputStream(spool);
             JsonGenerator tests = JSON.createGenerator(spooled)) {
            tests.writeStartArray();
            ReportSummary summary = reports.parse(file.toString(), in, result -> writeTest(tests, result));
            tests.writeEndArray();
            return summary;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void writeTest(JsonGenerator tests, TestResult result) {
        try {
            TestResultJson.write(tests, result, project, classifier);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSummary(JsonGenerator json, ReportSummary summary) throws IOException {
        json.writeObjectFieldStart("summary");
        json.writeNumberField("tests", summary.tests());
        json.writeNumberField("passed", summary.passed());
        json.writeNumberField("failed", summary.failed());
        json.writeNumberField("errored", summary.errored());
        json.writeNumberField("skipped", summary.skipped());
        json.writeNumberField("flaky", summary.flaky());
        json.writeNumberField("durationMillis", summary.durationMillis());
        json.writeEndObject();
    }

    private void checkProject() {
        try {
            new RunKey(project, "parse", 1); // the one rule for project keys
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--project: " + e.getMessage());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return "cannot read: " + (message == null ? e.getClass().getSimpleName() : message);
    }
}
