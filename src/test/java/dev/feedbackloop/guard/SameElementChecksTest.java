package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.CYPRESS;
import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_JS;
import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_TS;
import static dev.feedbackloop.guard.Framework.SELENIUM_JAVA;
import static dev.feedbackloop.guard.Framework.WEBDRIVERIO;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.ASSERTION_WEAKENED;
import static dev.feedbackloop.guard.GuardRule.BRITTLE_SELECTOR;
import static dev.feedbackloop.guard.GuardRule.TIMEOUT_BUMP;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What one element is checked for, before and after: its text dropped for its presence, "gone" turned into
 * "hidden", a message cut to two words, one position widened to the whole list in a test about that position; and
 * the genuine twins: a count of one traded for a strict web-first check, a one-shot visibility read dropped beside
 * a check that waits, a media type with a parameter, a list of options per element, a measured value updated, a
 * progressing upload given more time. WebdriverIO's text selector reads as one step.
 */
class SameElementChecksTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase row) {
        row.assertJudged();
    }

    static Stream<GuardCase> cases() {
        return Stream.of(weakened(), genuine(), selectors(), lists(), sharedSteps(), lastSets(), snapshotNames())
                .flatMap(List::stream);
    }

    /** Names the page snapshot shows, a PIN behind a fallback, a plural after a count. */
    private static List<GuardCase> snapshotNames() {
        String lane = "await page.getByRole('button', { name: 'Check in' }).click();\nawait expect(page.getByRole("
                + "'heading', { name: 'Lane 7' })).toBeVisible();";
        String snapshot = "Locator: getByRole('heading', { name: 'Lane 7' })\n  Expected: visible\n  Received:"
                + " <element(s) not found>\n\n  Page snapshot:\n  - heading \"Lane 4\" [level=1]";
        String cell = "const row = page.getByRole('row', { name: /ACC-884120/ });\nawait expect(row.getByRole('cell',"
                + " { name: 'Assigned to' })).toHaveText('Dr A. Mensah');";
        String pin = "await page.getByLabel('PIN').fill(process.env.SIGNOFF_PIN!);";
        String visits = "await expect(page.getByTestId('visits-remaining')).toHaveText('1 visit left this week');";
        return List.of(
                reject("a heading's name widened to a pattern the heading the page shows instead matches",
                        PLAYWRIGHT_TS, Files.playwright(lane), Files.playwright(lane.replace("name: 'Lane 7'",
                                "name: /Lane \\d+/")), ASSERTION_WEAKENED).failing(snapshot),
                accept("the heading's name widened where the page shows nothing else it matches", PLAYWRIGHT_TS,
                        Files.playwright(lane), Files.playwright(lane.replace("name: 'Lane 7'",
                                "name: /^Lane 7\\b/")))
                        .failing(snapshot.replace("Lane 4", "Lane 7 - vans and high vehicles")),
                accept("a cell found by the value it was expected to show", PLAYWRIGHT_JS, Files.playwright(cell),
                        Files.playwright(cell.replace("{ name: 'Assigned to' })).toHaveText('Dr A. Mensah');",
                                "{ name: 'Dr A. Mensah' })).toBeVisible();"))),
                reject("a sign-off PIN given a literal fallback", PLAYWRIGHT_TS, Files.playwright(pin),
                        Files.playwright(pin.replace("process.env.SIGNOFF_PIN!", "process.env.SIGNOFF_PIN ?? '482915'")),
                        GuardRule.SECRET_ADDED),
                reject("the visits left let vary, singular or plural", PLAYWRIGHT_TS, Files.playwright(visits),
                        Files.playwright(visits.replace("'1 visit left this week'", "/\\d visits? left this week/")),
                        ASSERTION_WEAKENED).failing("Expected string: \"1 visit left this week\"\nReceived string:"
                                + " \"2 visits left this week\""));
    }

    /** pytest's "to have Text" message, an assertion's failure caught, an option by position, a difference checked. */
    private static List<GuardCase> lastSets() {
        String spots = "expect(shift.get_by_test_id(\"spots-left\")).to_have_text(\"3 spots left\")";
        String refund = "await expect(page.getByRole('button', { name: 'Refund' })).toBeDisabled();";
        String cost = "new Select(driver.findElement(By.id(\"cost-centre\"))).selectByVisibleText(\"CC-410 Marketing\");";
        String rows = "await expect(page.getByTestId('payment-row').getByText('Scheduled')).toHaveCount(14);";
        return List.of(
                reject("pytest: the spots left let vary, read from 'expected to have Text'", Framework.PYTEST_PLAYWRIGHT,
                        Files.python(spots), Files.python(spots.replace("\"3 spots left\"",
                                "re.compile(r\"\\d+ spots? left\")")), ASSERTION_WEAKENED)
                        .failing("AssertionError: Locator expected to have Text '3 spots left'\nActual value: 2 spots"
                                + " left"),
                reject("an assertion's failure caught and replaced by a visibility check", PLAYWRIGHT_JS,
                        Files.playwright(refund), Files.playwright(refund.replace("toBeDisabled();", "toBeDisabled()"
                                + ".catch(async () => {\n  await expect(page.getByRole('button', { name: 'Refund'"
                                + " })).toBeVisible();\n});")), GuardRule.ERROR_SWALLOWED),
                accept("an assertion's failure caught to fail with a clearer message", PLAYWRIGHT_JS,
                        Files.playwright(refund), Files.playwright(refund.replace("toBeDisabled();", "toBeDisabled()"
                                + ".catch((e) => {\n  throw new Error(`refund still allowed: ${e.message}`);\n});"))),
                reject("an option chosen by its text traded for a positional XPath", SELENIUM_JAVA, Files.java(cost),
                        Files.java("driver.findElement(By.id(\"cost-centre\")).click();\ndriver.findElement(By.xpath("
                                + "\"//div[3]/form/div[2]/ul/li[7]\")).click();"), BRITTLE_SELECTOR),
                accept("the option chosen from the new combobox by its text", SELENIUM_JAVA, Files.java(cost),
                        Files.java("driver.findElement(By.id(\"cost-centre\")).click();\ndriver.findElement(By.xpath("
                                + "\"//li[@role='option'][normalize-space()='CC-410 Marketing']\")).click();")),
                accept("a count lowered by one with a new check of the one held back", PLAYWRIGHT_TS,
                        Files.playwright(rows), Files.playwright(rows.replace("toHaveCount(14)", "toHaveCount(13)")
                                + "\nawait expect(page.getByTestId('payment-row').getByText('Held')).toHaveCount(1);"))
                        .failing("Expected: 14\nReceived: 13"),
                reject("the count lowered by one and nothing else", PLAYWRIGHT_TS, Files.playwright(rows),
                        Files.playwright(rows.replace("toHaveCount(14)", "toHaveCount(13)")), ASSERTION_WEAKENED)
                        .failing("Expected: 14\nReceived: 13"));
    }

    private static final String GROUPS = "await expect(page.getByTestId('string-group')).toHaveText(['String A · 3"
            + " panels', 'String C · 1 panel']);";

    /** A per-element list, a measured figure let vary, a value moved into a sentence. */
    private static List<GuardCase> lists() {
        String occupancy = "await expect(page.getByTestId('occupancy')).toHaveText('Occupancy 86% (24 of 28)');";
        String expiry = "expect(page.get_by_test_id(\"new-expiry\")).to_have_text(\"Expires 31 March 2027\")";
        return List.of(
                reject("an exact list of groups traded for its first and last element", PLAYWRIGHT_TS,
                        Files.playwright(GROUPS), Files.playwright("await expect(page.getByTestId('string-group')"
                                + ".first()).toHaveText('String A · 3 panels');\nawait expect(page.getByTestId("
                                + "'string-group').last()).toHaveText('String C · 1 panel');"), ASSERTION_WEAKENED),
                accept("the exact list given the group the app now shows", PLAYWRIGHT_TS, Files.playwright(GROUPS),
                        Files.playwright(GROUPS.replace("'String C", "'String B · 2 panels', 'String C"))),
                reject("a percentage and its counts let vary by a pattern, the wrong ones included", PLAYWRIGHT_TS,
                        Files.playwright(occupancy), Files.playwright(occupancy.replace("'Occupancy 86% (24 of 28)'",
                                "/Occupancy \\d+% \\(\\d+ of \\d+\\)/")), ASSERTION_WEAKENED)
                        .failing("Expected string: \"Occupancy 86% (24 of 28)\"\nReceived string: \"Occupancy 80% (24"
                                + " of 30)\""),
                accept("pytest: the date looked for in the sentence the page now puts it in",
                        Framework.PYTEST_PLAYWRIGHT, Files.python(expiry), Files.python("expect(page.get_by_text("
                                + "\"Your permit RP-551204 now expires on 31 March 2027.\")).to_be_visible()")),
                reject("pytest: the date check traded for a heading", Framework.PYTEST_PLAYWRIGHT, Files.python(expiry),
                        Files.python("expect(page.get_by_role(\"heading\", name=\"Renewal complete\")).to_be_visible()"),
                        ASSERTION_WEAKENED));
    }

    private static final String HELPER = """
            import { test, expect } from '@playwright/test';

            async function addPass(page, zone) {
              await page.getByRole('button', { name: `Add ${zone} pass` }).click();
              await expect(page.getByRole('dialog', { name: 'Confirm add-on' })).toBeVisible();
            }

            test.describe('Orders', () => {
              test('lists the open orders', async ({ page }) => {
                await addPass(page, 'EU');
                await expect(page.getByRole('status')).toHaveText('EU pass added');
              });

              test('shows an empty archive', async ({ page }) => {
                await addPass(page, 'US');
              });
            });
            """;

    /** Shared steps: a dialog renamed through a local, a missing await, a custom command redefined. */
    private static List<GuardCase> sharedSteps() {
        String hook = "\n    seedOrders('open');";
        return List.of(
                accept("a helper's dialog renamed through a local holding its new name", PLAYWRIGHT_TS, HELPER,
                        HELPER.replace("  await expect(page.getByRole('dialog', { name: 'Confirm add-on' }))"
                                + ".toBeVisible();", "  const dialog = page.getByRole('dialog', { name: `Add ${zone}"
                                + " Pass?` });\n  await expect(dialog).toBeVisible();"))
                        .failing("Locator: getByRole('dialog', { name: 'Confirm add-on' })\n  Expected: visible\n"
                                + "  Received: <element(s) not found>\n  Page snapshot:\n  - dialog \"Add EU Pass?\""),
                reject("the helper's dialog check reduced to any dialog", PLAYWRIGHT_TS, HELPER,
                        HELPER.replace("  await expect(page.getByRole('dialog', { name: 'Confirm add-on' }))"
                                + ".toBeVisible();", "  const dialog = page.getByRole('dialog');\n  await expect(dialog)"
                                + ".toBeVisible();"), ASSERTION_WEAKENED),
                accept("the missing await added to a shared hook's seeding", PLAYWRIGHT_TS,
                        Files.playwright("", hook, "await expect(page.getByRole('row')).toHaveCount(3);"),
                        Files.playwright("", hook.replace("seedOrders", "await seedOrders"),
                                "await expect(page.getByRole('row')).toHaveCount(3);")),
                reject("the shared hook's seeding changed", PLAYWRIGHT_TS,
                        Files.playwright("", hook, "await expect(page.getByRole('row')).toHaveCount(3);"),
                        Files.playwright("", hook.replace("'open'", "'archived'"),
                                "await expect(page.getByRole('row')).toHaveCount(3);"), GuardRule.SCOPE_ESCAPE),
                reject("Cypress: the login command redefined for the whole spec to fake a session", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("Cypress.Commands.overwrite('loginByApi', (_orig, role) => {\n  cy.setCookie("
                                + "'session', `test-${role}`);\n});\n", "", "cy.get('[data-cy=order-row]')"
                                + ".should('have.length', 4);"), GuardRule.SCOPE_ESCAPE));
    }

    private static final String ROW = "await page.getByRole('row', { name: /Priya Raman/ }).getByRole('button', { name:"
            + " 'Allocate plot' }).click();\nawait expect(page.getByRole('row', { name: /Priya Raman/ }))"
            + ".toContainText('Plot 17B');";
    private static final String ALERT = "await expect(page.getByRole('alert')).toContainText('Floor 5 already has two"
            + " attendants on Tue');";
    private static final String QUEUE = "driver.findElement(By.cssSelector(\"[data-test=submit-request]\")).click();\n"
            + "wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(\"[data-test=queue]"
            + " li:first-child\"), \"Room 204\"));";

    private static List<GuardCase> weakened() {
        return List.of(
                reject("a text check on the row traded for the row being visible", PLAYWRIGHT_TS, Files.playwright(ROW),
                        Files.playwright(ROW.replace(".toContainText('Plot 17B')", ".toBeVisible()")),
                        ASSERTION_WEAKENED),
                reject("Cypress: 'not.exist' turned into 'not.be.visible'", CYPRESS,
                        Files.cypress("cy.findByTestId('other-scores').should('not.exist');"),
                        Files.cypress("cy.findByTestId('other-scores').should('not.be.visible');"), ASSERTION_WEAKENED),
                reject("a message looked for cut to its first two words", PLAYWRIGHT_TS, Files.playwright(ALERT),
                        Files.playwright(ALERT.replace("'Floor 5 already has two attendants on Tue'", "/Floor 5/")),
                        ASSERTION_WEAKENED).failing("Expected substring: \"Floor 5 already has two attendants on Tue\"\n"
                                + "Received string: \"Floor 5 already has 2 attendants on Tue\""),
                accept("the same message with its number written in digits, as the app now words it", PLAYWRIGHT_TS,
                        Files.playwright(ALERT), Files.playwright(ALERT.replace("has two attendants", "has 2 attendants")))
                        .failing("Expected substring: \"Floor 5 already has two attendants on Tue\"\n"
                                + "Received string: \"Floor 5 already has 2 attendants on Tue\""),
                reject("the first item of the queue widened to the whole queue, in a test about the top", SELENIUM_JAVA,
                        Files.java(QUEUE), Files.java(QUEUE.replace(" li:first-child", "")), ASSERTION_WEAKENED)
                        .titled("OrdersTest.urgentRequestsGoToTheTopOfTheQueue"),
                accept("the same widening in a test that is not about position", SELENIUM_JAVA, Files.java(QUEUE),
                        Files.java(QUEUE.replace(" li:first-child", ""))));
    }

    private static List<GuardCase> genuine() {
        String count = "await page.getByLabel('Routing number').fill('12345678');\nexpect(await page.getByText('Routing"
                + " number must be 9 digits').count()).toBe(1);";
        String raced = "await page.getByRole('button', { name: 'Transfer' }).click();\nexpect(await page.getByRole("
                + "'alert').isVisible()).toBe(true);\nawait expect(page.getByRole('alert')).toHaveText('A witness is"
                + " required');";
        String options = "const options = page.getByRole('combobox', { name: 'Category' }).getByRole('option');\n"
                + "await expect(options).toHaveText(['Fiction', 'Documentary']);";
        String gain = "await page.getByLabel('Gain at 4 kHz (dB)').fill('70');\nawait expect(page.getByLabel('Gain at 4"
                + " kHz (dB)')).toHaveValue('55');";
        String upload = "await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout:"
                + " 20_000 });";
        String progress = "Error: Timed out 20000ms waiting for expect(locator).toHaveAttribute(expected)\n  Expected"
                + " string: \"100\"\n  Received string: \"87\"\n  Call log:\n    -   unexpected value \"12\"\n    -  "
                + " unexpected value \"41\"\n    -   unexpected value \"87\"";
        return List.of(
                accept("a count of one traded for a strict web-first visibility check", PLAYWRIGHT_JS,
                        Files.playwright(count), Files.playwright(count.replace("expect(await page.getByText('Routing"
                                + " number must be 9 digits').count()).toBe(1);", "await expect(page.getByText('Routing"
                                + " number must be 9 digits')).toBeVisible();"))),
                reject("a count of three traded for visibility", PLAYWRIGHT_JS,
                        Files.playwright(count.replace("toBe(1)", "toBe(3)")), Files.playwright(count.replace(
                                "expect(await page.getByText('Routing number must be 9 digits').count()).toBe(1);",
                                "await expect(page.getByText('Routing number must be 9 digits')).toBeVisible();")),
                        ASSERTION_WEAKENED),
                accept("a one-shot visibility read dropped beside the check that waits for the same alert",
                        PLAYWRIGHT_TS, Files.playwright(raced), Files.playwright(raced.replace(
                                "expect(await page.getByRole('alert').isVisible()).toBe(true);\n", ""))),
                accept("a media type received with a charset, matched with its parameters", Framework.JEST_SUPERTEST,
                        Files.jest("const res = await request(app).get('/orders/7.pdf');\nexpect(res.headers"
                                + "['content-type']).toBe('application/pdf');"),
                        Files.jest("const res = await request(app).get('/orders/7.pdf');\nexpect(res.headers"
                                + "['content-type']).toMatch(/^application\\/pdf(;|$)/);"))
                        .failing("Expected: \"application/pdf\"\nReceived: \"application/pdf; charset=binary\""),
                accept("a placeholder option added to the exact list of options, one per element", PLAYWRIGHT_TS,
                        Files.playwright(options), Files.playwright(options.replace("['Fiction'",
                                "['Choose a category…', 'Fiction'"))),
                accept("a measured value (the label gives its unit) updated to what the page states", PLAYWRIGHT_TS,
                        Files.playwright(gain), Files.playwright(gain.replace("toHaveValue('55')", "toHaveValue('60')")))
                        .failing("Expected string: \"55\"\nReceived string: \"60\"\n  - text: Limited to device maximum"
                                + " (60 dB)"),
                reject("a counted value adopted the same way", PLAYWRIGHT_TS,
                        Files.playwright(gain.replace("Gain at 4 kHz (dB)", "Open tickets")),
                        Files.playwright(gain.replace("Gain at 4 kHz (dB)", "Open tickets").replace("toHaveValue('55')",
                                "toHaveValue('60')")), ASSERTION_WEAKENED)
                        .failing("Expected string: \"55\"\nReceived string: \"60\""),
                accept("a commented raise on an upload the call log shows still progressing", PLAYWRIGHT_TS,
                        Files.playwright(upload), Files.playwright(upload.replace("20_000 });", "40_000 }); // a 38 MB"
                                + " upload needs about 30 s on CI"))).failing(progress),
                reject("the same raise where the value sat still", PLAYWRIGHT_TS, Files.playwright(upload),
                        Files.playwright(upload.replace("20_000 });", "40_000 }); // a 38 MB upload needs about 30 s on"
                                + " CI")), TIMEOUT_BUMP).failing(progress.replace("\"12\"", "\"87\"")
                        .replace("\"41\"", "\"87\"")));
    }

    private static List<GuardCase> selectors() {
        String link = "await $('[data-testid=\"notification\"] a*=View on map').click();";
        return List.of(
                reject("a test-id link by text traded for an absolute XPath", WEBDRIVERIO, Files.webdriverio(link),
                        Files.webdriverio("await $('/html/body/div[1]/main/ul/li[1]/a').click();"), BRITTLE_SELECTOR),
                accept("the link found by its new text", WEBDRIVERIO, Files.webdriverio(link),
                        Files.webdriverio(link.replace("View on map", "Track the bus"))));
    }
}
