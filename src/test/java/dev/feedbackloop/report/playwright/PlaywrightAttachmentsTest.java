package dev.feedbackloop.report.playwright;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attachment;
import dev.feedbackloop.model.Attempt;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.model.TestStatus;
import dev.feedbackloop.testing.Corpus;
import dev.feedbackloop.testing.ParsedReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code results[].attachments[]} of the Playwright JSON report kept on each attempt, bounded. */
class PlaywrightAttachmentsTest {

    private final PlaywrightParser parser = new PlaywrightParser();

    private static String failedWith(String attachments) {
        String result = """
                {"workerIndex": 0, "status": "failed", "duration": 120, "retry": 0,
                 "errors": [{"message": "Error: locator not found"}], "stdout": [], "stderr": [],
                 "attachments": [%s]}""".formatted(attachments);
        return PlaywrightParserTest.report(PlaywrightParserTest.test("chromium", "unexpected", result));
    }

    @Test
    void keepsPathAttachmentsInReportOrder() {
        TestResult result = ParsedReport.of(parser, failedWith("""
                {"name": "screenshot", "contentType": "image/png", "path": "/ci/test-results/a/test-failed-1.png"},
                {"name": "trace", "contentType": "application/zip", "path": "/ci/test-results/a/trace.zip"},
                {"name": "error-context", "contentType": "text/markdown", "path": "/ci/test-results/a/error-context.md"}
                """)).single();

        List<Attachment> attachments = result.attempts().get(0).attachments();
        assertThat(attachments).extracting(Attachment::name).containsExactly("screenshot", "trace", "error-context");
        assertThat(attachments.get(0).contentType()).isEqualTo("image/png");
        assertThat(attachments.get(2).path()).contains("/ci/test-results/a/error-context.md");
        assertThat(attachments.get(2).isErrorContext()).isTrue();
        assertThat(attachments).allSatisfy(a -> assertThat(a.body()).isEmpty());
    }

    @Test
    void decodesAnInlineErrorContextAndDropsOtherInlineBodies() {
        String markdown = "# Page snapshot\n\n```yaml\n- button \"Pay now\"\n```\n";
        String base64 = Base64.getEncoder().encodeToString(markdown.getBytes(StandardCharsets.UTF_8));
        TestResult result = ParsedReport.of(parser, failedWith("""
                {"name": "error-context", "contentType": "text/markdown", "body": "%s"},
                {"name": "screenshot", "contentType": "image/png", "body": "iVBORw0KGgo="}
                """.formatted(base64))).single();

        List<Attachment> attachments = result.attempts().get(0).attachments();
        assertThat(attachments.get(0).body()).contains(markdown);
        assertThat(attachments.get(1).body()).isEmpty();
        assertThat(attachments.get(1).path()).isEmpty();
    }

    @Test
    void keepsAtMostTheCapPerAttemptAndCutsLongNames() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add("{\"name\": \"shot-" + i + "\", \"contentType\": \"image/png\", \"path\": \"s" + i + ".png\"}");
        }
        many.add(0, "{\"name\": \"" + "n".repeat(5_000) + "\", \"path\": \"x.bin\"}");
        TestResult result = ParsedReport.of(parser, failedWith(String.join(",", many))).single();

        Attempt attempt = result.attempts().get(0);
        assertThat(attempt.attachments()).hasSize(Attachment.MAX_PER_ATTEMPT);
        assertThat(attempt.attachments().get(0).name()).hasSize(Attachment.MAX_NAME);
        assertThat(attempt.attachments().get(0).contentType()).isEqualTo("application/octet-stream");
        assertThat(attempt.attachments().get(1).name()).isEqualTo("shot-0");
    }

    @Test
    void cutsAnInlineErrorContextToItsCap() {
        String base64 = Base64.getEncoder().encodeToString("x".repeat(Attachment.MAX_BODY + 5_000)
                .getBytes(StandardCharsets.UTF_8));
        TestResult result = ParsedReport.of(parser, failedWith(
                "{\"name\": \"error-context\", \"contentType\": \"text/markdown\", \"body\": \"" + base64 + "\"}"))
                .single();

        assertThat(result.attempts().get(0).attachments().get(0).body()).hasValueSatisfying(
                b -> assertThat(b).hasSize(Attachment.MAX_BODY));
    }

    @Test
    void theRealPlaywrightReportKeepsItsScreenshotAndVideoPaths() {
        ParsedReport parsed = ParsedReport.of(parser, Corpus.resolve(
                "reports/playwright-json-E2EPlaywrightInterial/jsonReport@362797983e01.json"));

        TestResult failed = parsed.results().stream().filter(r -> r.status() == TestStatus.FAILED)
                .findFirst().orElseThrow();
        List<Attachment> attachments = failed.attempts().get(0).attachments();
        assertThat(attachments).extracting(Attachment::name, Attachment::contentType)
                .contains(org.assertj.core.groups.Tuple.tuple("screenshot", "image/png"),
                        org.assertj.core.groups.Tuple.tuple("video", "video/webm"));
        assertThat(attachments).allSatisfy(a -> assertThat(a.path()).hasValueSatisfying(
                p -> assertThat(p).startsWith("/home/alexander/E2EPlaywrightInterial/test-results/")));
        assertThat(Attachment.capped(" ", "x", "p", null)).isEqualTo(Optional.empty());
    }
}
