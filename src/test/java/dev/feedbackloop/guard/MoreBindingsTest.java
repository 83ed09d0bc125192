package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_JAVA;
import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_TS;
import static dev.feedbackloop.guard.Framework.SELENIUM_JAVA;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.ASSERTION_WEAKENED;
import static dev.feedbackloop.guard.GuardRule.TIMEOUT_BUMP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Playwright for Java read like the other Playwright bindings, near kin of the known frameworks accepted by name,
 * a named constant compared by the literal it holds, and a network route aborted (not the test).
 */
class MoreBindingsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase row) {
        row.assertJudged();
    }

    private static final String PW_JAVA = """
            Locator total = page.getByTestId("order-total");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply voucher")).click();
            assertThat(total).hasText("€41.50");""";

    private static final String PRICED = """
            import { test, expect } from '@playwright/test';

            const ADULT_DAY = 'CHF 79.00';

            test.describe('Orders', () => {
              test('lists the open orders', async ({ page }) => {
                await page.goto('/orders');
                await expect(page.getByTestId('price')).toHaveText(ADULT_DAY);
                await expect(page.getByRole('status')).toHaveText('1 item · CHF 79.00');
              });
            });
            """;

    static Stream<GuardCase> cases() {
        return Stream.of(
                reject("Playwright Java: hasText traded for isVisible", PLAYWRIGHT_JAVA, Files.java(PW_JAVA),
                        Files.java(PW_JAVA.replace("assertThat(total).hasText(\"€41.50\");",
                                "assertThat(total).isVisible();")), ASSERTION_WEAKENED),
                accept("Playwright Java: hasText kept, a role locator for the button", PLAYWRIGHT_JAVA,
                        Files.java(PW_JAVA), Files.java(PW_JAVA.replace(
                                "page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(\"Apply voucher\")).click();",
                                "page.getByTestId(\"apply-voucher\").click();"))),
                reject("Selenium: assertEquals(true, size >= 3) for an exact size", SELENIUM_JAVA,
                        Files.java("assertEquals(3, driver.findElements(By.cssSelector(\".row\")).size());"),
                        Files.java("assertEquals(true, driver.findElements(By.cssSelector(\".row\")).size() >= 3);"),
                        ASSERTION_WEAKENED),
                reject("an amount held by a constant let vary by a pattern", PLAYWRIGHT_TS, PRICED,
                        PRICED.replace("toHaveText(ADULT_DAY)", "toHaveText(/^CHF \\d+\\.\\d{2}$/)"), ASSERTION_WEAKENED)
                        .failing("Expected string: \"CHF 79.00\"\nReceived string: \"CHF 84.00\""),
                reject("an amount in a text let vary by a pattern, no received value for it", PLAYWRIGHT_TS, PRICED,
                        PRICED.replace("toHaveText('1 item · CHF 79.00')", "toHaveText(/^1 item · CHF \\d+\\.\\d{2}$/)"),
                        ASSERTION_WEAKENED),
                accept("the constant's amount updated where the pattern still pins it", PLAYWRIGHT_TS, PRICED,
                        PRICED.replace("toHaveText(ADULT_DAY)", "toHaveText(/^CHF 79\\.00$/)")),
                accept("a third-party request aborted in the test is not the test aborted", PLAYWRIGHT_TS, PRICED,
                        PRICED.replace("    await page.goto('/orders');",
                                "    await page.route('https://stats.example.test/**', (route) => route.abort());\n"
                                        + "    await page.goto('/orders');")),
                reject("Playwright Java: a raised assertion timeout", PLAYWRIGHT_JAVA, Files.java(PW_JAVA),
                        Files.java(PW_JAVA.replace("hasText(\"€41.50\")",
                                "hasText(\"€41.50\", new LocatorAssertions.HasTextOptions().setTimeout(30000))")),
                        TIMEOUT_BUMP),
                reject("Playwright Java: the page's default timeout raised in the test", PLAYWRIGHT_JAVA,
                        Files.java(PW_JAVA), Files.java("page.setDefaultTimeout(60_000);\n" + PW_JAVA), TIMEOUT_BUMP));
    }

    @Test
    void nearKinAreReadAsTheFrameworkTheyResemble() {
        assertThat(List.of("vitest", "pytest-requests", "playwright-java")).map(id -> Framework.byId(id).orElseThrow())
                .containsExactly(Framework.JEST_SUPERTEST, Framework.PYTEST_PLAYWRIGHT, Framework.PLAYWRIGHT_JAVA);
        assertThat(Framework.byId("karma")).isEmpty();
    }
}
