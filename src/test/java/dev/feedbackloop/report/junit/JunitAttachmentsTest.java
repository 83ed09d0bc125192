package dev.feedbackloop.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.model.Attachment;
import dev.feedbackloop.model.TestResult;
import dev.feedbackloop.report.AttachmentLines;
import dev.feedbackloop.testing.ParsedReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code [[ATTACHMENT|path]]} lines in a test case's output, the Jenkins/GitLab convention, kept as attachments. */
class JunitAttachmentsTest {

    @Test
    void attachmentLinesInSystemOutAndErrBecomeTheAttemptsAttachments() {
        TestResult result = ParsedReport.of("""
                <testsuite name="S"><testcase name="pays" classname="checkout.spec.ts">
                  <failure message="locator not found">at checkout.spec.ts:12</failure>
                  <system-out>
                [[ATTACHMENT|/ci/test-results/checkout-pays/test-failed-1.png]]
                [[ATTACHMENT|/ci/test-results/checkout-pays/trace.zip]]
                [[ATTACHMENT|/ci/test-results/checkout-pays/error-context.md]]
                  </system-out>
                  <system-err>[[ATTACHMENT|C:\\ci\\shots\\Final.JPEG]] and [[ATTACHMENT|/ci/trace.zip]]</system-err>
                </testcase></testsuite>""").result("pays");

        List<Attachment> attachments = result.attempts().get(0).attachments();
        assertThat(attachments).extracting(Attachment::name).containsExactly("test-failed-1.png", "trace.zip",
                Attachment.ERROR_CONTEXT, "Final.JPEG", "trace.zip");
        assertThat(attachments).extracting(Attachment::contentType).containsExactly("image/png", "application/zip",
                "text/markdown", "image/jpeg", "application/zip");
        assertThat(attachments.get(2).path()).contains("/ci/test-results/checkout-pays/error-context.md");
    }

    @Test
    void aPassingTestAndPlainOutputHaveNone() {
        TestResult result = ParsedReport.of("""
                <testsuite name="S"><testcase name="t" classname="C">
                  <system-out>[[ATTACHMENT|]] [ATTACHMENT|a.png] plain output</system-out>
                </testcase></testsuite>""").result("t");

        assertThat(result.attempts().get(0).attachments()).isEmpty();
    }

    @Test
    void aRerunKeepsItsOwnAttachmentsAndEachPathIsNamedOnce() {
        TestResult result = ParsedReport.of("""
                <testsuite name="S"><testcase name="t" classname="C">
                  <failure message="first">trace</failure>
                  <system-out>[[ATTACHMENT|a.png]] [[ATTACHMENT|a.png]]</system-out>
                  <rerunFailure message="second"><system-out>[[ATTACHMENT|b.png]]</system-out></rerunFailure>
                </testcase></testsuite>""").result("t");

        assertThat(result.attempts().get(0).attachments()).extracting(Attachment::path)
                .containsExactly(java.util.Optional.of("a.png"));
        assertThat(result.attempts().get(1).attachments()).extracting(Attachment::name).containsExactly("b.png");
    }

    @Test
    void atMostTheCapPerAttempt() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            out.append("[[ATTACHMENT|s").append(i).append(".png]]\n");
        }
        assertThat(AttachmentLines.in(out.toString())).hasSize(Attachment.MAX_PER_ATTEMPT);
    }
}
