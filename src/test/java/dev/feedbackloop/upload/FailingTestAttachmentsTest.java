package dev.feedbackloop.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.ingest.AttachmentBundle;
import dev.feedbackloop.model.Attachment;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.report.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --attachments} takes from a report, in plain JUnit: kinds, first bytes, caps. */
class FailingTestAttachmentsTest {

    @TempDir
    Path dir;

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void theFirstBytesSayWhatAFileIs_notItsName() {
        assertThat(FailingTestAttachments.contentTypeOf(bytes(0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0)))
                .contains(AttachmentBundle.PNG);
        assertThat(FailingTestAttachments.contentTypeOf(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains(AttachmentBundle.JPEG);
        assertThat(FailingTestAttachments.contentTypeOf("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)))
                .contains(AttachmentBundle.WEBP);
        assertThat(FailingTestAttachments.contentTypeOf("PK\u0003\u0004rest".getBytes(StandardCharsets.ISO_8859_1)))
                .contains(AttachmentBundle.ZIP);
        assertThat(FailingTestAttachments.contentTypeOf("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)))
                .as("a RIFF that is no WebP").isEmpty();
        assertThat(FailingTestAttachments.contentTypeOf("<svg xmlns=".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(FailingTestAttachments.contentTypeOf(new byte[0])).isEmpty();
    }

    @Test
    void screenshotsAndTracesAreKnownByTypeOrName_videosAndThePageAreNot() {
        assertThat(FailingTestAttachments.kindOf(attachment("screenshot", "image/png", "a/b.png")))
                .contains(FailingTestAttachments.Kind.SCREENSHOTS);
        assertThat(FailingTestAttachments.kindOf(attachment("attachment", "application/octet-stream", "a/b.JPG")))
                .as("a JUnit [[ATTACHMENT|path]] has no type").contains(FailingTestAttachments.Kind.SCREENSHOTS);
        assertThat(FailingTestAttachments.kindOf(attachment("trace", "application/zip", "a/trace.zip")))
                .contains(FailingTestAttachments.Kind.TRACES);
        assertThat(FailingTestAttachments.kindOf(attachment("video", "video/webm", "a/v.webm"))).isEmpty();
        assertThat(FailingTestAttachments.kindOf(attachment("error-context", "text/markdown", "a/error-context.md")))
                .isEmpty();
    }

    @Test
    void kindsAreParsedFromTheFlag_andATypoIsNamed() {
        assertThat(FailingTestAttachments.Kind.parse("screenshots"))
                .containsExactly(FailingTestAttachments.Kind.SCREENSHOTS);
        assertThat(FailingTestAttachments.Kind.parse("screenshots, traces"))
                .isEqualTo(EnumSet.allOf(FailingTestAttachments.Kind.class));
        assertThatThrownBy(() -> FailingTestAttachments.Kind.parse("screenshot,videos"))
                .hasMessageContaining("'screenshot,videos'");
    }

    @Test
    void aRunsAttachmentsStopAtTheCap_andTheRestAreListedOrCounted() throws IOException {
        Path results = Files.createDirectories(dir.resolve("test-results"));
        StringBuilder cases = new StringBuilder();
        int tests = AttachmentBundle.MAX_FILES + 30;
        for (int i = 0; i < tests; i++) {
            byte[] png = ("\u0089PNG\r\n\u001a\n shot " + i).getBytes(StandardCharsets.ISO_8859_1);
            Files.write(results.resolve("s" + i + ".png"), png);
            cases.append("<testcase classname=\"c\" name=\"t").append(i).append("\"><failure message=\"x\"/>")
                    .append("<system-out>[[ATTACHMENT|test-results/s").append(i).append(".png]]</system-out>")
                    .append("</testcase>");
        }
        Path report = Files.writeString(dir.resolve("junit.xml"), "<testsuite name=\"s\">" + cases + "</testsuite>");

        FailingTestAttachments.Collected collected = FailingTestAttachments.collect(report, Reports.standard(),
                new EvidenceFiles(List.of(dir)), Set.of(FailingTestAttachments.Kind.SCREENSHOTS), Redactor.standard());

        assertThat(collected.found()).hasSize(AttachmentBundle.MAX_FILES);
        assertThat(collected.found().get(0).item().contentType()).isEqualTo(AttachmentBundle.PNG);
        assertThat(collected.skipped()).hasSize(21).first().asString().contains("t50", "over the run's cap");
        assertThat(collected.skipped().get(20)).isEqualTo("10 more attachments not sent (20 reasons listed)");
        assertThat(AttachmentBundle.read(AttachmentBundle.write(collected.found().stream()
                .map(FailingTestAttachments.Found::item).toList()), Redactor.standard()))
                .as("within what ingest accepts").hasSize(AttachmentBundle.MAX_FILES);
    }

    private static Attachment attachment(String name, String type, String path) {
        return new Attachment(name, type, Optional.of(path), Optional.empty());
    }
}
