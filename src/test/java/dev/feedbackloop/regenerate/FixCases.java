package dev.feedbackloop.regenerate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.Failure;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.scenario.ScenarioKey;
import java.util.List;
import java.util.Optional;

/** A failing Playwright test, its evidence, and answers a model could give about it: good, bad and declining. */
public final class FixCases {

    public static final ScenarioKey SCENARIO = new ScenarioKey("shop-web", new Fingerprint("0123456789abcdef"));
    public static final String FILE = "tests/checkout.spec.ts";
    public static final String TEST = "checkout › pays by card";
    /** Planted in the failure text and the source: must never reach a prompt. */
    public static final String SECRET = "ghp_1234567890abcdefghijklmnopqrstuvwxyz";

    public static final String ORIGINAL = """
            import { test, expect } from '@playwright/test';

            test.describe('checkout', () => {
              test('pays by card', async ({ page }) => {
                await page.goto('/checkout');
                await page.locator('#pay-button').click();
                await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
              });

              test('shows the total', async ({ page }) => {
                await page.goto('/checkout');
                await expect(page.getByTestId('total')).toHaveText('$42.00');
              });
            });
            """;

    /** The locator fixed by role and name, everything else as it was. */
    public static final String GOOD_FIX = ORIGINAL.replace("page.locator('#pay-button')",
            "page.getByRole('button', { name: 'Pay now' })");

    /** The same step forced and slept through: what the guard is for. */
    public static final String BAD_FIX = ORIGINAL.replace("await page.locator('#pay-button').click();",
            "await page.waitForTimeout(5000);\n    await page.locator('#pay-button').click({ force: true });");

    public static final String SNAPSHOT = """
            - main:
              - heading "Checkout" [level=1]
              - button "Pay now"
              - text: Total $42.00
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FixCases() {
    }

    public static Failure failure() {
        return new Failure("TimeoutError: locator.click: Timeout 30000ms exceeded.\nwaiting for locator('#pay-button')"
                + "\nAuthorization: Bearer " + SECRET, Optional.of("TimeoutError"),
                Optional.of("at tests/checkout.spec.ts:6:41\ntoken=" + SECRET));
    }

    public static TestSource source() {
        return TestSource.of(FILE, Redactor.standard().redact(ORIGINAL + "// token: " + SECRET + "\n"));
    }

    public static Evidence evidence(Optional<TestSource> source) {
        return evidence(SCENARIO, source);
    }

    public static Evidence evidence(ScenarioKey scenario, Optional<TestSource> source) {
        return Evidence.of(scenario, Category.SELECTOR_ISSUE, TEST, Optional.of(FILE), failure(),
                "locator did not resolve: #pay-button", List.of("seen 3 times in 2 runs since 2026-12-01"),
                source, Optional.of(SNAPSHOT), Redactor.standard());
    }

    public static Evidence evidence() {
        return evidence(Optional.of(source()));
    }

    /** An answer proposing {@code content} for {@code path}. */
    public static String fixAnswer(String path, String content) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("verdict", "fix");
        ObjectNode cause = answer.putObject("rootCause");
        ObjectNode primary = cause.putObject("primary");
        primary.put("statement", "The pay button lost its id; it is now a button named 'Pay now'.");
        primary.put("confidence", 0.8);
        primary.putArray("evidence").addObject().put("source", "page_snapshot").put("excerpt", "button \"Pay now\"");
        cause.putArray("secondary");
        ObjectNode fix = answer.putObject("fix");
        fix.put("path", path);
        fix.put("content", content);
        fix.put("explanation", "Locate the button by its role and name, which the page still has.");
        fix.putArray("steps").add("Replace locator('#pay-button') by getByRole('button', { name: 'Pay now' }).");
        fix.putArray("validation").add("The test passes against the current checkout page.");
        answer.putNull("cannotFix");
        return answer.toString();
    }

    /** An answer declining to fix: the product is at fault. */
    public static String cannotFixAnswer() {
        ObjectNode answer = (ObjectNode) readTree(fixAnswer(FILE, GOOD_FIX));
        answer.put("verdict", "cannot_fix");
        answer.putNull("fix");
        answer.putObject("cannotFix").put("reason", "not_a_test_problem")
                .put("explanation", "The checkout page failed to render its button.");
        return answer.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
