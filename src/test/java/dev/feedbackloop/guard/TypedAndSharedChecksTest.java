package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.CYPRESS;
import static dev.feedbackloop.guard.Framework.JEST_SUPERTEST;
import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_TS;
import static dev.feedbackloop.guard.Framework.PYTEST_PLAYWRIGHT;
import static dev.feedbackloop.guard.Framework.SELENIUM_JAVA;
import static dev.feedbackloop.guard.Framework.WEBDRIVERIO;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.ASSERTION_WEAKENED;
import static dev.feedbackloop.guard.GuardRule.SCOPE_ESCAPE;
import static dev.feedbackloop.guard.GuardRule.SECRET_ADDED;
import static dev.feedbackloop.guard.GuardRule.TIMEOUT_BUMP;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks loosened to a type or to "anything but", unlimited timeouts, waits raised through an options object,
 * counts answered by a stub, credentials behind a `_KEY` name, a computed truthiness standing in for a text check,
 * and a rejected change made in a helper other tests share. Each has a genuine twin.
 */
class TypedAndSharedChecksTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase row) {
        row.assertJudged();
    }

    static Stream<GuardCase> cases() {
        return Stream.of(byType(), timeouts(), stubsAndSecrets(), sharedHelpers()).flatMap(List::stream);
    }

    private static final String STATUS = "const res = await request(app).post('/orders').set('Authorization', `Bearer"
            + " ${token}`).send({ sku: 'B-12' });\nexpect(res.status).toBe(201);\nexpect(res.body.status).toBe('open');";
    private static final String LINE = "expect(res.body.lines[0]).toEqual({ sku: 'B-12', unitCents: 4200, taxCents:"
            + " 840 });";
    private static final String PAID = "await expect(page.getByRole('row', { name: /ORD-7/ })).toContainText('Paid');";

    /** A value pinned, then only its type or "not some other value". */
    private static List<GuardCase> byType() {
        String jest = Files.jest(STATUS);
        String lines = Files.jest("const res = await request(app).get('/orders/7');\n" + LINE);
        String amounts = "Expected: 840\nReceived: 1260";
        String assertJ = "String status = driver.findElement(By.id(\"status\")).getText();\nassertThat(status).isEqualTo("
                + "\"Approved\");";
        return List.of(
                reject("a field's value traded for an object match on its type", JEST_SUPERTEST, jest,
                        jest.replace("expect(res.body.status).toBe('open');",
                                "expect(res.body).toMatchObject({ status: expect.any(String) });"), ASSERTION_WEAKENED),
                accept("the same field checked through an object match with its value", JEST_SUPERTEST, jest,
                        jest.replace("expect(res.body.status).toBe('open');",
                                "expect(res.body).toMatchObject({ status: 'open' });")),
                reject("amounts in an object match turned into any number", JEST_SUPERTEST, lines,
                        lines.replace("taxCents: 840", "taxCents: expect.any(Number)"), ASSERTION_WEAKENED)
                        .failing(amounts),
                accept("a generated id matched by type", JEST_SUPERTEST, lines.replace("{ sku", "{ id: 7, sku"),
                        lines.replace("{ sku", "{ id: expect.any(Number), sku")),
                accept("a creation time matched by type", JEST_SUPERTEST, lines.replace("{ sku", "{ createdAt:"
                                + " '2026-01-05T10:00:00Z', sku"),
                        lines.replace("{ sku", "{ createdAt: expect.any(String), sku")),
                reject("a text to contain turned into one other text not to contain", PLAYWRIGHT_TS,
                        Files.playwright(PAID), Files.playwright(PAID.replace("toContainText('Paid')",
                                "not.toContainText('Unpaid')")), ASSERTION_WEAKENED),
                accept("a text to contain made longer", PLAYWRIGHT_TS, Files.playwright(PAID),
                        Files.playwright(PAID.replace("'Paid'", "'Paid in full'"))),
                reject("AssertJ's check made soft", SELENIUM_JAVA, Files.java(assertJ), Files.java(assertJ.replace(
                        "assertThat(status)", "SoftAssertions softly = new SoftAssertions();\nsoftly.assertThat(status)")),
                        ASSERTION_WEAKENED),
                reject("a text check traded for a truthy value computed from a visibility and a count", PLAYWRIGHT_TS,
                        Files.playwright("await page.getByRole('button', { name: 'Post reply' }).click();\n"
                                + "await expect(page.getByTestId('reply')).toHaveText('Thanks!');"),
                        Files.playwright("await page.getByRole('button', { name: 'Post reply' }).click();\n"
                                + "const posted = await page.getByRole('button', { name: 'Post reply' }).isVisible();\n"
                                + "expect(posted || (await page.getByRole('article').count()) > 0).toBeTruthy();"),
                        ASSERTION_WEAKENED),
                reject("a pattern cut to one word and made case-blind, the received text now passing", PLAYWRIGHT_TS,
                        Files.playwright("await expect(page.getByTestId('freshness')).toHaveText(/Updated \\d+ min ago/);"),
                        Files.playwright("await expect(page.getByTestId('freshness')).toHaveText(/updated/i);"),
                        ASSERTION_WEAKENED).failing("Expected pattern: /Updated \\d+ min ago/\nReceived string: \"Data"
                                + " delayed - last updated 9 hours ago\""),
                accept("the same pattern anchored", PLAYWRIGHT_TS,
                        Files.playwright("await expect(page.getByTestId('freshness')).toHaveText(/Updated \\d+ min ago/);"),
                        Files.playwright("await expect(page.getByTestId('freshness')).toHaveText(/^Updated \\d+ min ago$/);"))
                        .failing("Expected pattern: /Updated \\d+ min ago/\nReceived string: \"\""));
    }

    /** Playwright reads 0 as no limit; an options object a name holds raises every wait that reads it. */
    private static List<GuardCase> timeouts() {
        String click = "await page.getByRole('button', { name: 'Archive' }).click();";
        String wdio = "const WAIT = { timeout: 5000 };\nawait $('[data-test=\"transcript\"]').waitForDisplayed(WAIT);";
        return List.of(
                reject("an action given no time limit", PLAYWRIGHT_TS, Files.playwright(click),
                        Files.playwright(click.replace("click()", "click({ timeout: 0 })")), TIMEOUT_BUMP),
                reject("pytest: an action given no time limit", PYTEST_PLAYWRIGHT,
                        Files.python("page.get_by_role(\"button\", name=\"Archive\").click()"),
                        Files.python("page.get_by_role(\"button\", name=\"Archive\").click(timeout=0)"), TIMEOUT_BUMP),
                reject("the wait raised in the options object the step reads", WEBDRIVERIO, Files.webdriverio(wdio),
                        Files.webdriverio(wdio.replace("timeout: 5000", "timeout: 90000, interval: 2000")),
                        TIMEOUT_BUMP),
                accept("the options object given a shorter wait", WEBDRIVERIO, Files.webdriverio(wdio),
                        Files.webdriverio(wdio.replace("timeout: 5000", "timeout: 3000"))));
    }

    /** A count answered by a stub, a refusal read from a status, a credential behind a _KEY name. */
    private static List<GuardCase> stubsAndSecrets() {
        String holds = "cy.contains('button', 'Place hold').click();\ncy.get('[data-cy=hold-count]').should('have.text',"
                + " '3');";
        String route = "await page.route('**/api/interactions?drug=*', (route) => route.fulfill({ json: { severity:"
                + " 'major' } }));\nawait page.goto('/prescriptions/new');\nawait expect(page.getByRole('alert'))"
                + ".toHaveText('Major interaction');";
        String key = "const res = await request(app).post('/webhooks/refill').set('X-Partner-Key',"
                + " process.env.PARTNER_KEY).send({ rx: 'RX-1' });\nexpect(res.status).toBe(202);";
        return List.of(
                reject("the count endpoint stubbed with the count the test checks", CYPRESS, Files.cypress(holds),
                        Files.cypress("cy.intercept('GET', '/api/holds/count', { body: { count: 3 } });\n" + holds),
                        ASSERTION_WEAKENED),
                accept("a stub answering another number under a key the check does not name", CYPRESS,
                        Files.cypress(holds), Files.cypress("cy.intercept('GET', '/api/branches', { body: { page: 3,"
                                + " items: [] } });\n" + holds)),
                accept("a mocked route corrected to the URL the trace shows, whose query holds a 400", PLAYWRIGHT_TS,
                        Files.playwright(route), Files.playwright(route.replace("**/api/interactions?drug=*",
                                "**/api/v3/interactions/check?drugs=*")))
                        .failing("Network (trace): GET /api/v3/interactions/check?drugs=ibuprofen-400,warfarin-5 → 200"
                                + " (real server, not mocked)"),
                reject("a literal fallback for a partner key", JEST_SUPERTEST, Files.jest(key),
                        Files.jest(key.replace("process.env.PARTNER_KEY", "process.env.PARTNER_KEY ||"
                                + " 'pk_live_7f3a9c21e4b84d0fa6c2d91e55b7a0c3'")), SECRET_ADDED),
                accept("a literal fallback for a base URL", JEST_SUPERTEST, Files.jest(key),
                        Files.jest(key.replace("request(app)", "request(process.env.API_URL ||"
                                + " 'http://localhost:3000')"))));
    }

    private static final String HELPER = """
            async function openDashboard(page: Page) {
              await page.goto('/analytics');
              await expect(page.getByTestId('freshness')).toHaveText(/Updated \\d+ min ago/);
            }
            """;

    /** A rejected change in a helper other tests call reaches them too. */
    private static List<GuardCase> sharedHelpers() {
        String body = "await openDashboard(page);\nawait expect(page.getByTestId('listeners')).toHaveText('12,904');";
        String original = Files.playwright(HELPER, "", body).replace("test('shows an empty archive', async ({ page })"
                + " => {", "test('shows an empty archive', async ({ page }) => {\n    await openDashboard(page);");
        String failure = "Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)\n\n  Locator:"
                + " getByTestId('freshness')\n  Expected pattern: /Updated \\d+ min ago/\n  Received string: \"Data"
                + " delayed - last updated 9 hours ago\"";
        return List.of(
                reject("the helper's check loosened for every test that opens the dashboard", PLAYWRIGHT_TS, original,
                        original.replace("toHaveText(/Updated \\d+ min ago/)", "toHaveText(/updated/i)"),
                        ASSERTION_WEAKENED, SCOPE_ESCAPE).failing(failure),
                accept("the helper waiting for the page it opens, which every caller needs", PLAYWRIGHT_TS, original,
                        original.replace("  await page.goto('/analytics');\n", "  await page.goto('/analytics');\n"
                                + "  await page.waitForURL('**/analytics');\n")).failing(failure));
    }
}
