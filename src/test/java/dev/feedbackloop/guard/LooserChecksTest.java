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
import static dev.feedbackloop.guard.GuardRule.BRITTLE_SELECTOR;
import static dev.feedbackloop.guard.GuardRule.ERROR_SWALLOWED;
import static dev.feedbackloop.guard.GuardRule.FORCE_ACTION;
import static dev.feedbackloop.guard.GuardRule.SECRET_ADDED;
import static dev.feedbackloop.guard.GuardRule.TEST_SKIPPED;
import static dev.feedbackloop.guard.GuardRule.TIMEOUT_BUMP;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks reshaped to pass for the outcome the test caught: the received state allowed beside the expected one,
 * the refusal the app printed adopted, a pattern or a count loosened until the received value fits, the value of a
 * property dropped, the list compared after deduplicating or sorting it, another outcome checked in a catch, the
 * element compared with itself, the action done by script. Each has a genuine twin that changes the same check for a
 * reason.
 */
class LooserChecksTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase row) {
        row.assertJudged();
    }

    static Stream<GuardCase> cases() {
        return Stream.of(otherOutcomes(), loosenedValues(), reshapedLists(), waits(), selfCompared(), scriptedActions(),
                        lookalikes(), waitConditions(), locatorTextCut(), returnsInLoops(),
                        boundsAndChoices())
                .flatMap(List::stream);
    }

    private static final String STATUS = "await expect(page.getByRole('status')).toHaveText('Booked: Public skate, 14:00');";

    /** Another outcome accepted beside the expected one, or instead of it. */
    private static List<GuardCase> otherOutcomes() {
        String refused = "Expected string: \"Booked: Public skate, 14:00\"\nReceived string: \"This session has already"
                + " taken place\"";
        String reworded = "Expected string: \"Booked: Public skate, 14:00\"\nReceived string: \"Booking confirmed: Public"
                + " skate, 14:00\"";
        String checks = "await expect(page.getByRole('row')).toHaveCount(3);";
        String wdio = "await expect($('[data-testid=\"fault-status\"]')).toHaveText('Sent to depot');";
        String heading = "assertEquals(\"Renewal confirmed\", driver.findElement(By.tagName(\"h1\")).getText());";
        return List.of(
                reject("the refusal the app printed adopted as the expectation", PLAYWRIGHT_TS, Files.playwright(STATUS),
                        Files.playwright(STATUS.replace("Booked: Public skate, 14:00", "This session has already taken place")),
                        ASSERTION_WEAKENED).failing(refused),
                accept("a reworded confirmation adopted", PLAYWRIGHT_TS, Files.playwright(STATUS), Files.playwright(
                        STATUS.replace("Booked: Public skate, 14:00", "Booking confirmed: Public skate, 14:00")))
                        .failing(reworded),
                reject("a catch that checks for the outage alert instead", PLAYWRIGHT_TS, Files.playwright(checks),
                        Files.playwright("try {\n  " + checks + "\n} catch (e) {\n  await expect(page.getByRole('alert'))"
                                + ".toContainText('unavailable');\n}"), ERROR_SWALLOWED),
                accept("a catch that saves a screenshot and rethrows", PLAYWRIGHT_TS, Files.playwright(checks),
                        Files.playwright("try {\n  " + checks + "\n} catch (e) {\n  await page.screenshot({ path:"
                                + " 'rows.png' });\n  throw e;\n}")),
                reject("WebdriverIO's array of texts with the draft state in it", WEBDRIVERIO, Files.webdriverio(wdio),
                        Files.webdriverio(wdio.replace("'Sent to depot'", "['Sent to depot', 'Draft saved']")),
                        ASSERTION_WEAKENED),
                accept("WebdriverIO's text reworded", WEBDRIVERIO, Files.webdriverio(wdio),
                        Files.webdriverio(wdio.replace("'Sent to depot'", "'Sent to the depot'"))),
                reject("either total accepted through equals(...) || equals(...)", SELENIUM_JAVA, Files.java(heading),
                        Files.java("String t = driver.findElement(By.tagName(\"h1\")).getText();\nassertTrue(t.equals("
                                + "\"Renewal confirmed\") || t.equals(\"Payment processing…\"), t);"), ASSERTION_WEAKENED),
                reject("a URL fragment turned into a choice that takes in the received page", CYPRESS,
                        Files.cypress("cy.url().should('include', '/book/confirmation');"),
                        Files.cypress("cy.url().should('match', /\\/book\\/(review|confirmation)/);"), ASSERTION_WEAKENED)
                        .failing("AssertionError: Timed out retrying after 4000ms: expected 'https://spa.test/book/review'"
                                + " to include '/book/confirmation'"),
                accept("a URL fragment turned into a pattern for the confirmation's id", CYPRESS,
                        Files.cypress("cy.url().should('include', '/book/confirmation');"),
                        Files.cypress("cy.url().should('match', /\\/book\\/confirmation\\/\\d+$/);"))
                        .failing("AssertionError: Timed out retrying after 4000ms: expected 'https://spa.test/book/review'"
                                + " to include '/book/confirmation'"),
                reject("a Java list of allowed headings, the pending one included", SELENIUM_JAVA, Files.java(heading),
                        Files.java("String heading = driver.findElement(By.tagName(\"h1\")).getText();\nassertTrue("
                                + "List.of(\"Renewal confirmed\", \"Payment processing…\").contains(heading), heading);"),
                        ASSERTION_WEAKENED));
    }

    /** A value loosened until the received one fits. */
    private static List<GuardCase> loosenedValues() {
        String url = "await expect(page).toHaveURL(/\\/berths\\/allocations\\/\\d+$/);";
        String urlFailure = "Expected pattern: /\\/berths\\/allocations\\/\\d+$/\nReceived string:  "
                + "\"https://harbour.test/allocations/4182?tab=summary\"";
        String place = "await expect(page.getByRole('status')).toHaveText('You are number 7 on the waiting list');";
        String placeFailure = "Expected string: \"You are number 7 on the waiting list\"\nReceived string: \"You are"
                + " number 9 on the waiting list\"";
        String order = "await expect(page.getByRole('status')).toHaveText('Order 2026-0417 placed');";
        String orderFailure = "Expected string: \"Order 2026-0417 placed\"\nReceived string: \"Order 2026-0418 placed\"";
        String prop = "cy.get('audio#narration').should('have.prop', 'paused', false);";
        String count = "await expect(page.getByRole('listitem')).toHaveCount(3);";
        String rows = "assertEquals(1, driver.findElements(By.cssSelector(\"[data-test=pending]\")).size());";
        String rowsFailure = "org.opentest4j.AssertionFailedError: expected: <1> but was: <4>";
        return List.of(
                reject("the received count written back", SELENIUM_JAVA, Files.java(rows),
                        Files.java(rows.replace("assertEquals(1,", "assertEquals(4,")), ASSERTION_WEAKENED)
                        .failing(rowsFailure),
                accept("the received count written back where the changelog says the seed data grew", SELENIUM_JAVA,
                        Files.java(rows), Files.java(rows.replace("assertEquals(1,", "assertEquals(4,")))
                        .failing(rowsFailure + "\nCHANGELOG 3.2: seed data now has four pending requests per hirer"),
                reject("the received place in a queue written back", PLAYWRIGHT_TS, Files.playwright(place),
                        Files.playwright(place.replace("number 7", "number 9")), ASSERTION_WEAKENED).failing(placeFailure),
                reject("a URL pattern cut to one word", PLAYWRIGHT_TS, Files.playwright(url),
                        Files.playwright(url.replace("/\\/berths\\/allocations\\/\\d+$/", "/allocations/")),
                        ASSERTION_WEAKENED).failing(urlFailure),
                accept("a URL pattern moved to the new route, its id and end kept", PLAYWRIGHT_TS, Files.playwright(url),
                        Files.playwright(url.replace("/\\/berths\\/allocations\\/\\d+$/", "/\\/allocations\\/\\d+(\\?.*)?$/")))
                        .failing(urlFailure),
                reject("a place in a queue let vary", PLAYWRIGHT_TS, Files.playwright(place), Files.playwright(
                        place.replace("'You are number 7 on the waiting list'", "/You are number \\d+ on the waiting list/")),
                        ASSERTION_WEAKENED).failing(placeFailure),
                accept("an order number that changes each run let vary", PLAYWRIGHT_TS, Files.playwright(order),
                        Files.playwright(order.replace("'Order 2026-0417 placed'", "/^Order \\d{4}-\\d{4} placed$/")))
                        .failing(orderFailure),
                reject("a property's value dropped", CYPRESS, Files.cypress(prop),
                        Files.cypress(prop.replace("'paused', false", "'paused'")), ASSERTION_WEAKENED),
                accept("a property's value kept, another property checked beside it", CYPRESS, Files.cypress(prop),
                        Files.cypress(prop + "\ncy.get('audio#narration').should('have.prop', 'muted', false);")),
                reject("a count read out and bounded from below", PLAYWRIGHT_TS, Files.playwright(count),
                        Files.playwright("const count = await page.getByRole('listitem').count();\n"
                                + "expect(count).toBeGreaterThanOrEqual(3);"), ASSERTION_WEAKENED),
                accept("a count read out and compared exactly", PLAYWRIGHT_TS, Files.playwright(count),
                        Files.playwright("const count = await page.getByRole('listitem').count();\nexpect(count).toBe(3);")));
    }

    private static final String STOPS = """
            import { browser, $, $$, expect } from '@wdio/globals';

            describe('Route editor', () => {
              it('%s', async () => {
                await $('button=Add').click();
                const stops = await $$('[data-testid="route-stop"]').map((el) => el.getText());
                await expect(stops).toEqual(['Hillside', 'Orchard Close', 'Beacon Way']);
              });

              it('shows the route name', async () => {
                await expect($('h1')).toHaveText('R07');
              });
            });
            """;

    /** A list compared after the proposal reshaped the local holding it. */
    private static List<GuardCase> reshapedLists() {
        String adds = "adds a stop after Orchard Close";
        String ordered = "lists the stops in route order";
        String read = "const stops = await $$('[data-testid=\"route-stop\"]').map((el) => el.getText());";
        String deduplicated = "const stops = [...new Set(await $$('[data-testid=\"route-stop\"]').map((el) => el.getText()))];";
        String sorted = "const stops = (await $$('[data-testid=\"route-stop\"]').map((el) => el.getText())).sort();";
        return List.of(
                reject("duplicates removed before the comparison", WEBDRIVERIO, STOPS.formatted(adds),
                        STOPS.formatted(adds).replace(read, deduplicated), ASSERTION_WEAKENED)
                        .titled("Route editor " + adds),
                reject("sorted before the comparison in a test about order", WEBDRIVERIO, STOPS.formatted(ordered),
                        STOPS.formatted(ordered).replace(read, sorted), ASSERTION_WEAKENED)
                        .titled("Route editor " + ordered),
                accept("sorted where the test is not about order", WEBDRIVERIO, STOPS.formatted(adds),
                        STOPS.formatted(adds).replace(read, sorted)).titled("Route editor " + adds),
                reject("names sorted in a Cypress callback, the title's order two words long", CYPRESS,
                        Files.cypress(NAMES), Files.cypress(NAMES.replace("'innerText'))", "'innerText').sort())")
                                .replace("['Okafor', 'Dunne', 'Hall']", "['Dunne', 'Hall', 'Okafor']")),
                        ASSERTION_WEAKENED).titled("Diary lists the day's clients in start-time order"),
                accept("names reordered to what the fixture's start times give", CYPRESS, Files.cypress(NAMES),
                        Files.cypress(NAMES.replace("['Okafor', 'Dunne', 'Hall']", "['Dunne', 'Hall', 'Okafor']")))
                        .titled("Diary lists the day's clients in start-time order"));
    }

    private static final String NAMES = "cy.get('[data-cy=client]')\n"
            + "  .then(($els) => Cypress._.map($els, 'innerText'))\n"
            + "  .should('deep.equal', ['Okafor', 'Dunne', 'Hall']);";

    /** Cypress's alias wait compared with the request timeout it replaces first. */
    private static List<GuardCase> waits() {
        String wait = "cy.get('[data-cy=date]').type('2026-11-14');\ncy.wait('@slots');\n"
                + "cy.get('[data-cy=slot]').should('have.length', 6);";
        return List.of(
                reject("an alias wait given 30 s", CYPRESS, Files.cypress(wait),
                        Files.cypress(wait.replace("cy.wait('@slots');", "cy.wait('@slots', { timeout: 30000 });")),
                        TIMEOUT_BUMP),
                accept("an alias wait given less than the request timeout", CYPRESS, Files.cypress(wait),
                        Files.cypress(wait.replace("cy.wait('@slots');", "cy.wait('@slots', { timeout: 4000 });"))),
                reject("an alias wait moved after its intercept and given 30 s", CYPRESS,
                        Files.cypress("cy.visit('/book');\ncy.intercept('GET', '/api/slots*').as('slots');\n" + wait),
                        Files.cypress("cy.intercept('GET', '/api/slots*').as('slots');\ncy.visit('/book');\n"
                                + wait.replace("cy.wait('@slots');", "cy.wait('@slots', { timeout: 30000 });")),
                        TIMEOUT_BUMP));
    }

    /** An expectation read from the element it checks: the element compared with itself. */
    private static List<GuardCase> selfCompared() {
        String size = "await expect(page.getByTestId('system-size')).toHaveText('System size: 6.8 kWp');";
        String read = "const size = await page.getByTestId('system-size').textContent();\n";
        return List.of(
                reject("the expected text read from the element just before", PLAYWRIGHT_TS, Files.playwright(size),
                        Files.playwright(read + size.replace("'System size: 6.8 kWp'", "size ?? ''")), ASSERTION_WEAKENED),
                accept("a text read before an action, checked unchanged after it", PLAYWRIGHT_TS, Files.playwright(size),
                        Files.playwright(read + "await page.getByRole('button', { name: 'Cancel' }).click();\n"
                                + size.replace("'System size: 6.8 kWp'", "size ?? ''") + "\n" + size)),
                reject("the shown text looked for in a list that holds it", PLAYWRIGHT_TS, Files.playwright(size),
                        Files.playwright(read + "expect(['System size: 6.8 kWp', size]).toContain(size);"),
                        ASSERTION_WEAKENED),
                accept("the shown text looked for in a list of literals", PLAYWRIGHT_TS, Files.playwright(size),
                        Files.playwright(size + "\n" + read
                                + "expect(['System size: 6.8 kWp', 'System size: 6,8 kWp']).toContain(size);")),
                reject("an exact text traded for assertFalse(text.isBlank())", SELENIUM_JAVA, Files.java(JAVA_NAME),
                        Files.java(JAVA_NAME.replace("assertEquals(\"Priya Raman\", name.getText());",
                                "assertFalse(name.getText().isBlank());")), ASSERTION_WEAKENED));
    }

    private static final String QUOTE = "const res = await request(app).post('/quotes').send({ sku: 'A-1' });\n";
    private static final String ALERTS = "const alerts = evaluateAlerts(site);\n"
            + "expect(alerts).toEqual([{ siteId: 'fjordview', type: '%s }]);";
    private static final String SRC = "const src = await page.getByRole('img', { name: 'Proof preview' }).getAttribute('src');\n";
    private static final String SUMMARY = "cy.get('[data-test=rx-summary]').should('contain.text', 'R -2.25 / -0.50');";
    private static final String JAVA_NAME = "WebElement name = driver.findElement(By.cssSelector(\".assignee\"));\n"
            + "assertEquals(\"Priya Raman\", name.getText());";

    /** What a user makes the page do through a control, done by script on the element instead. */
    private static List<GuardCase> scriptedActions() {
        String play = "cy.get('[data-cy=play]').click();\ncy.get('audio#narration').should('have.prop', 'paused', false);";
        String marker = "cy.get('[data-tree=T-9]').click();\ncy.get('.popup').should('contain', 'Bramley, row 3');";
        String pay = "await page.getByRole('button', { name: 'Pay' }).click();\n"
                + "await expect(page.getByRole('status')).toHaveText('Paid');";
        return List.of(
                reject("play() called on the media element", CYPRESS, Files.cypress(play), Files.cypress(
                        "cy.get('audio#narration').then(($a) => $a[0].play());\n" + play), FORCE_ACTION),
                accept("the play button pressed twice through Cypress", CYPRESS, Files.cypress(play), Files.cypress(
                        "cy.get('[data-cy=play]').should('be.enabled');\n" + play)),
                reject("the marker's click traded for the map's own API on window", CYPRESS, Files.cypress(marker),
                        Files.cypress(marker.replace("cy.get('[data-tree=T-9]').click();",
                                "cy.window().its('orchardMap').invoke('openPopup', 'T-9');")), FORCE_ACTION),
                reject("the click traded for page.evaluate calling the app", PLAYWRIGHT_TS, Files.playwright(pay),
                        Files.playwright(pay.replace("await page.getByRole('button', { name: 'Pay' }).click();",
                                "await page.evaluate(() => (window as any).checkout.submitPayment());")), FORCE_ACTION),
                accept("the consent click traded for the stored consent", PLAYWRIGHT_TS, Files.playwright(
                        "await page.getByRole('button', { name: 'Accept all' }).click();\n" + pay), Files.playwright(
                        "await page.evaluate(() => localStorage.setItem('consent', 'all'));\n" + pay)));
    }

    /** Genuine rewrites that look like weakenings: a consent cookie, a per-element text list, checks moved into a callback. */
    private static List<GuardCase> lookalikes() {
        String count = "await expect(page.getByRole('listitem')).toHaveCount(4);";
        String status = "cy.wait('@moveWheel').its('response.statusCode').should('eq', 200);";
        String callback = "cy.wait('@moveWheel').then(({ request, response }) => {\n  expect(request.body).to.deep.eq({ cave:"
                + " 'cave-b' });\n  expect(response.statusCode).to.eq(200);\n});";
        String banner = "CypressError: `cy.click()` failed because this element is being covered by another element:"
                + " `<div class=\"consent-banner\" role=\"dialog\">`";
        return List.of(
                accept("a consent cookie set before the visit, the banner covered the click", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').first().click();"),
                        Files.cypress("", "\n    cy.setCookie('orchard_consent', 'essential');",
                                "cy.get('[data-cy=order-row]').first().click();")).failing(banner),
                reject("a session cookie set before the visit", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').first().click();"),
                        Files.cypress("", "\n    cy.setCookie('shop_session', 'FAKE-s3ss-9a8b7c6d5e4f');",
                                "cy.get('[data-cy=order-row]').first().click();"), SECRET_ADDED).failing(banner),
                accept("a count replaced by the exact text of each row", PLAYWRIGHT_TS, Files.playwright(count),
                        Files.playwright("await expect(page.getByRole('listitem')).toHaveText(['Bow: Ciarán', '2: Mei',"
                                + " '3: Rob', 'Stroke: Hana', 'Cox: Aoife']);")),
                accept("a status check moved into a callback beside a check of the request", CYPRESS,
                        Files.cypress(status), Files.cypress(callback)),
                reject("a status check dropped for a check of the request", CYPRESS, Files.cypress(status),
                        Files.cypress(callback.replace("\n  expect(response.statusCode).to.eq(200);", "")),
                        ASSERTION_WEAKENED));
    }

    /** The condition a WebdriverIO waitUntil or a Selenium wait waits for is a check like any other. */
    private static List<GuardCase> waitConditions() {
        String until = "await $('button=Save').click();\nawait browser.waitUntil(async () => (await $('[data-testid=\"state\"]')"
                + ".getText()) === 'Uploaded', { timeoutMsg: 'never uploaded' });";
        String textToBe = "driver.findElement(By.cssSelector(\"button.approve\")).click();\n"
                + "wait.until(ExpectedConditions.textToBe(By.cssSelector(\"[data-test=stage]\"), \"Quote approved\"));";
        return List.of(
                reject("a waited-for text cut to a prefix", WEBDRIVERIO, Files.webdriverio(until), Files.webdriverio(
                        until.replace("=== 'Uploaded'", ".startsWith('Upload')")), ASSERTION_WEAKENED),
                accept("a waited-for text made a pattern that keeps its words", WEBDRIVERIO, Files.webdriverio(until),
                        Files.webdriverio(until.replace("(await $('[data-testid=\"state\"]').getText()) === 'Uploaded'",
                                "/^Uploaded · \\d+ KB$/.test(await $('[data-testid=\"state\"]').getText())"))),
                reject("a Selenium wait that also accepts the stage it started in", SELENIUM_JAVA, Files.java(textToBe),
                        Files.java(textToBe.replace("wait.until(ExpectedConditions.textToBe(By.cssSelector(\"[data-test=stage]\"),"
                                + " \"Quote approved\"));", "wait.until(ExpectedConditions.or(\n    ExpectedConditions.textToBe("
                                + "By.cssSelector(\"[data-test=stage]\"), \"Quote approved\"),\n    ExpectedConditions.textToBe("
                                + "By.cssSelector(\"[data-test=stage]\"), \"Awaiting customer\")));")), ASSERTION_WEAKENED));
    }

    /** A locator's text cut to a fragment that drops the amount it pinned. */
    private static List<GuardCase> locatorTextCut() {
        String pay = "await $('button=Pay 96.00 CHF').click();\nawait expect($('h1')).toHaveText('Thank you');";
        return List.of(
                reject("a pay button looked for by its first word only", WEBDRIVERIO, Files.webdriverio(pay),
                        Files.webdriverio(pay.replace("'button=Pay 96.00 CHF'", "'button*=Pay'")), ASSERTION_WEAKENED,
                        BRITTLE_SELECTOR),
                accept("a pay button whose label gained a word", WEBDRIVERIO, Files.webdriverio(pay),
                        Files.webdriverio(pay.replace("'button=Pay 96.00 CHF'", "'button=Pay 96.00 CHF now'"))),
                accept("an address cut to its path", PLAYWRIGHT_TS,
                        Files.playwright("await page.goto('http://localhost:3000/studio/glazes');"),
                        Files.playwright("await page.goto('/studio/glazes');")));
    }

    /** A return inside a for loop leaves the test, one inside a callback only the callback. */
    private static List<GuardCase> returnsInLoops() {
        String loans = "for (let i = 0; i < 4; i++) {\n  const ok = await request.post('/loans', { data: { book: i } });\n"
                + "  expect(ok.status()).toBe(201);\n}\nconst over = await request.post('/loans', { data: { book: 9 } });\n"
                + "expect(over.status()).toBe(409);";
        return List.of(
                reject("a return on the refusal inside the loop", PLAYWRIGHT_TS, Files.playwright(loans), Files.playwright(
                        loans.replace("  expect(ok.status()).toBe(201);", "  if (ok.status() === 409) return;\n  expect(ok.status()).toBe(201);")),
                        TEST_SKIPPED),
                accept("a return inside a callback that maps the rows", PLAYWRIGHT_TS, Files.playwright(loans), Files.playwright(
                        loans + "\nconst titles = (await over.json()).loans.map((l) => { return l.title; });\nexpect(titles).toHaveLength(4);")));
    }

    /** fresh-9 kinds: a qualified skip annotation, a size bounded in a condition, a URL pattern given a choice. */
    private static List<GuardCase> boundsAndChoices() {
        String rows = "List<WebElement> rows = driver.findElements(By.cssSelector(\"[data-test=row]\"));\n"
                + "assertEquals(12, rows.size());";
        String url = "await expect(page).toHaveURL(/\\/diary$/);";
        String login = "Expected pattern: /\\/diary$/\nReceived string:  \"http://localhost:4100/login?next=%2Fdiary\"";
        return List.of(
                reject("a fully qualified @Disabled", SELENIUM_JAVA, Files.java(rows),
                        Files.java("@org.junit.jupiter.api.Disabled(\"flaky\")", "", rows), TEST_SKIPPED),
                reject("an exact size turned into a lower bound in assertTrue", SELENIUM_JAVA, Files.java(rows),
                        Files.java(rows.replace("assertEquals(12, rows.size());", "assertTrue(rows.size() >= 10);")),
                        ASSERTION_WEAKENED),
                accept("an exact size kept, a bound on another list added", SELENIUM_JAVA, Files.java(rows),
                        Files.java(rows + "\nassertTrue(driver.findElements(By.cssSelector(\"[data-test=note]\")).size() >= 1);")),
                reject("supertest's exact status traded for res.status below 500", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).post('/orders').send({ qty: -1 }).expect(422);"),
                        Files.jest("const res = await request(app).post('/orders').send({ qty: -1 });\n"
                                + "expect(res.status).toBeLessThan(500);"), ASSERTION_WEAKENED),
                accept("supertest's exact status checked on res.status instead", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).post('/orders').send({ qty: -1 }).expect(422);"),
                        Files.jest("const res = await request(app).post('/orders').send({ qty: -1 });\n"
                                + "expect(res.status).toBe(422);")),
                reject("an attribute's pattern traded for toBeTruthy on the value read", PLAYWRIGHT_TS,
                        Files.playwright(SRC + "expect(src).toMatch(/\\/proofs\\/[a-z0-9-]+\\.png$/);"),
                        Files.playwright(SRC + "expect(src).toBeTruthy();"), ASSERTION_WEAKENED),
                accept("a named element's presence kept as presence", PLAYWRIGHT_TS,
                        Files.playwright("await expect(page.getByRole('img', { name: 'Proof preview' })).toBeVisible();"),
                        Files.playwright("await expect(page.getByRole('img', { name: 'Proof preview' })).toBeAttached();\n"
                                + "await expect(page.getByRole('img', { name: 'Proof preview' })).toBeVisible();")),
                reject("the received 'Seats left: undefined' written over the expected text", CYPRESS,
                        Files.cypress("cy.get('[data-cy=availability]').should('have.text', 'Sold out');"),
                        Files.cypress("cy.get('[data-cy=availability]').should('have.text', 'Seats left: undefined');"),
                        ASSERTION_WEAKENED).failing("AssertionError: Timed out retrying after 4000ms: expected"
                                + " '<span.availability>' to have text 'Sold out', but the text was 'Seats left: undefined'"),
                reject("one of two texts looked for in a summary removed", CYPRESS,
                        Files.cypress(SUMMARY + "\ncy.get('[data-test=rx-summary]').should('contain.text', 'Add +2.00');"),
                        Files.cypress(SUMMARY), GuardRule.ASSERTION_REMOVED),
                reject("the alert type the title names replaced by the received one", JEST_SUPERTEST,
                        Files.jest(ALERTS.formatted("underperformance', ratio: 0.6")),
                        Files.jest(ALERTS.formatted("inverter_offline', minutesSinceSeen: 30")), ASSERTION_WEAKENED)
                        .titled("Alerts › raises an underperformance alert below 70%"),
                accept("a field beside the type the title names updated", JEST_SUPERTEST,
                        Files.jest(ALERTS.formatted("underperformance', ratio: 0.6")),
                        Files.jest(ALERTS.formatted("underperformance', ratio: 0.65")))
                        .titled("Alerts › raises an underperformance alert below 70%"),
                reject("a field an object match pinned checked only against a lower bound", JEST_SUPERTEST,
                        Files.jest(QUOTE + "expect(res.body).toMatchObject({ currency: 'EUR', total: 86.4 });"),
                        Files.jest(QUOTE + "expect(res.body.currency).toBe('EUR');\n"
                                + "expect(res.body.total).toBeGreaterThanOrEqual(86.4);"), ASSERTION_WEAKENED),
                accept("a field an object match pinned checked exactly on its own", JEST_SUPERTEST,
                        Files.jest(QUOTE + "expect(res.body).toMatchObject({ currency: 'EUR', total: 86.4 });"),
                        Files.jest(QUOTE + "expect(res.body.currency).toBe('EUR');\n"
                                + "expect(res.body.total).toBe(86.4);")),
                reject("Python's .first property added past a strict-mode violation", PYTEST_PLAYWRIGHT,
                        Files.python("page.get_by_role(\"link\", name=\"Claim\").click()"),
                        Files.python("page.get_by_role(\"link\", name=\"Claim\").first.click()"), BRITTLE_SELECTOR)
                        .failing("E   playwright._impl._errors.Error: Locator.click: Error: strict mode violation:"
                                + " get_by_role(\"link\", name=\"Claim\") resolved to 3 elements:"),
                reject("a URL pattern given the login page as a choice", PLAYWRIGHT_TS, Files.playwright(url),
                        Files.playwright(url.replace("/\\/diary$/", "/\\/(diary|login)/")), ASSERTION_WEAKENED)
                        .failing(login),
                accept("a URL pattern given the diary's two routes as choices", PLAYWRIGHT_TS, Files.playwright(url),
                        Files.playwright(url.replace("/\\/diary$/", "/\\/(diary|tuner-diary)$/"))).failing(login));
    }
}
