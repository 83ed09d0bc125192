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
 * The guard on rewrites of small test files, one kind of rewrite per row: a bad fix must be rejected by the rules
 * named, a genuine fix must be kept. The rows are this project's own; the labelled sets are scored elsewhere.
 */
class FixGuardTest {

    private static final String PW_LIST = """
            await page.getByRole('button', { name: 'Open only' }).click();
            await expect(page.getByRole('row')).toHaveCount(4);
            await expect(page.getByTestId('order-total')).toHaveText('€120.00');
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase c) {
        c.assertJudged();
    }

    static Stream<GuardCase> cases() {
        return Stream.of(timeouts(), sleeps(), assertions(), moreAssertions(), skips(), forcesAndSwallows(), secrets(),
                selectors(), scope(), genuineFixes()).flatMap(List::stream);
    }

    private static List<GuardCase> timeouts() {
        return List.of(
                reject("expect timeout raised above Playwright's 5 s", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("toHaveCount(4)", "toHaveCount(4, { timeout: 20_000 })")),
                        TIMEOUT_BUMP),
                reject("test timeout raised", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("test.setTimeout(120_000);\n" + PW_LIST), TIMEOUT_BUMP),
                reject("test.slow() triples the test timeout", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("test.slow();\n" + PW_LIST), TIMEOUT_BUMP),
                reject("zero means no limit", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("toHaveText('€120.00')", "toHaveText('€120.00', { timeout: 0 })")),
                        TIMEOUT_BUMP),
                reject("a timeout read from a new constant", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("const SLOW_TABLE = 45_000;", "",
                                PW_LIST.replace("toHaveCount(4)", "toHaveCount(4, { timeout: SLOW_TABLE })")),
                        TIMEOUT_BUMP),
                reject("navigation timeout for the whole file", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("test.use({ navigationTimeout: 60_000 });", "", PW_LIST),
                        TIMEOUT_BUMP, SCOPE_ESCAPE),
                reject("Python keyword timeout", PYTEST_PLAYWRIGHT,
                        Files.python("page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        Files.python("page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4, timeout=25000)"),
                        TIMEOUT_BUMP),
                reject("Cypress command timeout on one get", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("cy.get('[data-cy=order-row]', { timeout: 30000 }).should('have.length', 4);"),
                        TIMEOUT_BUMP),
                reject("Cypress test options", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);")
                                .replace("it('lists the open orders', () => {",
                                        "it('lists the open orders', { defaultCommandTimeout: 20000 }, () => {"),
                        TIMEOUT_BUMP),
                reject("WebdriverIO waitFor timeout", WEBDRIVERIO,
                        Files.webdriverio("await $('[data-test=\"orders\"]').waitForDisplayed();"),
                        Files.webdriverio("await $('[data-test=\"orders\"]').waitForDisplayed({ timeout: 30000 });"),
                        TIMEOUT_BUMP),
                reject("a longer WebDriverWait than the class uses", SELENIUM_JAVA,
                        Files.java("driver.findElement(By.id(\"open-only\")).click();\n"
                                + "wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(\"tr.order\"), 4));"),
                        Files.java("driver.findElement(By.id(\"open-only\")).click();\n"
                                + "new WebDriverWait(driver, Duration.ofSeconds(60))\n"
                                + "        .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(\"tr.order\"), 4));"),
                        TIMEOUT_BUMP),
                reject("a multiple of the current test timeout", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("test.setTimeout(test.info().timeout * 3);\n" + PW_LIST), TIMEOUT_BUMP),
                accept("a pytest time limit is a limit, not a raise", PYTEST_PLAYWRIGHT,
                        Files.python("page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        Files.python("@pytest.mark.timeout(60)",
                                "page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)")),
                accept("an alias wait within Cypress's response timeout", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("cy.intercept('GET', '/api/orders*').as('orders');\ncy.wait('@orders', { timeout: 15000 });\n"
                                + "cy.get('[data-cy=order-row]').should('have.length', 4);")),
                reject("Jest test timeout argument", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).get('/orders').expect(200);\nexpect(res.body).toHaveLength(4);"),
                        Files.jest("const res = await request(app).get('/orders').expect(200);\nexpect(res.body).toHaveLength(4);")
                                .replace("expect(res.body).toHaveLength(4);\n  });",
                                        "expect(res.body).toHaveLength(4);\n  }, 60000);"),
                        TIMEOUT_BUMP),
                accept("a timeout lowered", PLAYWRIGHT_TS,
                        Files.playwright("test.setTimeout(90_000);\n" + PW_LIST),
                        Files.playwright("test.setTimeout(40_000);\n" + PW_LIST)),
                accept("an explicit timeout deleted", PLAYWRIGHT_TS,
                        Files.playwright(PW_LIST.replace("toHaveCount(4)", "toHaveCount(4, { timeout: 15000 })")),
                        Files.playwright(PW_LIST)));
    }

    private static List<GuardCase> sleeps() {
        return List.of(
                reject("waitForTimeout", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("await page.waitForTimeout(3000);\n" + PW_LIST), FIXED_SLEEP),
                reject("a promise around setTimeout", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("await new Promise((resolve) => setTimeout(resolve, 1500));\n" + PW_LIST),
                        FIXED_SLEEP),
                reject("cy.wait with milliseconds", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("cy.wait(2500);\ncy.get('[data-cy=order-row]').should('have.length', 4);"),
                        FIXED_SLEEP),
                reject("browser.pause", WEBDRIVERIO,
                        Files.webdriverio("await expect($$('[data-test=\"order\"]')).toBeElementsArrayOfSize(4);"),
                        Files.webdriverio("await browser.pause(2000);\n"
                                + "await expect($$('[data-test=\"order\"]')).toBeElementsArrayOfSize(4);"),
                        FIXED_SLEEP),
                reject("time.sleep", PYTEST_PLAYWRIGHT,
                        Files.python("page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        Files.python("page.goto(\"/orders\")\ntime.sleep(3)\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        FIXED_SLEEP),
                reject("Thread.sleep", SELENIUM_JAVA,
                        Files.java("driver.findElement(By.id(\"open-only\")).click();\n"
                                + "assertEquals(4, driver.findElements(By.cssSelector(\"tr.order\")).size());"),
                        Files.java("driver.findElement(By.id(\"open-only\")).click();\nThread.sleep(2000);\n"
                                + "assertEquals(4, driver.findElements(By.cssSelector(\"tr.order\")).size());"),
                        FIXED_SLEEP),
                reject("networkidle on navigation", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("await page.waitForLoadState('networkidle');\n" + PW_LIST), NETWORKIDLE),
                reject("networkidle in Python", PYTEST_PLAYWRIGHT,
                        Files.python("page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        Files.python("page.goto(\"/orders\", wait_until=\"networkidle\")\n"
                                + "expect(page.get_by_role(\"row\")).to_have_count(4)"),
                        NETWORKIDLE),
                accept("an alias wait is not a sleep", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("cy.intercept('GET', '/api/orders*').as('orders');\ncy.wait('@orders');\n"
                                + "cy.get('[data-cy=order-row]').should('have.length', 4);")),
                accept("a sleep replaced by waiting for the response", PLAYWRIGHT_TS,
                        Files.playwright("await page.waitForTimeout(2000);\n" + PW_LIST),
                        Files.playwright("await page.waitForResponse((r) => r.url().includes('/api/orders'));\n"
                                + PW_LIST)),
                accept("networkidle removed", PLAYWRIGHT_TS,
                        Files.playwright("await page.waitForLoadState('networkidle');\n" + PW_LIST),
                        Files.playwright(PW_LIST)));
    }

    private static List<GuardCase> assertions() {
        return List.of(
                reject("an assertion deleted", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("await expect(page.getByTestId('order-total')).toHaveText('€120.00');\n", "")),
                        ASSERTION_REMOVED),
                reject("an assertion replaced by a screenshot", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("await expect(page.getByTestId('order-total')).toHaveText('€120.00');",
                                "await page.screenshot({ path: 'orders.png' });")),
                        ASSERTION_REMOVED),
                reject("exact text to contains a fragment", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("toHaveText('€120.00')", "toContainText('€')")),
                        ASSERTION_WEAKENED),
                reject("exact text to a catch-all pattern", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("toHaveText('€120.00')", "toHaveText(/.+/)")),
                        ASSERTION_WEAKENED),
                reject("count to a lower bound", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("await expect(page.getByRole('row')).toHaveCount(4);",
                                "expect(await page.getByRole('row').count()).toBeGreaterThan(0);")),
                        ASSERTION_WEAKENED),
                reject("hard to soft", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("await expect(page.getByTestId", "await expect.soft(page.getByTestId")),
                        ASSERTION_WEAKENED),
                reject("an expect moved under an if", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("await expect(page.getByTestId('order-total')).toHaveText('€120.00');",
                                "if (await page.getByTestId('order-total').isVisible()) {\n"
                                        + "  await expect(page.getByTestId('order-total')).toHaveText('€120.00');\n}")),
                        ASSERTION_WEAKENED),
                reject("status to a set that admits a server error", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).get('/orders');\nexpect(res.status).toBe(200);"),
                        Files.jest("const res = await request(app).get('/orders');\nexpect([200, 204, 500]).toContain(res.status);"),
                        ASSERTION_WEAKENED),
                reject("status to a bound", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).post('/orders').send({ sku: 'A1' });\nexpect(res.status).toBe(201);"),
                        Files.jest("const res = await request(app).post('/orders').send({ sku: 'A1' });\nexpect(res.status).toBeLessThan(500);"),
                        ASSERTION_WEAKENED),
                reject("a supertest status expectation dropped", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).get('/orders').expect(200);\nexpect(res.body).toHaveLength(4);"),
                        Files.jest("const res = await request(app).get('/orders');\nexpect(res.body).toHaveLength(4);"),
                        ASSERTION_REMOVED),
                reject("deep equality to defined", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).get('/orders/7');\nexpect(res.body).toEqual({ id: 7, state: 'open' });"),
                        Files.jest("const res = await request(app).get('/orders/7');\nexpect(res.body).toBeDefined();"),
                        ASSERTION_WEAKENED),
                reject("Cypress should dropped from the chain", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("cy.get('[data-cy=order-row]');"),
                        ASSERTION_REMOVED),
                reject("Cypress exact text to an empty contains", CYPRESS,
                        Files.cypress("cy.get('[data-cy=total]').should('have.text', '€120.00');"),
                        Files.cypress("cy.get('[data-cy=total]').should('contain', '');"),
                        ASSERTION_WEAKENED),
                reject("Python equality to membership of several values", PYTEST_PLAYWRIGHT,
                        Files.python("response = page.request.get(\"/api/orders\")\nassert response.status == 200"),
                        Files.python("response = page.request.get(\"/api/orders\")\nassert response.status in (200, 404, 500)"),
                        ASSERTION_WEAKENED),
                reject("Java equality to an or of statuses", SELENIUM_JAVA,
                        Files.java("int rows = driver.findElements(By.cssSelector(\"tr.order\")).size();\nassertEquals(4, rows);"),
                        Files.java("int rows = driver.findElements(By.cssSelector(\"tr.order\")).size();\nassertTrue(rows == 4 || rows == 0);"),
                        ASSERTION_WEAKENED),
                reject("Java per-row check deleted", SELENIUM_JAVA,
                        Files.java("for (var state : driver.findElements(By.cssSelector(\"tr.order .state\"))) {\n"
                                + "    assertEquals(\"Open\", state.getText());\n}"),
                        Files.java("assertTrue(driver.findElements(By.cssSelector(\"tr.order .state\")).size() > 0);"),
                        ASSERTION_REMOVED),
                reject("a case-blind pattern accepts the wrong case", PLAYWRIGHT_TS,
                        Files.playwright("await expect(page.getByTestId('state')).toHaveText('OPEN');"),
                        Files.playwright("await expect(page.getByTestId('state')).toHaveText(/open/i);"),
                        ASSERTION_WEAKENED).failing("Expected string: \"OPEN\"\nReceived string: \"open\""),
                accept("a generated number matched by its format", PLAYWRIGHT_TS,
                        Files.playwright("await expect(page.getByTestId('order-ref')).toHaveText('Order ORD-48213');"),
                        Files.playwright("await expect(page.getByTestId('order-ref')).toHaveText(/^Order ORD-\\d{5}$/);")),
                accept("an assertion made stricter", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).get('/orders/7');\nexpect(res.body.state).toBeTruthy();"),
                        Files.jest("const res = await request(app).get('/orders/7');\nexpect(res.body.state).toBe('open');")));
    }

    private static List<GuardCase> moreAssertions() {
        String order = "const res = await request(app).get('/orders/7');\n";
        return List.of(
                reject("an object match on fewer fields", JEST_SUPERTEST,
                        Files.jest(order + "expect(res.body).toMatchObject({ id: 7, state: 'open', total: 120 });"),
                        Files.jest(order + "expect(res.body).toMatchObject({ id: 7 });"),
                        ASSERTION_WEAKENED),
                reject("an object match on nothing", JEST_SUPERTEST,
                        Files.jest(order + "expect(res.body).toMatchObject({ id: 7, state: 'open' });"),
                        Files.jest(order + "expect(res.body).toMatchObject({});"),
                        ASSERTION_WEAKENED),
                reject("an exact count to at least one", WEBDRIVERIO,
                        Files.webdriverio("await expect($$('[data-test=\"order\"]')).toBeElementsArrayOfSize(4);"),
                        Files.webdriverio("await expect($$('[data-test=\"order\"]')).toBeElementsArrayOfSize({ gte: 1 });"),
                        ASSERTION_WEAKENED),
                reject("a cy.contains check deleted", CYPRESS,
                        Files.cypress("cy.get('[data-cy=save]').click();\ncy.contains('Order saved');\n"
                                + "cy.get('[data-cy=order-row]').should('have.length', 5);"),
                        Files.cypress("cy.get('[data-cy=save]').click();\ncy.get('[data-cy=order-row]').should('have.length', 5);"),
                        ASSERTION_REMOVED),
                reject("a Python value check to a truthiness check", PYTEST_PLAYWRIGHT,
                        Files.python("total = page.get_by_test_id(\"total\").inner_text()\nassert total == \"€120.00\""),
                        Files.python("total = page.get_by_test_id(\"total\").inner_text()\nassert total"),
                        ASSERTION_WEAKENED),
                accept("an exact text to a prefix check that keeps all of it", SELENIUM_JAVA,
                        Files.java("assertEquals(\"Open\", driver.findElement(By.cssSelector(\"tr.order .state\")).getText());"),
                        Files.java("assertTrue(driver.findElement(By.cssSelector(\"tr.order .state\")).getText()"
                                + ".startsWith(\"Open\"));")),
                accept("two duplicate checks folded into one stricter check", PLAYWRIGHT_TS,
                        Files.playwright("await page.getByRole('button', { name: 'Save' }).click();\n"
                                + "await expect(page.getByText('Saved')).toBeVisible();\n"
                                + "await expect(page.getByText('Saved')).toHaveCount(1);"),
                        Files.playwright("await page.getByRole('button', { name: 'Save' }).click();\n"
                                + "await expect(page.getByRole('status')).toHaveText('Order saved');"))
                        .failing("Error: strict mode violation: getByText('Saved') resolved to 2 elements"));
    }

    private static List<GuardCase> skips() {
        return List.of(
                reject("test.skip on the failing test", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST).replace("test('lists the open orders'", "test.skip('lists the open orders'"),
                        TEST_SKIPPED),
                reject("a conditional skip inside the body", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("test.skip(process.env.CI === 'true', 'flaky on CI');\n" + PW_LIST), TEST_SKIPPED),
                reject("test.fail marks it expected to fail", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("test.fail();\n" + PW_LIST), TEST_SKIPPED),
                reject("only on a sibling", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST).replace("test('shows an empty archive'", "test.only('shows an empty archive'"),
                        TEST_SKIPPED, SCOPE_ESCAPE),
                reject("an early return", WEBDRIVERIO,
                        Files.webdriverio("await expect($$('[data-test=\"order\"]')).toBeElementsArrayOfSize(4);"),
                        Files.webdriverio("if (!process.env.ORDERS_READY) return;\n"
                                + "await expect($$('[data-test=\"order\"]')).toBeElementsArrayOfSize(4);"),
                        TEST_SKIPPED),
                reject("xit", CYPRESS, Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);")
                                .replace("it('lists the open orders'", "xit('lists the open orders'"),
                        TEST_SKIPPED),
                reject("retries raised in a test's options", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);")
                                .replace("it('lists the open orders', () => {",
                                        "it('lists the open orders', { retries: 3 }, () => {"),
                        TEST_SKIPPED),
                reject("pytest skipif", PYTEST_PLAYWRIGHT,
                        Files.python("page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        Files.python("@pytest.mark.skipif(True, reason=\"orders table is being redesigned\")",
                                "page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        TEST_SKIPPED),
                reject("pytest reruns", PYTEST_PLAYWRIGHT,
                        Files.python("page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        Files.python("@pytest.mark.flaky(reruns=4)",
                                "page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        TEST_SKIPPED),
                reject("JUnit Disabled", SELENIUM_JAVA,
                        Files.java("assertEquals(4, driver.findElements(By.cssSelector(\"tr.order\")).size());"),
                        Files.java("@Disabled(\"flaky\")", "", "assertEquals(4, driver.findElements(By.cssSelector(\"tr.order\")).size());"),
                        TEST_SKIPPED),
                reject("an assumption that aborts the test", SELENIUM_JAVA,
                        Files.java("assertEquals(4, driver.findElements(By.cssSelector(\"tr.order\")).size());"),
                        Files.java("Assumptions.assumeTrue(System.getenv(\"CI\") == null);\n"
                                + "assertEquals(4, driver.findElements(By.cssSelector(\"tr.order\")).size());"),
                        TEST_SKIPPED),
                reject("the failing test deleted", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST).replaceAll("(?s)  test\\('lists the open orders'.*?\\n  }\\);\\n\\n", ""),
                        TEST_SKIPPED));
    }

    private static List<GuardCase> forcesAndSwallows() {
        String click = "await page.getByRole('button', { name: 'Open only' }).click();";
        return List.of(
                reject("force: true", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace(click, click.replace("click()", "click({ force: true })"))),
                        FORCE_ACTION),
                reject("a click dispatched as an event", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace(click, click.replace("click()", "dispatchEvent('click')"))),
                        FORCE_ACTION),
                reject("Cypress type with force", CYPRESS,
                        Files.cypress("cy.get('[data-cy=search]').type('A-1');\ncy.get('[data-cy=order-row]').should('have.length', 1);"),
                        Files.cypress("cy.get('[data-cy=search]').type('A-1', { force: true });\n"
                                + "cy.get('[data-cy=order-row]').should('have.length', 1);"),
                        FORCE_ACTION),
                reject("Selenium click by script", SELENIUM_JAVA,
                        Files.java("driver.findElement(By.id(\"open-only\")).click();"),
                        Files.java("((JavascriptExecutor) driver).executeScript(\"arguments[0].click();\", "
                                + "driver.findElement(By.id(\"open-only\")));"),
                        FORCE_ACTION),
                reject("try/catch that logs", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("try {\n" + PW_LIST + "} catch (e) {\n  console.warn('orders not ready', e);\n}"),
                        ERROR_SWALLOWED, ASSERTION_WEAKENED),
                reject("catch callback on a step", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace(click, click.replace("click();", "click().catch(() => {});"))),
                        ERROR_SWALLOWED),
                reject("Python except pass", PYTEST_PLAYWRIGHT,
                        Files.python("page.goto(\"/orders\")\nexpect(page.get_by_role(\"row\")).to_have_count(4)"),
                        Files.python("page.goto(\"/orders\")\ntry:\n    expect(page.get_by_role(\"row\")).to_have_count(4)\n"
                                + "except AssertionError:\n    pass"),
                        ERROR_SWALLOWED),
                reject("Java catch of a timeout", SELENIUM_JAVA,
                        Files.java("wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(\"tr.order\"), 4));"),
                        Files.java("try {\n    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(\"tr.order\"), 4));\n"
                                + "} catch (TimeoutException e) {\n    System.out.println(\"slow orders\");\n}"),
                        ERROR_SWALLOWED),
                reject("failOnStatusCode off without a status check", CYPRESS,
                        Files.cypress("cy.request('POST', '/api/orders/7/cancel').its('status').should('eq', 200);"),
                        Files.cypress("cy.request({ method: 'POST', url: '/api/orders/7/cancel', failOnStatusCode: false });"),
                        ERROR_SWALLOWED),
                accept("failOnStatusCode off to assert an error status", CYPRESS,
                        Files.cypress("cy.request('POST', '/api/orders/7/cancel').its('status').should('eq', 200);"),
                        Files.cypress("cy.request({ method: 'POST', url: '/api/orders/7/cancel', failOnStatusCode: false })\n"
                                + "  .its('status').should('eq', 409);")));
    }

    private static List<GuardCase> secrets() {
        return List.of(
                reject("a password typed as a literal", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("await page.getByLabel('Password').fill('Tr0ub4dor&3');\n" + PW_LIST),
                        SECRET_ADDED),
                reject("a bearer token in a header", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).get('/orders').set('Authorization', `Bearer ${token}`);\n"
                                + "expect(res.body).toHaveLength(4);"),
                        Files.jest("const res = await request(app).get('/orders')\n"
                                + "  .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbGVyayJ9.c2lnbmF0dXJlLXZhbHVl');\n"
                                + "expect(res.body).toHaveLength(4);"),
                        SECRET_ADDED),
                reject("an environment credential replaced by a literal", SELENIUM_JAVA,
                        Files.java("driver.findElement(By.id(\"pin\")).sendKeys(System.getenv(\"E2E_CLERK_PIN\"));"),
                        Files.java("driver.findElement(By.id(\"pin\")).sendKeys(\"482913\");"),
                        SECRET_ADDED),
                reject("a literal fallback for an API key", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).get('/orders').set('x-api-key', process.env.ORDERS_API_KEY);\n"
                                + "expect(res.body).toHaveLength(4);"),
                        Files.jest("const res = await request(app).get('/orders')\n"
                                + "  .set('x-api-key', process.env.ORDERS_API_KEY || 'ok_live_8f2b61d0c94e4a7f');\n"
                                + "expect(res.body).toHaveLength(4);"),
                        SECRET_ADDED),
                accept("a token inside a stubbed response", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("await page.route('**/api/session', (route) => route.fulfill({ json: "
                                + "{ token: 'stub-5f2a9c81', user: 'clerk' } }));\n" + PW_LIST)),
                accept("public test card data already in the file", PLAYWRIGHT_TS,
                        Files.playwright("await page.getByLabel('Card number').fill('4242 4242 4242 4242');\n" + PW_LIST),
                        Files.playwright("await page.frameLocator('iframe[title=\"Card\"]').getByLabel('Card number')"
                                + ".fill('4242 4242 4242 4242');\n" + PW_LIST)));
    }

    private static List<GuardCase> selectors() {
        return List.of(
                reject("a role locator to an nth-child chain", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("page.getByRole('button', { name: 'Open only' })",
                                "page.locator('main > div:nth-child(2) > div > button')")),
                        BRITTLE_SELECTOR),
                reject("a test id to a positional XPath", SELENIUM_JAVA,
                        Files.java("driver.findElement(By.cssSelector(\"[data-testid='open-only']\")).click();"),
                        Files.java("driver.findElement(By.xpath(\"/html/body/div[2]/main/div[1]/button[3]\")).click();"),
                        BRITTLE_SELECTOR),
                reject("a data-cy hook to a class and a position", CYPRESS,
                        Files.cypress("cy.get('[data-cy=open-only]').click();"),
                        Files.cypress("cy.get('.btn').eq(2).click();"),
                        BRITTLE_SELECTOR),
                reject("first() to get past a strict-mode violation", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("page.getByRole('button', { name: 'Open only' }).click()",
                                "page.getByRole('button', { name: 'Open only' }).first().click()")),
                        BRITTLE_SELECTOR).failing("Error: strict mode violation: getByRole('button', { name: 'Open only' })"
                        + " resolved to 2 elements"),
                reject("a named button to the third button", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("page.getByRole('button', { name: 'Open only' })",
                                "page.getByRole('button').nth(2)")),
                        BRITTLE_SELECTOR),
                reject("an accessible name to an index into all buttons", WEBDRIVERIO,
                        Files.webdriverio("await $('aria/Open only').click();"),
                        Files.webdriverio("await $$('button')[2].click();"),
                        BRITTLE_SELECTOR),
                accept("a renamed id followed by its accessible name", WEBDRIVERIO,
                        Files.webdriverio("await $('#open-only').click();"),
                        Files.webdriverio("await $('aria/Show open orders only').click();")));
    }

    private static List<GuardCase> scope() {
        String sibling = "await expect(page.getByText('No archived orders')).toBeVisible();";
        return List.of(
                reject("a sibling test's assertion loosened", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST).replace(sibling, "await expect(page.getByText(/archived/)).toBeVisible();"),
                        SCOPE_ESCAPE),
                reject("a sibling test deleted", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST).replaceAll("(?s)\\n  test\\('shows an empty archive'.*?\\n  }\\);\\n", "\n"),
                        SCOPE_ESCAPE),
                reject("describe-level configuration", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST).replace("test.describe('Orders', () => {",
                                "test.describe('Orders', () => {\n  test.describe.configure({ mode: 'serial' });"),
                        SCOPE_ESCAPE),
                reject("a wait in the shared hook", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright("", "\n    await page.waitForLoadState('networkidle');", PW_LIST),
                        SCOPE_ESCAPE, NETWORKIDLE),
                reject("Cypress.config for the spec", CYPRESS,
                        Files.cypress("cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        Files.cypress("Cypress.config('defaultCommandTimeout', 15000);", "",
                                "cy.get('[data-cy=order-row]').should('have.length', 4);"),
                        SCOPE_ESCAPE, TIMEOUT_BUMP),
                reject("an implicit wait in the shared setup", SELENIUM_JAVA,
                        Files.java("assertEquals(4, driver.findElements(By.cssSelector(\"tr.order\")).size());"),
                        Files.java("", "\n        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));",
                                "assertEquals(4, driver.findElements(By.cssSelector(\"tr.order\")).size());"),
                        SCOPE_ESCAPE, TIMEOUT_BUMP));
    }

    private static List<GuardCase> genuineFixes() {
        return List.of(
                accept("a role locator for a renamed button", PLAYWRIGHT_TS, Files.playwright(PW_LIST),
                        Files.playwright(PW_LIST.replace("name: 'Open only'", "name: 'Show open orders'"))),
                accept("a frame scoped", PYTEST_PLAYWRIGHT,
                        Files.python("page.get_by_label(\"Card number\").fill(\"4242424242424242\")\n"
                                + "expect(page.get_by_text(\"Card saved\")).to_be_visible()"),
                        Files.python("frame = page.frame_locator(\"iframe[title='Secure card']\")\n"
                                + "frame.get_by_label(\"Card number\").fill(\"4242424242424242\")\n"
                                + "expect(page.get_by_text(\"Card saved\")).to_be_visible()")),
                accept("a URL check replaced by content checks", PLAYWRIGHT_TS,
                        Files.playwright("await page.getByRole('link', { name: 'Order 7' }).click();\n"
                                + "await expect(page).toHaveURL('/orders/7');"),
                        Files.playwright("await page.getByRole('link', { name: 'Order 7' }).click();\n"
                                + "await expect(page.getByRole('heading', { level: 1 })).toHaveText('Order 7');\n"
                                + "await expect(page.getByText('Open since 3 March')).toBeVisible();")),
                accept("an explicit wait instead of an immediate lookup", SELENIUM_JAVA,
                        Files.java("assertEquals(\"Open\", driver.findElement(By.cssSelector(\"tr.order .state\")).getText());"),
                        Files.java("assertEquals(\"Open\", wait.until(ExpectedConditions.visibilityOfElementLocated(\n"
                                + "        By.cssSelector(\"tr.order .state\"))).getText());")),
                accept("a mock following the new API shape", CYPRESS,
                        Files.cypress("cy.intercept('GET', '/api/orders', { body: [{ id: 7 }] });\n"
                                + "cy.get('[data-cy=order-row]').should('have.length', 1);"),
                        Files.cypress("cy.intercept('GET', '/api/orders', { body: { data: [{ id: 7 }], total: 1 } });\n"
                                + "cy.get('[data-cy=order-row]').should('have.length', 1);")),
                accept("a status updated to the contract's", JEST_SUPERTEST,
                        Files.jest("const res = await request(app).put('/orders/7').send({ note: 'x' });\nexpect(res.status).toBe(201);"),
                        Files.jest("const res = await request(app).put('/orders/7').send({ note: 'x' });\n"
                                + "// an update of an existing order answers 200 by contract\nexpect(res.status).toBe(200);")));
    }
}
