package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.CYPRESS;
import static dev.feedbackloop.guard.Framework.JEST_SUPERTEST;
import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_TS;
import static dev.feedbackloop.guard.Framework.PYTEST_PLAYWRIGHT;
import static dev.feedbackloop.guard.Framework.SELENIUM_JAVA;
import static dev.feedbackloop.guard.Framework.WEBDRIVERIO;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.ASSERTION_REMOVED;
import static dev.feedbackloop.guard.GuardRule.ASSERTION_WEAKENED;
import static dev.feedbackloop.guard.GuardRule.BRITTLE_SELECTOR;
import static dev.feedbackloop.guard.GuardRule.ERROR_SWALLOWED;
import static dev.feedbackloop.guard.GuardRule.FIXED_SLEEP;
import static dev.feedbackloop.guard.GuardRule.FORCE_ACTION;
import static dev.feedbackloop.guard.GuardRule.NETWORKIDLE;
import static dev.feedbackloop.guard.GuardRule.SCOPE_ESCAPE;
import static dev.feedbackloop.guard.GuardRule.SECRET_ADDED;
import static dev.feedbackloop.guard.GuardRule.TEST_SKIPPED;
import static dev.feedbackloop.guard.GuardRule.TIMEOUT_BUMP;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plain bad rewrites a model plausibly writes, the same mistake in each framework's own words, and the genuine
 * fixes that look like them. Each row names the rule that must reject it; the rows were written as probes of
 * what the guard missed (most of them did before the rule they name was widened) and stay as regressions.
 */
class FixGuardVariantsTest {

    private static final String PW = """
            await page.getByRole('button', { name: 'Open only' }).click();
            await expect(page.getByRole('row')).toHaveCount(4);
            await expect(page.getByTestId('order-total')).toHaveText('€120.00');
            """;
    private static final String CY = """
            cy.findByRole('button', { name: 'Open only' }).click();
            cy.get('[data-cy=order-row]').should('have.length', 4);
            cy.get('[data-cy=order-total]').should('have.text', '€120.00');
            """;
    private static final String WD = """
            await $('aria/Open only').click();
            await expect($$('[data-test="order-row"]')).toBeElementsArrayOfSize(4);
            await expect($('[data-test="order-total"]')).toHaveText('€120.00');
            """;
    private static final String PY = """
            page.goto("/orders")
            page.get_by_role("button", name="Open only").click()
            expect(page.get_by_role("row")).to_have_count(4)
            expect(page.get_by_test_id("order-total")).to_have_text("€120.00")
            """;
    private static final String JV = """
            driver.findElement(By.cssSelector("[data-testid='open-only']")).click();
            assertEquals(4, driver.findElements(By.cssSelector("[data-testid='order-row']")).size());
            assertEquals("€120.00", driver.findElement(By.cssSelector("[data-testid='order-total']")).getText());
            """;
    private static final String JS = """
            const res = await request(app).get('/orders?state=open').set('Authorization', `Bearer ${token}`);
            expect(res.status).toBe(200);
            expect(res.body.total).toEqual(12000);
            expect(res.body.orders).toHaveLength(4);
            """;
    private static final String JV_TOTAL =
            "assertEquals(\"€120.00\", driver.findElement(By.cssSelector(\"[data-testid='order-total']\")).getText());";
    private static final String JV_COUNT =
            "assertEquals(4, driver.findElements(By.cssSelector(\"[data-testid='order-row']\")).size());";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase c) {
        c.assertJudged();
    }

    static Stream<GuardCase> cases() {
        return Stream.of(weakened(), removed(), skipped(), forced(), swallowed(), secrets(), selectors(), scope(), givenUp(), adopted(),
                timing()).flatMap(List::stream);
    }

    private static List<GuardCase> weakened() {
        return List.of(
                reject("a count turned into count() > 0", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(PW.replace(
                        "await expect(page.getByRole('row')).toHaveCount(4);",
                        "expect(await page.getByRole('row').count()).toBeGreaterThan(0);")), ASSERTION_WEAKENED),
                reject("an exact text turned into not.toBeEmpty()", PLAYWRIGHT_TS, Files.playwright(PW),
                        Files.playwright(PW.replace("toHaveText('€120.00')", "not.toBeEmpty()")), ASSERTION_WEAKENED),
                reject("a value turned into expect.anything()", JEST_SUPERTEST, Files.jest(JS), Files.jest(JS.replace(
                        "toEqual(12000)", "toEqual(expect.anything())")), ASSERTION_WEAKENED),
                reject("a value turned into its type", JEST_SUPERTEST, Files.jest(JS), Files.jest(JS.replace(
                        "expect(res.body.total).toEqual(12000);", "expect(typeof res.body.total).toBe('number');")),
                        ASSERTION_WEAKENED),
                reject("a length turned into Array.isArray", JEST_SUPERTEST, Files.jest(JS), Files.jest(JS.replace(
                        "expect(res.body.orders).toHaveLength(4);", "expect(Array.isArray(res.body.orders)).toBe(true);")),
                        ASSERTION_WEAKENED),
                reject("a status turned into < 500", JEST_SUPERTEST, Files.jest(JS), Files.jest(JS.replace(
                        "expect(res.status).toBe(200);", "expect(res.status).toBeLessThan(500);")), ASSERTION_WEAKENED),
                reject("have.text turned into contain of a fragment", CYPRESS, Files.cypress(CY), Files.cypress(CY.replace(
                        "should('have.text', '€120.00')", "should('contain', '€')")), ASSERTION_WEAKENED),
                reject("toHaveText turned into toBeDisplayed", WEBDRIVERIO, Files.webdriverio(WD),
                        Files.webdriverio(WD.replace("toHaveText('€120.00')", "toBeDisplayed()")), ASSERTION_WEAKENED),
                reject("Python count turned into truthiness", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(PY.replace(
                        "expect(page.get_by_role(\"row\")).to_have_count(4)", "assert page.get_by_role(\"row\").count()")),
                        ASSERTION_WEAKENED),
                reject("assertEquals turned into != null", SELENIUM_JAVA, Files.java(JV), Files.java(JV.replace(JV_TOTAL,
                        "assertTrue(driver.findElement(By.cssSelector(\"[data-testid='order-total']\")).getText() != null);")),
                        ASSERTION_WEAKENED),
                reject("visible turned into attached", PLAYWRIGHT_TS,
                        Files.playwright("await expect(page.getByRole('button', { name: 'Export' })).toBeVisible();"),
                        Files.playwright("await expect(page.getByRole('button', { name: 'Export' })).toBeAttached();"),
                        ASSERTION_WEAKENED),
                reject("be.visible turned into exist", CYPRESS,
                        Files.cypress("cy.findByRole('dialog', { name: 'Refund' }).should('be.visible');"),
                        Files.cypress("cy.findByRole('dialog', { name: 'Refund' }).should('exist');"), ASSERTION_WEAKENED),
                reject("toBeDisplayed turned into toBeExisting", WEBDRIVERIO,
                        Files.webdriverio("await expect($('aria/Refund')).toBeDisplayed();"),
                        Files.webdriverio("await expect($('aria/Refund')).toBeExisting();"), ASSERTION_WEAKENED),
                reject("an exact text turned into contains(number) && endsWith(rest)", SELENIUM_JAVA, Files.java(JV),
                        Files.java(JV.replace(JV_TOTAL, "String total = driver.findElement(By.cssSelector("
                                + "\"[data-testid='order-total']\")).getText();\n"
                                + "assertTrue(total.contains(\"1\") && total.endsWith(\".00\"));")), ASSERTION_WEAKENED),
                reject("a Cypress each() check turned into one on the first", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-state]').each(($s) => {\n"
                                + "  expect($s.text().trim()).to.eq('Open');\n});"),
                        Files.cypress("cy.get('[data-cy=order-state]').first().should('have.text', 'Open');"),
                        ASSERTION_WEAKENED),
                reject("a count turned into assertFalse(isEmpty())", SELENIUM_JAVA, Files.java(JV), Files.java(JV.replace(
                        JV_COUNT, "assertFalse(driver.findElements(By.cssSelector(\"[data-testid='order-row']\")).isEmpty());")),
                        ASSERTION_WEAKENED));
    }

    private static List<GuardCase> removed() {
        String waitText = "wait.until(ExpectedConditions.textToBe(By.cssSelector(\"[data-testid='order-total']\"), \"€120.00\"));";
        return List.of(
                reject("an assertion turned into a read", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(PW.replace(
                        "await expect(page.getByTestId('order-total')).toHaveText('€120.00');",
                        "await page.getByTestId('order-total').textContent();")), ASSERTION_REMOVED),
                reject("an assertion turned into a log", WEBDRIVERIO, Files.webdriverio(WD), Files.webdriverio(WD.replace(
                        "await expect($('[data-test=\"order-total\"]')).toHaveText('€120.00');",
                        "console.log(await $('[data-test=\"order-total\"]').getText());")), ASSERTION_REMOVED),
                reject("a Selenium assertion turned into a wait for visibility", SELENIUM_JAVA, Files.java(JV),
                        Files.java(JV.replace(JV_TOTAL, "wait.until(ExpectedConditions.visibilityOfElementLocated("
                                + "By.cssSelector(\"[data-testid='order-total']\")));")), ASSERTION_REMOVED),
                accept("a Selenium assertion turned into a wait for the same text", SELENIUM_JAVA, Files.java(JV),
                        Files.java(JV.replace(JV_TOTAL, waitText))),
                accept("a Selenium wait for the text before the same assertion", SELENIUM_JAVA, Files.java(JV),
                        Files.java(JV.replace(JV_TOTAL, waitText + "\n" + JV_TOTAL))));
    }

    private static List<GuardCase> skipped() {
        String wdSkip = "if (browser.isMobile) {\n    this.skip(); // the seat map is desktop-only\n}\n";
        String cySkip = "if (Cypress.browser.name === 'firefox') this.skip();\n";
        String pwSkip = "test.skip(browserName === 'webkit', 'the print preview needs Chromium');\n";
        String pySkipif = "@pytest.mark.skipif(sys.platform == \"win32\", reason=\"no print dialog\")";
        String pySkip = "if page.viewport_size[\"width\"] < 600:\n    pytest.skip(\"desktop only\")\n";
        String jvAssume = "assumeTrue(!isMobile(), \"the seat map is desktop-only\");\n";
        return List.of(
                reject("a file-level conditional skip by browser", PLAYWRIGHT_TS, Files.playwright(PW),
                        Files.playwright("test.skip(({ browserName }) => browserName !== 'chromium', 'chromium only');",
                                "", PW), TEST_SKIPPED),
                reject("test.describe.skip", PLAYWRIGHT_TS, Files.playwright(PW),
                        Files.playwright(PW).replace("test.describe('Orders'", "test.describe.skip('Orders'"), TEST_SKIPPED),
                reject("describe.skip", CYPRESS, Files.cypress(CY),
                        Files.cypress(CY).replace("describe('Orders'", "describe.skip('Orders'"), TEST_SKIPPED),
                reject("it.skip", JEST_SUPERTEST, Files.jest(JS),
                        Files.jest(JS).replace("it('GET /orders lists", "it.skip('GET /orders lists"), TEST_SKIPPED),
                reject("this.skip() under a condition", WEBDRIVERIO, Files.webdriverio(WD), Files.webdriverio(WD)
                        .replace("it('lists the open orders', async () => {",
                                "it('lists the open orders', async function () {\n    if (process.env.CI) this.skip();"),
                        TEST_SKIPPED),
                reject("pytest.skip() in the body", PYTEST_PLAYWRIGHT, Files.python(PY),
                        Files.python("pytest.skip(\"orders table is flaky\")\n" + PY), TEST_SKIPPED),
                reject("JUnit 4 @Ignore", SELENIUM_JAVA, Files.java(JV), Files.java("@Ignore(\"flaky\")", "", JV),
                        TEST_SKIPPED),
                reject("junit-pioneer @RetryingTest with a named count", SELENIUM_JAVA, Files.java(JV),
                        Files.java(JV).replace("@Test\n    void listsTheOpenOrders",
                                "@RetryingTest(maxAttempts = 3, name = \"flaky header\")\n    void listsTheOpenOrders"),
                        TEST_SKIPPED),
                reject("an early return in Java", SELENIUM_JAVA, Files.java(JV),
                        Files.java("if (System.getenv(\"CI\") != null) {\n    return;\n}\n" + JV), TEST_SKIPPED),
                reject("a WebdriverIO if-skip widened to CI", WEBDRIVERIO, Files.webdriverio(wdSkip + WD),
                        Files.webdriverio(wdSkip.replace("browser.isMobile", "browser.isMobile || process.env.CI") + WD),
                        TEST_SKIPPED),
                reject("a Cypress one-line if-skip widened", CYPRESS, Files.cypress(cySkip + CY), Files.cypress(
                        cySkip.replace("=== 'firefox'", "=== 'firefox' || Cypress.env('CI')") + CY), TEST_SKIPPED),
                reject("a test.skip condition widened with ||", PLAYWRIGHT_TS, Files.playwright(pwSkip + PW),
                        Files.playwright(pwSkip.replace("=== 'webkit'", "=== 'webkit' || !!process.env.CI") + PW),
                        TEST_SKIPPED),
                reject("a test.skip condition with a required part dropped", PLAYWRIGHT_TS,
                        Files.playwright(pwSkip.replace("=== 'webkit'", "=== 'webkit' && isMobile") + PW),
                        Files.playwright(pwSkip + PW), TEST_SKIPPED),
                reject("a pytest skipif widened with or", PYTEST_PLAYWRIGHT, Files.python(pySkipif, PY),
                        Files.python(pySkipif.replace("== \"win32\"", "== \"win32\" or os.environ.get(\"CI\")"), PY),
                        TEST_SKIPPED),
                reject("a pytest if-skip widened", PYTEST_PLAYWRIGHT, Files.python(pySkip + PY), Files.python(
                        pySkip.replace("< 600", "< 600 or os.environ.get(\"CI\")") + PY), TEST_SKIPPED),
                reject("a JUnit assumption made to hold less often", SELENIUM_JAVA, Files.java(jvAssume + JV),
                        Files.java(jvAssume.replace("!isMobile()", "!isMobile() && System.getenv(\"CI\") == null") + JV),
                        TEST_SKIPPED),
                accept("a WebdriverIO if-skip narrowed", WEBDRIVERIO,
                        Files.webdriverio(wdSkip.replace("browser.isMobile", "browser.isMobile || process.env.SLOW") + WD),
                        Files.webdriverio(wdSkip + WD)),
                accept("a test.skip condition kept while the locator is fixed", PLAYWRIGHT_TS, Files.playwright(pwSkip + PW),
                        Files.playwright(pwSkip + PW.replace("name: 'Open only'", "name: 'Open orders only'"))),
                accept("a pytest skipif reason reworded", PYTEST_PLAYWRIGHT, Files.python(pySkipif, PY),
                        Files.python(pySkipif.replace("no print dialog", "the print dialog is Linux-only"), PY)),
                accept("a JUnit assumption narrowed to fewer skips", SELENIUM_JAVA,
                        Files.java(jvAssume.replace("!isMobile()", "!isMobile() && !isTablet()") + JV),
                        Files.java(jvAssume + JV)));
    }

    private static List<GuardCase> forced() {
        String cyClick = "cy.findByRole('button', { name: 'Open only' }).click();";
        String devToolbar = "await page.evaluate(() => document.querySelector('#dev-toolbar')?.remove());";
        return List.of(
                reject("dispatchEvent('click')", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(PW.replace(
                        ".click();", ".dispatchEvent('click');")), FORCE_ACTION),
                reject("Python dispatch_event", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(PY.replace(
                        ".click()", ".dispatch_event(\"click\")")), FORCE_ACTION),
                reject("a DOM click on the element Cypress yielded", CYPRESS, Files.cypress(CY), Files.cypress(CY.replace(
                        cyClick, "cy.findByRole('button', { name: 'Open only' }).then(($b) => $b[0].click());")),
                        FORCE_ACTION),
                reject("disabled removed before a normal click", CYPRESS, Files.cypress(CY), Files.cypress(CY.replace(
                        cyClick, "cy.findByRole('button', { name: 'Open only' }).invoke('removeAttr', 'disabled').click();")),
                        FORCE_ACTION),
                reject("disabled removed by script in Selenium", SELENIUM_JAVA, Files.java(JV), Files.java(
                        "((JavascriptExecutor) driver).executeScript(\"arguments[0].removeAttribute('disabled')\","
                                + " driver.findElement(By.cssSelector(\"[data-testid='open-only']\")));\n" + JV),
                        FORCE_ACTION),
                accept("a click inside within() is Cypress's own", CYPRESS, Files.cypress(CY), Files.cypress(CY.replace(
                        cyClick, "cy.findByRole('toolbar').within(() => {\n  " + cyClick + "\n});"))),
                reject("the covering sheet removed in evaluate", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await page.evaluate(() => document.querySelector('.cookie-sheet')?.remove());\n" + PW),
                        FORCE_ACTION),
                reject("the covering sheet hidden by a style tag", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await page.addStyleTag({ content: '.cookie-sheet { display: none !important; }' });\n" + PW),
                        FORCE_ACTION),
                reject("pointer events switched off on the overlay", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await page.locator('.cookie-sheet').evaluate((el) => (el.style.pointerEvents = 'none'));\n" + PW),
                        FORCE_ACTION),
                reject("Python locator evaluate removing the sheet", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(
                        "page.locator(\".cookie-sheet\").evaluate(\"el => el.remove()\")\n" + PY), FORCE_ACTION),
                reject("Cypress invoke('remove')", CYPRESS, Files.cypress(CY), Files.cypress(
                        "cy.get('.cookie-sheet').invoke('remove');\n" + CY), FORCE_ACTION),
                reject("Cypress then($el => $el.remove())", CYPRESS, Files.cypress(CY), Files.cypress(
                        "cy.get('.cookie-sheet').then(($el) => $el.remove());\n" + CY), FORCE_ACTION),
                reject("WebdriverIO execute removing the sheet", WEBDRIVERIO, Files.webdriverio(WD), Files.webdriverio(
                        "await browser.execute(() => document.querySelector('.cookie-sheet').remove());\n" + WD),
                        FORCE_ACTION),
                reject("Selenium removeChild by script", SELENIUM_JAVA, Files.java(JV), Files.java(
                        "((JavascriptExecutor) driver).executeScript(\"arguments[0].parentNode.removeChild(arguments[0])\","
                                + " driver.findElement(By.cssSelector(\".cookie-sheet\")));\n" + JV), FORCE_ACTION),
                accept("the sheet dismissed with its own button", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await page.getByRole('button', { name: 'Accept all' }).click();\n" + PW)),
                accept("Cypress dismissing the sheet like a user", CYPRESS, Files.cypress(CY), Files.cypress(
                        "cy.findByRole('button', { name: 'Reject non-essential' }).click();\n" + CY)),
                accept("Python pressing Escape to close the sheet", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(
                        "page.keyboard.press(\"Escape\")\n" + PY)),
                accept("a test-only toolbar the hook already removed", PLAYWRIGHT_TS,
                        Files.playwright("", "\n    " + devToolbar, PW),
                        Files.playwright("", "\n    " + devToolbar, devToolbar + "\n" + PW)),
                reject("the sheet hidden with el.hidden = true", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await page.locator('.cookie-sheet').evaluate((el) => { el.hidden = true; });\n" + PW),
                        FORCE_ACTION),
                reject("WebdriverIO hiding the sheet by a style attribute", WEBDRIVERIO, Files.webdriverio(WD),
                        Files.webdriverio("await browser.execute(\"document.querySelector('.cookie-sheet')"
                                + ".setAttribute('style', 'display: none')\");\n" + WD), FORCE_ACTION),
                accept("a Cypress check that the sheet is hidden", CYPRESS, Files.cypress(CY), Files.cypress(
                        "cy.findByRole('button', { name: 'Accept all' }).click();\n"
                                + "cy.get('.cookie-sheet').then(($el) => expect($el.attr('style')).to.contain('display: none'));\n"
                                + CY)));
    }

    private static List<GuardCase> swallowed() {
        return List.of(
                reject("Promise.allSettled around expects", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(PW.replace(
                        "await expect(page.getByRole('row')).toHaveCount(4);",
                        "await Promise.allSettled([expect(page.getByRole('row')).toHaveCount(4)]);")), ERROR_SWALLOWED),
                reject("then(ok, onRejected) that drops the failure", PLAYWRIGHT_TS, Files.playwright(PW),
                        Files.playwright(PW.replace("toHaveCount(4);", "toHaveCount(4).then(() => {}, () => {});")),
                        ERROR_SWALLOWED),
                reject("except AssertionError: pass", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(PY.replace(
                        "expect(page.get_by_role(\"row\")).to_have_count(4)",
                        "try:\n    expect(page.get_by_role(\"row\")).to_have_count(4)\nexcept AssertionError:\n    pass")),
                        ERROR_SWALLOWED),
                reject("catch (Throwable) that prints", SELENIUM_JAVA, Files.java(JV), Files.java(JV.replace(JV_COUNT,
                        "try {\n    " + JV_COUNT + "\n} catch (Throwable t) {\n    System.err.println(t);\n}")),
                        ERROR_SWALLOWED),
                accept("Promise.all with a response wait", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(PW.replace(
                        "await page.getByRole('button', { name: 'Open only' }).click();",
                        "await Promise.all([\n  page.waitForResponse('**/api/orders?state=open'),\n"
                                + "  page.getByRole('button', { name: 'Open only' }).click(),\n]);"))),
                accept("Cypress then with options", CYPRESS, Files.cypress(CY), Files.cypress(CY.replace(
                        "cy.get('[data-cy=order-row]').should('have.length', 4);",
                        "cy.get('[data-cy=order-row]').then({ timeout: 4000 }, ($rows) => {\n"
                                + "  expect($rows).to.have.length(4);\n});"))));
    }

    private static List<GuardCase> secrets() {
        return List.of(
                reject("a basic-auth header value set on intercepted requests", CYPRESS, Files.cypress(CY),
                        Files.cypress("cy.intercept('/api/*', (req) => {\n"
                                + "  req.headers['authorization'] = 'Basic YWRtaW46czNjcjN0UGFzcw==';\n});\n" + CY),
                        SECRET_ADDED),
                reject("a Stripe live key in a header", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await page.setExtraHTTPHeaders({ 'x-api-key': 'sk_live_51HqLyjWDarjtT1zdp7dcXYZabc123' });\n"
                                + PW), SECRET_ADDED),
                reject("credentials in a basic-auth URL", WEBDRIVERIO, Files.webdriverio(WD), Files.webdriverio(
                        "await browser.url('https://ops:Xy7pQ9zR2kw@admin.shop.example/orders');\n" + WD), SECRET_ADDED),
                reject("httpCredentials with a literal password", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "const ctx = await browser.newContext({ httpCredentials: { username: 'admin', password:"
                                + " 'Sup3rS3cret!' } });\n" + PW), SECRET_ADDED),
                reject("a GitLab token in Python headers", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(
                        "page.set_extra_http_headers({\"Authorization\": \"token glpat-xY3zA9bC1dE5fG7hJ2kL\"})\n" + PY),
                        SECRET_ADDED),
                reject("an Azure storage connection string", SELENIUM_JAVA, Files.java(JV), Files.java(
                        "String conn = \"DefaultEndpointsProtocol=https;AccountName=shopstore;AccountKey=Zm9vYmFyYmF6cXV4"
                                + "MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OQ==\";\n" + JV),
                        SECRET_ADDED),
                reject("a client secret in a config object", JEST_SUPERTEST, Files.jest(JS), Files.jest(
                        "const client = { clientId: 'orders-ci', clientSecret: 'f3a9c1e7b2d84e6fa0c5b9d1e3f7a2c4' };\n"
                                + JS), SECRET_ADDED),
                reject("a WebdriverIO session cookie marked FAKE", WEBDRIVERIO, Files.webdriverio(WD), Files.webdriverio(
                        "await browser.setCookies({ name: 'shop_sid', value: 'FAKE-9f3c1e7a-ops-sid', domain: 'shop.test' });\n"
                                + WD), SECRET_ADDED),
                reject("a Playwright session cookie added to the context", PLAYWRIGHT_TS, Files.playwright(PW),
                        Files.playwright("await page.context().addCookies([{ name: 'session', value: 'dummy7f3a9c1e',"
                                + " url: 'https://shop.test' }]);\n" + PW), SECRET_ADDED),
                reject("a Python session cookie added to the context", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(
                        "page.context.add_cookies([{\"name\": \"sessionid\", \"value\": \"q8Zk2mFAKE\", \"url\":"
                                + " \"https://shop.test\"}])\n" + PY), SECRET_ADDED),
                reject("cy.setCookie with a literal session", CYPRESS, Files.cypress(CY), Files.cypress(
                        "cy.setCookie('connect.sid', 's%3Aabc123.FAKEsig');\n" + CY), SECRET_ADDED),
                reject("a Selenium JSESSIONID cookie", SELENIUM_JAVA, Files.java(JV), Files.java(
                        "driver.manage().addCookie(new Cookie(\"JSESSIONID\", \"9F3C1E7A0B2D\"));\n" + JV), SECRET_ADDED),
                reject("a supertest Cookie header with a session id", JEST_SUPERTEST, Files.jest(JS), Files.jest(JS.replace(
                        ".set('Authorization', `Bearer ${token}`)", ".set('Cookie', 'sid=FAKE-7c1e9a2b')")), SECRET_ADDED),
                accept("a consent cookie is not a session", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await page.context().addCookies([{ name: 'cookie_consent', value: 'necessary',"
                                + " url: 'https://shop.test' }]);\n" + PW)),
                accept("a session cookie from the environment", CYPRESS, Files.cypress(CY), Files.cypress(
                        "cy.setCookie('connect.sid', Cypress.env('SESSION_COOKIE'));\n" + CY)),
                accept("a Python session cookie from the environment", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(
                        "page.context.add_cookies([{\"name\": \"sessionid\", \"value\": os.environ[\"SESSION_ID\"],"
                                + " \"url\": \"https://shop.test\"}])\n" + PY)),
                accept("a supertest cookie from the login response", JEST_SUPERTEST, Files.jest(JS), Files.jest(
                        "const login = await request(app).post('/login').send({ user: 'ops', password: process.env.OPS_PASSWORD });\n"
                                + JS.replace(".set('Authorization', `Bearer ${token}`)",
                                ".set('Cookie', login.headers['set-cookie'])"))),
                accept("a Selenium cookie that is meant to be refused", SELENIUM_JAVA, Files.java(JV), Files.java(
                        "driver.manage().addCookie(new Cookie(\"JSESSIONID\", \"expired-session-0001\"));\n" + JV)),
                reject("a literal key header marked FAKE", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await page.setExtraHTTPHeaders({ 'X-Maps-Key': 'mk_live_FAKEKEY0000000000000000000' });\n" + PW),
                        SECRET_ADDED),
                reject("a supertest x-api-key literal", JEST_SUPERTEST, Files.jest(JS), Files.jest(JS.replace(
                        ".set('Authorization', `Bearer ${token}`)", ".set('x-api-key', 'FAKE-portal-key-0001')")),
                        SECRET_ADDED),
                reject("a Python literal api key header", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(
                        "page.set_extra_http_headers({\"X-Api-Key\": \"dummy-9f3c1e7a2b\"})\n" + PY), SECRET_ADDED),
                accept("an idempotency key is not a credential", JEST_SUPERTEST, Files.jest(JS), Files.jest(JS.replace(
                        ".set('Authorization', `Bearer ${token}`)",
                        ".set('Authorization', `Bearer ${token}`).set('Idempotency-Key', 'hold-2024-0001')"))),
                accept("a key header from the environment", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await page.setExtraHTTPHeaders({ 'X-Maps-Key': process.env.MAPS_KEY ?? '' });\n" + PW)));
    }

    private static List<GuardCase> selectors() {
        String cySize = "cy.get('[data-cy=size-select]').select('3/4');";
        String pwShip = "await page.getByLabel('Shipping').selectOption('Express');";
        String pyShip = "page.get_by_label(\"Shipping\").select_option(label=\"Express\")";
        String wdShip = "await $('[data-test=\"shipping\"]').selectByVisibleText('Express');";
        String jvShip = "new Select(driver.findElement(By.cssSelector(\"[data-testid='shipping']\"))).selectByValue(\"express\");";
        String jvRow = "driver.findElement(By.cssSelector(\"tr[data-order='\" + id + \"'] [data-testid=approve]\")).click();";
        String pwRow = "await page.locator(`[data-testid=approve-${id}]`).click();";
        String pyRow = "page.locator(f\"[data-testid=approve-{order_id}]\").click()";
        String wdRow = "await $(`[data-test=\"approve-${id}\"]`).click();";
        return List.of(
                reject("an xpath= selector with position indexes", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        PW.replace("page.getByRole('button', { name: 'Open only' })",
                                "page.locator('xpath=//header/div[2]/button[3]')")), BRITTLE_SELECTOR),
                reject("Python xpath= selector", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(PY.replace(
                        "page.get_by_role(\"button\", name=\"Open only\")", "page.locator(\"xpath=//header/div[2]/button[3]\")")),
                        BRITTLE_SELECTOR),
                reject("a Testing Library role query replaced by eq() and :last-child", CYPRESS, Files.cypress(CY),
                        Files.cypress(CY.replace("cy.findByRole('button', { name: 'Open only' })",
                                "cy.get('header div').eq(2).find('button:last-child')")), BRITTLE_SELECTOR),
                reject("WebdriverIO aria/ replaced by $$()[n]", WEBDRIVERIO, Files.webdriverio(WD), Files.webdriverio(
                        WD.replace("$('aria/Open only')", "$$('button')[2]")), BRITTLE_SELECTOR),
                reject("Selenium absolute XPath", SELENIUM_JAVA, Files.java(JV), Files.java(JV.replace(
                        "By.cssSelector(\"[data-testid='open-only']\")", "By.xpath(\"/html/body/div[1]/header/button[3]\")")),
                        BRITTLE_SELECTOR),
                accept("a css= selector on a test attribute", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(PW.replace(
                        "page.getByTestId('order-total')", "page.locator('css=[data-testid=\"order-total\"]')"))),
                reject("Cypress select by text turned into select by index", CYPRESS,
                        Files.cypress(cySize + "\n" + CY), Files.cypress(cySize.replace("'3/4'", "2") + "\n" + CY),
                        BRITTLE_SELECTOR),
                reject("selectOption by text turned into { index }", PLAYWRIGHT_TS, Files.playwright(pwShip + "\n" + PW),
                        Files.playwright(pwShip.replace("'Express'", "{ index: 2 }") + "\n" + PW), BRITTLE_SELECTOR),
                reject("Python select_option by label turned into index=", PYTEST_PLAYWRIGHT, Files.python(pyShip + "\n" + PY),
                        Files.python(pyShip.replace("label=\"Express\"", "index=2") + "\n" + PY), BRITTLE_SELECTOR),
                reject("WebdriverIO selectByVisibleText turned into selectByIndex", WEBDRIVERIO,
                        Files.webdriverio(wdShip + "\n" + WD),
                        Files.webdriverio(wdShip.replace("selectByVisibleText('Express')", "selectByIndex(2)") + "\n" + WD),
                        BRITTLE_SELECTOR),
                reject("Selenium Select by value turned into selectByIndex", SELENIUM_JAVA, Files.java(jvShip + "\n" + JV),
                        Files.java(jvShip.replace("selectByValue(\"express\")", "selectByIndex(2)") + "\n" + JV),
                        BRITTLE_SELECTOR),
                accept("Cypress select by the option's new text", CYPRESS, Files.cypress(cySize + "\n" + CY),
                        Files.cypress(cySize.replace("'3/4'", "'3/4 size'") + "\n" + CY)),
                accept("selectOption by text turned into { label }", PLAYWRIGHT_TS, Files.playwright(pwShip + "\n" + PW),
                        Files.playwright(pwShip.replace("'Express'", "{ label: 'Express (next day)' }") + "\n" + PW)),
                accept("Selenium Select by value turned into by visible text", SELENIUM_JAVA, Files.java(jvShip + "\n" + JV),
                        Files.java(jvShip.replace("selectByValue(\"express\")", "selectByVisibleText(\"Express\")")
                                + "\n" + JV)),
                reject("Selenium positional XPath built by concatenation", SELENIUM_JAVA,
                        Files.java(jvRow + "\n" + JV), Files.java(jvRow.replace(
                                "By.cssSelector(\"tr[data-order='\" + id + \"'] [data-testid=approve]\")",
                                "By.xpath(\"//table/tbody/tr[\" + (Integer.parseInt(id) - 100) + \"]/td[3]/button\")")
                                + "\n" + JV), BRITTLE_SELECTOR),
                reject("Selenium positional XPath built by String.format", SELENIUM_JAVA,
                        Files.java(jvRow + "\n" + JV), Files.java(jvRow.replace(
                                "By.cssSelector(\"tr[data-order='\" + id + \"'] [data-testid=approve]\")",
                                "By.xpath(String.format(\"//tbody/tr[%d]//button\", row))") + "\n" + JV),
                        BRITTLE_SELECTOR),
                reject("Playwright positional XPath in a template literal", PLAYWRIGHT_TS, Files.playwright(pwRow + "\n" + PW),
                        Files.playwright(pwRow.replace("`[data-testid=approve-${id}]`", "`//tbody/tr[${row}]/td[3]/button`")
                                + "\n" + PW), BRITTLE_SELECTOR),
                reject("Python positional XPath in an f-string", PYTEST_PLAYWRIGHT, Files.python(pyRow + "\n" + PY),
                        Files.python(pyRow.replace("f\"[data-testid=approve-{order_id}]\"", "f\"xpath=//tbody/tr[{row}]//button\"")
                                + "\n" + PY), BRITTLE_SELECTOR),
                reject("WebdriverIO nth-child built by concatenation", WEBDRIVERIO, Files.webdriverio(wdRow + "\n" + WD),
                        Files.webdriverio(wdRow.replace("`[data-test=\"approve-${id}\"]`", "'tbody tr:nth-child(' + row + ') button'")
                                + "\n" + WD), BRITTLE_SELECTOR),
                accept("Selenium concatenated data attribute kept, the button named by its test id", SELENIUM_JAVA,
                        Files.java(jvRow + "\n" + JV), Files.java(jvRow.replace("[data-testid=approve]",
                                "[data-testid=approve-order]") + "\n" + JV)),
                accept("Playwright template test id turned into getByTestId", PLAYWRIGHT_TS, Files.playwright(pwRow + "\n" + PW),
                        Files.playwright(pwRow.replace("locator(`[data-testid=approve-${id}]`)", "getByTestId(`approve-${id}`)")
                                + "\n" + PW)),
                accept("WebdriverIO selector built from a page object's constant", WEBDRIVERIO,
                        Files.webdriverio(wdRow + "\n" + WD), Files.webdriverio(wdRow.replace(
                                "`[data-test=\"approve-${id}\"]`", "ROW + ' button'") + "\n" + WD)));
    }

    /**
     * The check that failed, given up: replaced by looser checks of other elements, or kept but run only when the
     * element it checks is already there.
     */
    private static List<GuardCase> givenUp() {
        String totalFailed = "Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)\n"
                + "Locator: getByTestId('order-total')\nExpected string: \"€120.00\"\nReceived string: \"€0.00\"";
        String cyTotal = "cy.get('[data-cy=order-total]').should('have.text', '€120.00');";
        return List.of(
                reject("the failing text check swapped for a heading being visible", PLAYWRIGHT_TS, Files.playwright(PW),
                        Files.playwright(PW.replace("await expect(page.getByTestId('order-total')).toHaveText('€120.00');",
                                "await expect(page.getByRole('heading', { name: 'Open orders' })).toBeVisible();")),
                        ASSERTION_REMOVED).failing(totalFailed),
                reject("the failing state check swapped for two named elements being visible", PLAYWRIGHT_TS,
                        Files.playwright("await page.getByRole('checkbox', { name: 'Gift wrap' }).check();\n"
                                + "await page.reload();\n"
                                + "const wrap = page.getByRole('checkbox', { name: 'Gift wrap' });\n"
                                + "await expect(wrap).toBeChecked();"),
                        Files.playwright("await page.getByRole('checkbox', { name: 'Gift wrap' }).check();\n"
                                + "await page.reload();\n"
                                + "await expect(page.getByRole('heading', { name: 'Your basket' })).toBeVisible();\n"
                                + "await expect(page.getByRole('row', { name: 'Gift wrap' })).toBeVisible();"),
                        ASSERTION_REMOVED)
                        .failing("Error: Timed out 5000ms waiting for expect(locator).toBeChecked()\n"
                                + "Locator: getByRole('checkbox', { name: 'Gift wrap' })\nExpected: checked\n"
                                + "Received: unchecked"),
                accept("the failing text check moved to the element that now shows the total", PLAYWRIGHT_TS,
                        Files.playwright(PW), Files.playwright(PW.replace("page.getByTestId('order-total')",
                                "page.getByTestId('basket-total')"))).failing(totalFailed),
                reject("Cypress checks run only when the element is already in the page", CYPRESS, Files.cypress(CY),
                        Files.cypress(CY.replace(cyTotal, "cy.get('body').then(($body) => {\n"
                                + "  if ($body.find('[data-cy=order-total]').length > 0) {\n"
                                + "    " + cyTotal + "\n  }\n});")), ASSERTION_WEAKENED),
                reject("Playwright check run only when the element is visible", PLAYWRIGHT_TS, Files.playwright(PW),
                        Files.playwright(PW.replace("await expect(page.getByTestId('order-total')).toHaveText('€120.00');",
                                "if (await page.getByTestId('order-total').isVisible()) {\n"
                                        + "  await expect(page.getByTestId('order-total')).toHaveText('€120.00');\n}")),
                        ASSERTION_WEAKENED));
    }

    /** The failing value copied over the expected one, a sleep stretched, and the genuine updates beside them. */
    private static List<GuardCase> adopted() {
        String zeroTotal = "Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)\n"
                + "Locator: getByTestId('order-total')\nExpected string: \"€120.00\"\nReceived string: \"€0.00\"";
        String wdioZero = "[chrome 124.0 linux #0-0] Expect $(`[data-test=\"order-total\"]`) to have text\n"
                + "[chrome 124.0 linux #0-0]\n[chrome 124.0 linux #0-0] - Expected  - 1\n"
                + "[chrome 124.0 linux #0-0] + Received  + 1\n[chrome 124.0 linux #0-0]\n"
                + "[chrome 124.0 linux #0-0] - €120.00\n[chrome 124.0 linux #0-0] + €0.00";
        String refused = "expect(received).toBe(expected) // Object.is equality\n\nExpected: 409\nReceived: 201";
        String apiOriginal = JS.replace("expect(res.status).toBe(200);", "expect(res.status).toBe(409);");
        return List.of(
                reject("the received zero copied over the expected total", PLAYWRIGHT_TS, Files.playwright(PW),
                        Files.playwright(PW.replace("toHaveText('€120.00')", "toHaveText('€0.00')")),
                        ASSERTION_WEAKENED).failing(zeroTotal),
                reject("the received zero copied over the expected total, WebdriverIO's diff", WEBDRIVERIO,
                        Files.webdriverio(WD), Files.webdriverio(WD.replace("toHaveText('€120.00')",
                                "toHaveText('€0.00')")), ASSERTION_WEAKENED).failing(wdioZero),
                accept("a total updated to the received non-zero amount stays the reviewer's call", PLAYWRIGHT_TS,
                        Files.playwright(PW), Files.playwright(PW.replace("toHaveText('€120.00')",
                                "toHaveText('€126.00')")))
                        .failing(zeroTotal.replace("€0.00", "€126.00")),
                reject("an expected refusal turned into a success", JEST_SUPERTEST, Files.jest(apiOriginal),
                        Files.jest(apiOriginal.replace("toBe(409)", "toBe(201)")), ASSERTION_WEAKENED)
                        .failing(refused),
                accept("a success code updated to another success", JEST_SUPERTEST, Files.jest(JS),
                        Files.jest(JS.replace("toBe(200)", "toBe(201)")))
                        .failing(refused.replace("409", "200")),
                accept("new fields of a response matched by type, every old value kept exact", JEST_SUPERTEST,
                        Files.jest(JS.replace("expect(res.body.total).toEqual(12000);",
                                "expect(res.body).toEqual({ total: 12000, open: 4 });")),
                        Files.jest(JS.replace("expect(res.body.total).toEqual(12000);",
                                "expect(res.body).toEqual({ total: 12000, open: 4, updatedAt: expect.any(String) });"))),
                reject("a Cypress fixed wait made longer", CYPRESS,
                        Files.cypress("cy.findByRole('button', { name: 'Open only' }).click();\ncy.wait(2000);\n"
                                + "cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("cy.findByRole('button', { name: 'Open only' }).click();\ncy.wait(5000);\n"
                                + "cy.get('[data-cy=order-row]').should('have.length', 4);"), FIXED_SLEEP),
                accept("a fixed wait made shorter", PLAYWRIGHT_TS,
                        Files.playwright("await page.waitForTimeout(3000);\n" + PW),
                        Files.playwright("await page.waitForTimeout(500);\n" + PW)));
    }

    private static List<GuardCase> scope() {
        String body = "await expect(page.getByRole('row')).toHaveCount(4);";
        String cyBody = "cy.get('[data-cy=order-row]').should('have.length', 4);";
        return List.of(
                reject("the shared login switched to another role", PLAYWRIGHT_TS,
                        Files.playwright("", "\n    await loginAs(page, 'clerk');", body),
                        Files.playwright("", "\n    await loginAs(page, 'admin');", body), SCOPE_ESCAPE)
                        .failing("Error: Timed out 5000ms waiting for expect(locator).toHaveCount(expected)\n"
                                + "Locator: getByRole('row')\nExpected: 4\nReceived: 2"),
                reject("the shared Cypress login switched to another user", CYPRESS,
                        Files.cypress("", "\n    cy.login('clerk@shop.example');", cyBody),
                        Files.cypress("", "\n    cy.login('manager@shop.example');", cyBody), SCOPE_ESCAPE)
                        .failing("AssertionError: Timed out retrying after 4000ms: Too many elements found."
                                + " Found '2', expected '4'."),
                accept("a shared step the failure names, reworked", PLAYWRIGHT_TS,
                        Files.playwright("", "\n    await page.getByRole('link', { name: 'Open orders' }).click();", body),
                        Files.playwright("", "\n    await page.getByRole('link', { name: 'Orders in progress' }).click();",
                                body))
                        .failing("Error: locator.click: Test timeout of 30000ms exceeded.\nCall log:\n"
                                + "  - waiting for getByRole('link', { name: 'Open orders' })"));
    }

    private static List<GuardCase> timing() {
        return List.of(
                reject("Python set_default_timeout raised", PYTEST_PLAYWRIGHT, Files.python(PY),
                        Files.python("page.set_default_timeout(60_000)\n" + PY), TIMEOUT_BUMP),
                accept("Python set_default_timeout lowered", PYTEST_PLAYWRIGHT, Files.python(PY),
                        Files.python("page.set_default_timeout(10_000)\n" + PY)),
                reject("a promise sleep", PLAYWRIGHT_TS, Files.playwright(PW), Files.playwright(
                        "await new Promise((resolve) => setTimeout(resolve, 3000));\n" + PW), FIXED_SLEEP),
                reject("networkidle on a Python goto", PYTEST_PLAYWRIGHT, Files.python(PY), Files.python(PY.replace(
                        "page.goto(\"/orders\")", "page.goto(\"/orders\", wait_until=\"networkidle\")")), NETWORKIDLE),
                reject("Jest's third argument", JEST_SUPERTEST, Files.jest(JS), Files.jest(JS).replace(
                        "expect(res.body.orders).toHaveLength(4);\n  });", "expect(res.body.orders).toHaveLength(4);\n  }, 60000);"),
                        TIMEOUT_BUMP));
    }
}
