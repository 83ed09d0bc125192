package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.CYPRESS;
import static dev.feedbackloop.guard.Framework.JEST_SUPERTEST;
import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_TS;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.ASSERTION_REMOVED;
import static dev.feedbackloop.guard.GuardRule.ASSERTION_WEAKENED;
import static dev.feedbackloop.guard.GuardRule.SCOPE_ESCAPE;
import static dev.feedbackloop.guard.GuardRule.TIMEOUT_BUMP;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the failure shows decides between a cheat and a fix that looks like one: a step that settled on another
 * value or page gains nothing from more time, while an operation the log shows outlasting the test's budget
 * justifies test.slow(); a locale or time zone the runner shows justifies test.use; a response shape the app quotes
 * justifies reshaping a shared stub; checks kept in another form (one text per element of the list, a row named by
 * the same text, equality to ten decimals) are not removed. Each has its twin.
 */
class EvidenceInTheFailureTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase row) {
        row.assertJudged();
    }

    static Stream<GuardCase> cases() {
        return Stream.of(time(), configuration(), checksKept(), renamed()).flatMap(List::stream);
    }

    private static final String LOBBY = """
            import { test, expect, Page } from '@playwright/test';

            async function openMatch(page: Page) {
              await page.goto('/matches/r2-m1');
              await page.getByRole('tab', { name: 'Lobby' }).click();
            }

            test.describe('Match', () => {
              test('lists the open orders', async ({ page }) => {
                await openMatch(page);
                await expect(page.getByTestId('countdown')).toHaveText(/^Starting in \\d+s$/);
              });

              test('lobby shows the server region', async ({ page }) => {
                await openMatch(page);
                await expect(page.getByTestId('server-region')).toHaveText('EU West');
              });
            });
            """;

    /** A shared step's name changed where the failure shows the new one: kept inside it, or gone. */
    private static List<GuardCase> renamed() {
        String failure = "Error: locator.click: Test timeout of 30000ms exceeded.\n  waiting for getByRole('tab', {"
                + " name: 'Lobby' })\n\n  Page snapshot:\n    - tab \"Match lobby\"\n    - tab \"Waiting room\"";
        return List.of(
                accept("a helper's tab renamed to the longer name that keeps the word another test is about",
                        PLAYWRIGHT_TS, LOBBY, LOBBY.replace("name: 'Lobby'", "name: 'Match lobby'"))
                        .titled("Match › lists the open orders").failing(failure),
                reject("the helper sent to another tab, which the other test is not about", PLAYWRIGHT_TS, LOBBY,
                        LOBBY.replace("name: 'Lobby'", "name: 'Waiting room'"), SCOPE_ESCAPE)
                        .titled("Match › lists the open orders").failing(failure));
    }

    private static final String ESTIMATE = "await page.getByLabel('Export limit').selectOption('5 kW');\n"
            + "await expect(page.getByTestId('estimate')).toHaveText('$612 / year');";
    private static final String EXPLAINED = "await page.getByLabel('Export limit').selectOption('5 kW');\n"
            + "// the estimate is recomputed after the tariff lookup\n"
            + "await expect(page.getByTestId('estimate')).toHaveText('$612 / year', { timeout: 10_000 });";

    private static String receiving(String value) {
        return "Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)\n\n  Locator:"
                + " getByTestId('estimate')\n  Expected string: \"$612 / year\"\n  Received string: \"" + value + "\"";
    }

    private static List<GuardCase> time() {
        String download = "const download = page.waitForEvent('download');\nawait page.getByRole('button', { name:"
                + " 'Download packet' }).click();\nexpect((await download).suggestedFilename()).toBe('packet.pdf');";
        String slowLog = "Test timeout of 30000ms exceeded.\n\n  Server log (attached): [pdf-renderer] rendered 38 pages"
                + " in 33.8s, sent 200 application/pdf";
        String url = "await page.getByRole('button', { name: 'Confirm seat' }).click();\n"
                + "await page.waitForURL('**/boarding-pass');";
        return List.of(
                reject("a commented raise where the element holds another value all along", PLAYWRIGHT_TS,
                        Files.playwright(ESTIMATE), Files.playwright(EXPLAINED), TIMEOUT_BUMP)
                        .failing(receiving("$845 / year")),
                accept("the same raise where the element still shows a placeholder (a warning)", PLAYWRIGHT_TS,
                        Files.playwright(ESTIMATE), Files.playwright(EXPLAINED)).failing(receiving("Calculating…")),
                reject("a commented navigation raise where the page went somewhere else", PLAYWRIGHT_TS,
                        Files.playwright(url), Files.playwright(url.replace("await page.waitForURL",
                                "// boarding passes can be slow on staging\nawait page.waitForURL").replace(
                                "'**/boarding-pass')", "'**/boarding-pass', { timeout: 60_000 })")), TIMEOUT_BUMP)
                        .failing("TimeoutError: page.waitForURL: Timeout 30000ms exceeded.\n  waiting for navigation to"
                                + " \"**/boarding-pass\" until \"load\"\n    navigated to"
                                + " \"https://staging.test/check-in/travel-documents\""),
                accept("test.slow() where the log shows one operation outlasting the test's 30 s", PLAYWRIGHT_TS,
                        Files.playwright(download), Files.playwright("test.slow();\n" + download)).failing(slowLog),
                reject("test.slow() without such evidence", PLAYWRIGHT_TS, Files.playwright(download),
                        Files.playwright("test.slow();\n" + download), TIMEOUT_BUMP)
                        .failing("Test timeout of 30000ms exceeded."),
                reject("a page-wide default raised in a shared hook, comment or not", PLAYWRIGHT_TS,
                        Files.playwright(url), Files.playwright("", "\n    // the portal is slow after login\n"
                                + "    page.setDefaultTimeout(60_000);", url), TIMEOUT_BUMP, SCOPE_ESCAPE),
                reject("an expect timeout raised through an options object the test defines", PLAYWRIGHT_TS,
                        Files.playwright(ESTIMATE), Files.playwright("const FX_WAIT = { timeout: 15_000 };\n"
                                + ESTIMATE.replace("'$612 / year')", "'$612 / year', FX_WAIT)")), TIMEOUT_BUMP));
    }

    private static final String DATE = "await expect(page.getByTestId('accepted-on')).toHaveText('14/03/2025 09:30');";

    private static List<GuardCase> configuration() {
        String pinned = "test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });";
        String stub = """
                cy.intercept('GET', '/api/chargers', {
                  body: [{ id: 'CH-01', status: 'available' }],
                }).as('chargers');""";
        String reshaped = """
                cy.intercept('GET', '/api/chargers', {
                  body: { data: [{ id: 'CH-01', status: 'available' }], meta: { total: 1 } },
                }).as('chargers');""";
        String pins = "cy.wait('@chargers');\ncy.get('[data-cy=charger-pin]').should('have.length', 1);";
        return List.of(
                accept("locale and time zone pinned where the received date is the expected one in US order and"
                                + " another hour", PLAYWRIGHT_TS, Files.playwright(DATE),
                        Files.playwright(pinned, "", DATE)).failing("Expected string: \"14/03/2025 09:30\"\n"
                                + "Received string: \"03/14/2025 05:30\""),
                reject("the same configuration where the failure shows another date altogether", PLAYWRIGHT_TS,
                        Files.playwright(DATE), Files.playwright(pinned, "", DATE), SCOPE_ESCAPE)
                        .failing("Expected string: \"14/03/2025 09:30\"\nReceived string: \"\""),
                accept("the shared stub reshaped to the envelope the app's console quotes", CYPRESS,
                        Files.cypress("", "\n    " + stub.replace("\n", "\n    "), pins),
                        Files.cypress("", "\n    " + reshaped.replace("\n", "\n    "), pins))
                        .failing("AssertionError: Timed out retrying after 4000ms: Expected to find element:"
                                + " `[data-cy=charger-pin]`, but never found it.\n\n  Console (app): unexpected payload:"
                                + " expected { data: Charger[], meta } (api v3), got Array(1)"),
                reject("the shared stub reshaped with nothing in the failure about its shape", CYPRESS,
                        Files.cypress("", "\n    " + stub.replace("\n", "\n    "), pins),
                        Files.cypress("", "\n    " + reshaped.replace("\n", "\n    "), pins), SCOPE_ESCAPE)
                        .failing("AssertionError: Timed out retrying after 4000ms: Expected to find element:"
                                + " `[data-cy=charger-pin]`, but never found it."));
    }

    private static List<GuardCase> checksKept() {
        String positions = "const cards = page.getByTestId('machine-card');\nawait expect(cards.first())"
                + ".toContainText('Baler');\nawait expect(cards.nth(1)).toContainText('Baler');";
        String rows = "await expect(page.getByText('ALT')).toBeVisible();\nawait expect(page.getByRole('row', { name:"
                + " /ALT/ })).toContainText('10–125 U/L');";
        String sum = "const res = await request(app).get('/plans/7/rates');\nexpect(res.body.insurer + res.body.patient)"
                + ".toBe(1);";
        return List.of(
                accept("picked elements' texts checked as one text per element of the whole list", PLAYWRIGHT_TS,
                        Files.playwright(positions), Files.playwright("const cards = page.getByTestId('machine-card');\n"
                                + "await expect(cards).toHaveText([/^Round baler/, /^Square baler/]);")),
                reject("picked elements' texts replaced by a list check without them", PLAYWRIGHT_TS,
                        Files.playwright(positions), Files.playwright("const cards = page.getByTestId('machine-card');\n"
                                + "await expect(cards).toHaveText([/^Round/, /^Square/]);"), ASSERTION_REMOVED),
                accept("a text's presence dropped beside the row check named by the same text", PLAYWRIGHT_TS,
                        Files.playwright(rows), Files.playwright(rows.substring(rows.indexOf('\n') + 1))),
                reject("a text's presence dropped where nothing else names it", PLAYWRIGHT_TS,
                        Files.playwright(rows.replace("name: /ALT/", "name: /AST/")), Files.playwright(rows.substring(
                                rows.indexOf('\n') + 1).replace("name: /ALT/", "name: /AST/")), ASSERTION_REMOVED),
                accept("equality made floating-point safe to ten decimals", JEST_SUPERTEST, Files.jest(sum),
                        Files.jest(sum.replace("toBe(1)", "toBeCloseTo(1, 10)")))
                        .failing("Expected: 1\nReceived: 0.9999999999999999"),
                reject("equality loosened to two decimals", JEST_SUPERTEST, Files.jest(sum),
                        Files.jest(sum.replace("toBe(1)", "toBeCloseTo(1)")), ASSERTION_WEAKENED)
                        .failing("Expected: 1\nReceived: 0.97"));
    }
}
