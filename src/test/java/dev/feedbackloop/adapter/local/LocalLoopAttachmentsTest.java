package dev.feedbackloop.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.llm.LlmSettings;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.SourceRoot;
import dev.feedbackloop.store.SpendLedger;
import dev.feedbackloop.store.StoredAttachment;
import dev.feedbackloop.text.Sha256;
import dev.feedbackloop.upload.FailingTestAttachments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code feedback ingest --attachments} and {@code analyze --attachments}: the local loop ships screenshots as upload does. */
class LocalLoopAttachmentsTest {

    @TempDir
    Path dir;

    @Test
    void theLocalLoopShipsAFailingAttemptsScreenshot_onceByHash_referencedFromEachRun() throws IOException {
        Path results = Files.createDirectories(dir.resolve("test-results/t"));
        byte[] png = ("\u0089PNG\r\n\u001a\n local loop " + dir.getFileName()).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(results.resolve("failed.png"), png);
        Path report = Files.writeString(dir.resolve("junit.xml"), """
                <testsuite name="e2e" tests="1" failures="1">
                  <testcase classname="e2e.checkout" name="pays">
                    <failure message="locator('#pay') resolved to 0 elements">Error</failure>
                    <system-out>[[ATTACHMENT|test-results/t/failed.png]]</system-out>
                  </testcase>
                </testsuite>
                """);
        Clock clock = Clock.systemUTC();
        try (LlmWiring llm = LlmWiring.create(LlmSettings.none(), new LlmWiring.Collaborators(ApiKeySource.none(),
                SpendLedger.inMemory(), Optional.empty(), Optional.empty(), clock));
             LocalLoop loop = LocalLoop.start(Optional.empty(), clock, llm, new SourceRoot(dir, Redactor.standard()))
                     .shippingAttachments(Set.of(FailingTestAttachments.Kind.SCREENSHOTS))) {
            assertThat(loop.deliver(report, Map.of("project", "shop", "run", "att-1")).accepted()).isTrue();
            assertThat(loop.deliver(report, Map.of("project", "shop", "run", "att-2")).accepted()).isTrue();

            String sha = Sha256.hex(png);
            for (String run : new String[] {"att-1", "att-2"}) {
                assertThat(loop.wiring().attachments().find(new RunKey("shop", run, 1))).singleElement()
                        .extracting(StoredAttachment::sha256, StoredAttachment::contentType, StoredAttachment::testName)
                        .containsExactly(sha, "image/png", "pays");
            }
            try (S3Client s3 = loop.engines().s3()) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket(LocalEngines.BUCKET).key("attachments/shop/" + sha))
                        .asByteArray()).isEqualTo(png);
                assertThat(s3.listObjectsV2(b -> b.bucket(LocalEngines.BUCKET).prefix("attachments/shop/"))
                        .contents()).filteredOn(o -> !o.key().contains("/runs/")).hasSize(1);
            }
        }
    }
}
