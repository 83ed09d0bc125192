package dev.feedbackloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedback report} on a store filled by {@code feedback ingest}: one page written whole, or nothing. */
class ReportCommandTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @Test
    void thePageIsWrittenWhole_replacingTheOldOne_andNothingIsLeftBeside_orRefusedNamingThePath() throws IOException {
        Path data = dir.resolve("store");
        Path report = dir.resolve("junit.xml");
        Files.writeString(report, """
                <testsuite name="s" timestamp="2026-10-01T10:00:00" tests="2">
                  <testcase classname="e2e.home" name="renders"/>
                  <testcase classname="e2e.cart" name="adds items"><failure message="Unable to locate element: #add"/></testcase>
                </testsuite>
                """);
        Run ingest = run("ingest", "--project", "shop", "--data", data.toString(), "--run", "r1", report.toString());
        assertThat(ingest.status()).as(ingest.err()).isZero();
        Path page = dir.resolve("pages/shop.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, "an older page");

        Run written = run("report", "--project", "shop", "--data", data.toString(), "--out", page.toString());

        assertThat(written.status()).as(written.err()).isZero();
        assertThat(written.err()).contains("feedback: wrote ", "shop.html", "1 runs, 1 scenarios");
        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("<h1>Feedback Loop: shop</h1>",
                "adds items");
        try (Stream<Path> beside = Files.list(page.getParent())) {
            assertThat(beside).containsExactly(page);
        }

        // a path under a file: refused with the path named, the file untouched
        Run refused = run("report", "--project", "shop", "--data", data.toString(), "--out",
                report.resolve("shop.html").toString());
        assertThat(refused.status()).isNotZero();
        assertThat(refused.err()).contains("cannot write ", "junit.xml/shop.html");
        assertThat(Files.readString(report)).contains("adds items");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FeedbackCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }
}
