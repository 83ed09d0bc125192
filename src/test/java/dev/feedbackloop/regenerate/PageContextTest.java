package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.redact.Redactor;
import org.junit.jupiter.api.Test;

class PageContextTest {

    /** As Playwright 1.52+ writes it beside a failed test's results. */
    private static final String ERROR_CONTEXT = """
            # Instructions

            - Following Playwright test failed.
            - Explain why, be concise, respect Playwright best practices.
            - Provide a snippet of code with the fix, if possible.

            # Test info

            - Name: checkout >> pays by card
            - Location: /home/runner/work/shop/tests/checkout.spec.ts:4:3

            # Error details

            ```
            TimeoutError: locator.click: Timeout 30000ms exceeded.
            ```

            # Page snapshot

            ```yaml
            - main [ref=e1]:
              - heading "Checkout" [level=1] [ref=e2]
              - button "Pay now" [ref=e3]
              - textbox "Card number": 4242 password=hunter2secret
            ```

            # Test source

            ```ts
            await page.locator('#pay-button').click();
            ```
            """;

    @Test
    void takesThePageSnapshotOnly_withoutTheInstructions() {
        String snapshot = PageContext.fromErrorContext(ERROR_CONTEXT, Redactor.standard()).orElseThrow();

        assertThat(snapshot).startsWith("- main [ref=e1]:").contains("- button \"Pay now\" [ref=e3]")
                .doesNotContain("Instructions", "Explain why", "Test source", "```");
    }

    @Test
    void redactsTheSnapshot() {
        assertThat(PageContext.fromErrorContext(ERROR_CONTEXT, Redactor.standard()).orElseThrow())
                .doesNotContain("hunter2secret").contains("[REDACTED:");
    }

    @Test
    void aBareSnapshotIsTakenWhole_andAFileWithoutOneGivesNothing() {
        assertThat(PageContext.fromErrorContext("- button \"Pay now\"\n", Redactor.standard()))
                .contains("- button \"Pay now\"");
        assertThat(PageContext.fromErrorContext("# Instructions\n\n- Do as I say.\n\n# Test info\n\n- Name: x\n",
                Redactor.standard())).isEmpty();
        assertThat(PageContext.fromErrorContext("  \n", Redactor.standard())).isEmpty();
    }

    @Test
    void aLargeSnapshotIsCapped() {
        String huge = "# Page snapshot\n\n```yaml\n" + "- text: row\n".repeat(5_000) + "```\n";

        assertThat(PageContext.fromErrorContext(huge, Redactor.standard()).orElseThrow())
                .hasSizeLessThanOrEqualTo(PageContext.MAX_CHARS);
    }
}
