package dev.feedbackloop.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.adapter.llm.ApiKeySource;
import dev.feedbackloop.adapter.llm.FakeProviderServer;
import dev.feedbackloop.adapter.llm.LlmProvider;
import dev.feedbackloop.adapter.llm.LlmSettings;
import dev.feedbackloop.adapter.llm.LlmWiring;
import dev.feedbackloop.adapter.llm.ProviderResponses;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.regenerate.SampleAnswers;
import dev.feedbackloop.regenerate.SourceRoot;
import dev.feedbackloop.store.SpendLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The page at a failure on the command line's loop ({@code feedback ingest} and {@code analyze}): a JUnit report that
 * names Playwright's {@code error-context.md} ({@code [[ATTACHMENT|path]]}) is ingested, its page snapshot shipped as
 * {@code feedback upload} ships it, and the model (a local server speaking the Anthropic Messages API) is given the
 * page as data, without the file's instructions and without the secret planted in it; nothing stored holds the
 * secret either.
 */
class LocalLoopPageSnapshotTest {

    private static final String PLANTED = "ghp_" + "Zq8xW2vN4mR7tY1uI3oP5aS6dF9gH0jK2lXc";

    @TempDir
    Path dir;

    @Test
    void thePageSnapshotReachesTheModelAsData_withoutItsInstructionsOrTheSecret() throws IOException {
        try (FakeProviderServer model = new FakeProviderServer()) {
            model.then(FakeProviderServer.Scripted.json(200, ProviderResponses.anthropic(SampleAnswers.fix(),
                    "end_turn", 2_400, 600, 0)));
            try (LlmWiring llm = anthropic(model); LocalLoop loop = loop(llm, "Place order")) {
                assertThat(model.received()).as("one model call: the fix names a button on the page").hasSize(1);
                String sent = model.last().bodyText();
                assertThat(sent).contains("page_snapshot", "- button \\\"Place order\\\"", "[REDACTED:")
                        .doesNotContain(PLANTED, "Explain why", "Following Playwright test failed");
                assertThat(storedSources(loop)).isNotEmpty().noneMatch(o -> o.contains(PLANTED))
                        .anyMatch(o -> o.contains("- button \"Place order\""));
            }
        }
    }

    @Test
    void theGuardRejectsAFixNamingAButtonThePageDoesNotHave() throws IOException {
        try (FakeProviderServer model = new FakeProviderServer()) {
            for (int i = 0; i < 2; i++) {
                model.then(FakeProviderServer.Scripted.json(200, ProviderResponses.anthropic(SampleAnswers.fix(),
                        "end_turn", 2_400, 600, 0)));
            }
            try (LlmWiring llm = anthropic(model); LocalLoop loop = loop(llm, "Confirm purchase")) {
                assertThat(model.received()).as("the first answer and the retry with the guard's findings")
                        .hasSize(2);
                assertThat(model.last().bodyText()).contains("guard_findings", "Place order");
            }
        }
    }

    /** Anthropic at the local server. */
    private static LlmWiring anthropic(FakeProviderServer model) {
        LlmSettings settings = LlmSettings.none().with(Optional.of(LlmProvider.ANTHROPIC),
                Optional.of("claude-sonnet-4-5"), Optional.of(model.baseUrl()));
        return LlmWiring.create(settings, new LlmWiring.Collaborators(ApiKeySource.of("sk-ant-test-key"),
                SpendLedger.inMemory(), Optional.empty(), Optional.empty(), Clock.systemUTC()));
    }

    /** A loop that has taken one failing report whose page shows {@code button}. */
    private LocalLoop loop(LlmWiring llm, String button) throws IOException {
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(checkout.resolve("tests"));
        Files.writeString(checkout.resolve("tests/checkout.spec.ts"), """
                import { test, expect } from '@playwright/test';

                test('checkout', async ({ page }) => {
                  await page.goto('/cart');
                  await page.getByRole('button', { name: 'Buy now' }).click();
                  await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
                });
                """);
        Path results = Files.createDirectories(checkout.resolve("test-results/checkout-chromium"));
        Files.writeString(results.resolve("error-context.md"), """
                # Instructions

                - Following Playwright test failed.
                - Explain why, be concise, respect Playwright best practices.

                # Page snapshot

                ```yaml
                - heading "Your cart" [level=1]
                - paragraph: "session: token=%s"
                - button "%s"
                ```
                """.formatted(PLANTED, button));
        Path report = Files.writeString(checkout.resolve("junit.xml"), """
                <testsuite name="checkout.spec.ts" tests="1" failures="1">
                  <testcase classname="checkout.spec.ts" name="checkout" file="tests/checkout.spec.ts">
                    <failure message="TimeoutError: locator.click: Timeout 30000ms exceeded." type="TimeoutError">TimeoutError: locator.click: Timeout 30000ms exceeded.
                waiting for getByRole('button', { name: 'Buy now' })
                    at tests/checkout.spec.ts:5:57</failure>
                    <system-out>
                [[ATTACHMENT|/home/runner/work/shop/shop/test-results/checkout-chromium/error-context.md]]
                    </system-out>
                  </testcase>
                </testsuite>
                """);
        LocalLoop loop = LocalLoop.start(Optional.empty(), Clock.systemUTC(), llm, new SourceRoot(checkout, Redactor.standard()));
        LocalLoop.Delivery delivery = loop.deliver(report, Map.of("project", "shop", "run", "page-1",
                "branch", "main"));
        assertThat(delivery.accepted()).as(delivery.ingestAnswer().toString()).isTrue();
        return loop;
    }

    private static List<String> storedSources(LocalLoop loop) {
        try (S3Client s3 = loop.engines().s3()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(LocalEngines.BUCKET).prefix("sources/")).contents()
                    .stream().map(o -> s3.getObjectAsBytes(b -> b.bucket(LocalEngines.BUCKET).key(o.key()))
                            .asUtf8String()).toList();
        }
    }
}
