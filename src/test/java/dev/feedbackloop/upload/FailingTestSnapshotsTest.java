package dev.feedbackloop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.ingest.SourceBundle;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.PageContext;
import dev.feedbackloop.report.Reports;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page at each failure, read from the report's error-context attachments, stripped, redacted and capped. */
class FailingTestSnapshotsTest {

    private static final String TOKEN = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";

    @TempDir
    Path dir;

    private static String errorContext(String page) {
        return "# Instructions\n\n- Following Playwright test failed.\n- Explain why, be concise.\n\n"
                + "# Page snapshot\n\n```yaml\n" + page + "\n```\n\n# Test source\n\n```ts\nawait x();\n```\n";
    }

    private Path junit(String... testcases) throws IOException {
        return Files.writeString(dir.resolve("junit.xml"), "<testsuite name=\"s\">" + String.join("", testcases)
                + "</testsuite>");
    }

    private static String failing(String name, String attachment) {
        return "<testcase classname=\"c\" name=\"" + name + "\"><failure message=\"boom\">x</failure>"
                + "<system-out>[[ATTACHMENT|" + attachment + "]]</system-out></testcase>";
    }

    private FailingTestSnapshots.Collected collect(Path report) throws IOException {
        return FailingTestSnapshots.collect(report, Reports.standard(), new EvidenceFiles(List.of(dir)),
                Redactor.standard());
    }

    @Test
    void aFailingTestsPageIsShipped_withoutTheInstructionsAndTheSecret() throws IOException {
        Files.createDirectories(dir.resolve("test-results/a"));
        Files.writeString(dir.resolve("test-results/a/error-context.md"),
                errorContext("- button \"Pay\"\n- text: token " + TOKEN));
        Path report = junit(failing("pays", "/ci/test-results/a/error-context.md"),
                "<testcase classname=\"c\" name=\"passes\"><system-out>[[ATTACHMENT|test-results/a/error-context.md]]"
                        + "</system-out></testcase>");

        FailingTestSnapshots.Collected collected = collect(report);

        assertThat(collected.skipped()).isEmpty();
        SourceBundle.Snapshot page = collected.snapshots().get(0);
        assertThat(collected.snapshots()).as("a passing test's page is not shipped").hasSize(1);
        assertThat(page.name()).isEqualTo("pays");
        assertThat(page.suite()).isEqualTo("c");
        assertThat(page.path()).isEqualTo("test-results/a/error-context.md");
        assertThat(page.content()).startsWith("- button \"Pay\"").contains("[REDACTED:")
                .doesNotContain(TOKEN, "Instructions", "Explain why", "await x()");
        assertThat(FailingTestSnapshots.mayName(report)).isTrue();
    }

    @Test
    void anInlineErrorContextInAGzippedPlaywrightReportIsShipped() throws IOException {
        String body = Base64.getEncoder().encodeToString(errorContext("- link \"Home\"")
                .getBytes(StandardCharsets.UTF_8));
        String json = """
                {"config": {"version": "1.55.0"}, "suites": [{"title": "a.spec.ts", "file": "a.spec.ts", "specs": [
                  {"title": "t", "ok": false, "file": "a.spec.ts", "tests": [{"expectedStatus": "passed",
                   "status": "unexpected", "results": [{"status": "failed", "retry": 0, "errors": [{"message": "x"}],
                   "attachments": [{"name": "error-context", "contentType": "text/markdown", "body": "%s"}]}]}]}]}]}
                """.formatted(body);
        Path report = dir.resolve("report.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(report))) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }

        FailingTestSnapshots.Collected collected = collect(report);

        assertThat(collected.snapshots()).singleElement().satisfies(p -> {
            assertThat(p.content()).isEqualTo("- link \"Home\"");
            assertThat(p.path()).isEqualTo("error-context.md");
        });
    }

    @Test
    void tooLargeMissingOrPagelessFilesAreSkipped_sayingWhy() throws IOException {
        for (String folder : List.of("big", "none", "bin")) {
            Files.createDirectories(dir.resolve(folder));
        }
        Files.writeString(dir.resolve("big/error-context.md"),
                "x".repeat((int) FailingTestSnapshots.MAX_FILE_BYTES + 1));
        Files.writeString(dir.resolve("none/error-context.md"), "# Instructions\n\nExplain.\n\n# Test info\n\n- t\n");
        Files.write(dir.resolve("bin/error-context.md"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        Path report = junit(failing("big", "big/error-context.md"), failing("none", "none/error-context.md"),
                failing("gone", "gone/error-context.md"), failing("bin", "bin/error-context.md"));

        FailingTestSnapshots.Collected collected = collect(report);

        assertThat(collected.snapshots()).isEmpty();
        assertThat(collected.skipped()).containsExactly(
                "big: big/error-context.md: 262145 bytes, more than the 262144 read of an error-context file",
                "none: none/error-context.md: no page snapshot in it",
                "gone: gone/error-context.md: not found under " + dir.toRealPath(),
                "bin: bin/error-context.md: not UTF-8 text");
    }

    @Test
    void atMostFiftyPagesARun_eachCutToTheModelsCap() throws IOException {
        Files.writeString(dir.resolve("error-context.md"), errorContext("- text: " + "y".repeat(20_000)));
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            cases.add(failing("t" + i, "error-context.md"));
        }
        Path report = junit(cases.toArray(String[]::new));

        FailingTestSnapshots.Collected collected = collect(report);

        assertThat(collected.snapshots()).hasSize(SourceBundle.MAX_SNAPSHOTS)
                .allSatisfy(p -> assertThat(p.content()).hasSizeLessThanOrEqualTo(PageContext.MAX_CHARS));
        assertThat(collected.skipped()).containsExactly("9950 more page snapshots not shipped (at most 50 a run,"
                + " 20 reasons listed)");
        assertThat(SourceBundle.write(List.of(), collected.snapshots()).length).as("one run's page bundle, bytes")
                .isLessThan(700_000);
    }

    @Test
    void aReportWithoutErrorContextIsNotParsedAgain() throws IOException {
        assertThat(FailingTestSnapshots.mayName(junit(failing("t", "shot.png")))).isFalse();
        assertThat(FailingTestSnapshots.mayName(Files.writeString(dir.resolve("x.txt"), "error-conterror-context")))
                .isTrue();
    }
}
