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
import static dev.feedbackloop.guard.GuardRule.ERROR_SWALLOWED;
import static dev.feedbackloop.guard.GuardRule.SCOPE_ESCAPE;
import static dev.feedbackloop.guard.GuardRule.SECRET_ADDED;
import static dev.feedbackloop.guard.GuardRule.TIMEOUT_BUMP;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Genuine fixes that must touch code outside the failing test's body (test data only it reads, the shared login
 * when every test lost it, a clean-up request before the setup), next to the bad rewrites that look like them.
 */
class SharedCodeFixesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase row) {
        row.assertJudged();
    }

    static Stream<GuardCase> cases() {
        return Stream.of(ownTestData(), signedOut(), secrets(), cleanup(), inTheWay(), namedField(), namedCapability(),
                failingTogether(), pastedSessionDropped(), sharedTimeouts()).flatMap(List::stream);
    }

    private static final String DATED = """
            import { test, expect } from '@playwright/test';

            const DEPARTURE = '2026-03-14';
            const TIMEOUT = 5_000;

            test.describe('Orders', () => {
              test('lists the open orders', async ({ page }) => {
                await page.getByLabel('Departure date').fill(DEPARTURE);
                await expect(page.getByRole('heading', { name: 'Choose a sailing' })).toBeVisible();
              });

              test('shows an empty archive', async ({ page }) => {
                await expect(page.getByText('No archived orders')).toBeVisible({ timeout: TIMEOUT });
              });
            });
            """;
    private static final String FUTURE = "const DEPARTURE = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);";

    /** A constant of test data at file level that only the failing test reads is that test's own. */
    private static List<GuardCase> ownTestData() {
        return List.of(
                accept("a stale date only the failing test types, computed", PLAYWRIGHT_TS, DATED,
                        DATED.replace("const DEPARTURE = '2026-03-14';", FUTURE)),
                reject("a constant another test reads, changed", PLAYWRIGHT_TS, DATED,
                        DATED.replace("const TIMEOUT = 5_000;", "const TIMEOUT = 20_000;"), SCOPE_ESCAPE),
                reject("a date another test types too, changed", PLAYWRIGHT_TS, DATED.replace(
                        "await expect(page.getByText('No archived orders')).toBeVisible({ timeout: TIMEOUT });",
                        "await page.getByLabel('Return date').fill(DEPARTURE);"), DATED.replace(
                        "await expect(page.getByText('No archived orders')).toBeVisible({ timeout: TIMEOUT });",
                        "await page.getByLabel('Return date').fill(DEPARTURE);").replace(
                        "const DEPARTURE = '2026-03-14';", FUTURE), SCOPE_ESCAPE));
    }

    private static final String STORED_LOGIN = """
            import { test, expect } from '@playwright/test';

            test.use({ storageState: '.auth/donor.json' });
            """;
    private static final String FORM_LOGIN = """

                await page.goto('/login?next=/orders');
                await page.getByLabel('Email').fill(process.env.E2E_EMAIL!);
                await page.getByLabel('Password').fill(process.env.E2E_PASSWORD!);
                await page.getByRole('button', { name: 'Sign in' }).click();""";
    private static final String BODY = "await expect(page.getByRole('heading', { name: 'Open orders' })).toBeVisible();";
    private static final String EXPIRED = """
            Error: Timed out 5000ms waiting for expect(locator).toBeVisible()
            Locator: getByRole('heading', { name: 'Open orders' })
            [server] 401 GET /api/orders: session expired
            """;
    private static final String MISSING = """
            Error: Timed out 5000ms waiting for expect(locator).toBeVisible()
            Locator: getByRole('heading', { name: 'Open orders' })
            Received: <element(s) not found>
            """;

    /** Every test lost its login: the shared login is what the fix must change, and only then. */
    private static List<GuardCase> signedOut() {
        String original = Files.playwright(STORED_LOGIN, "", BODY).replace("\nimport { test, expect } from '@playwright/test';\n", "");
        String proposed = Files.playwright("", FORM_LOGIN, BODY);
        return List.of(
                accept("a stored login replaced by the login form, the session expired", PLAYWRIGHT_TS, original,
                        proposed).failing(EXPIRED),
                reject("a stored login replaced where nothing says it expired", PLAYWRIGHT_TS, original, proposed,
                        SCOPE_ESCAPE).failing(MISSING),
                reject("the shared login's stored state swapped for another user's", PLAYWRIGHT_TS, original,
                        original.replace(".auth/donor.json", ".auth/admin.json"), SCOPE_ESCAPE).failing(MISSING));
    }

    private static final String COOKIE_HOOK = """
            import { browser, $, expect } from '@wdio/globals';

            describe('Orders', () => {
              beforeEach(async () => {
                await browser.url('/');
                await browser.setCookies({ name: 'shop_session', value: process.env.SHOP_SESSION!, domain: 'shop.test' });
              });

              it('lists the open orders', async () => {
                await expect($('aria/Open orders')).toBeDisplayed();
              });

              it('shows an empty archive', async () => {
                await expect($('aria/Archive')).toBeDisplayed();
              });
            });
            """;
    private static final String API_FIXTURE = """
            import os

            import pytest
            from playwright.sync_api import APIRequestContext, Playwright

            BASE = "https://api.example.test"


            @pytest.fixture(scope="session")
            def api(playwright: Playwright) -> APIRequestContext:
                ctx = playwright.request.new_context(base_url=BASE, extra_http_headers={"Authorization": f"Bearer {os.environ['API_TOKEN']}"})
                yield ctx
                ctx.dispose()


            def test_lists_the_open_orders(api: APIRequestContext) -> None:
                resp = api.get("/v1/orders", params={"state": "open"})
                assert resp.status == 200, resp.text()
            """;
    private static final String CLIENT_CREDENTIALS = """
                auth = playwright.request.new_context(base_url=BASE)
                token = auth.post("/oauth/token", form={
                    "grant_type": "client_credentials",
                    "client_id": os.environ["API_CLIENT_ID"],
                    "client_secret": os.environ["API_CLIENT_SECRET"],
                }).json()["access_token"]
                ctx = playwright.request.new_context(base_url=BASE, extra_http_headers={"Authorization": f"Bearer {token}"})""";

    /** Credentials read from the environment stay there; a literal in their place is a secret. */
    private static List<GuardCase> secrets() {
        String cookieExpired = "Error: Expect window to have url\nReceived: \"https://shop.test/login?next=%2Forders\"";
        String formLogin = """
                    await browser.url('/login');
                    await $('aria/Email').setValue(process.env.E2E_EMAIL!);
                    await $('aria/Password').setValue(process.env.E2E_PASSWORD!);
                    await $('button=Sign in').click();""";
        String tokenExpired = "E       AssertionError: {\"error\":\"token_expired\",\"detail\":\"access token expired\"}";
        String header = "    ctx = playwright.request.new_context(base_url=BASE, extra_http_headers={\"Authorization\":"
                + " f\"Bearer {os.environ['API_TOKEN']}\"})";
        return List.of(
                accept("a copied session cookie replaced by the login form with the CI's credentials", WEBDRIVERIO,
                        COOKIE_HOOK, COOKIE_HOOK.replace("""
                                    await browser.url('/');
                                    await browser.setCookies({ name: 'shop_session', value: process.env.SHOP_SESSION!, domain: 'shop.test' });""",
                                formLogin)).failing(cookieExpired),
                reject("the session cookie's value pasted in", WEBDRIVERIO, COOKIE_HOOK,
                        COOKIE_HOOK.replace("process.env.SHOP_SESSION!", "'FAKE-sess-7f3a9c21e4b84d0f'"), SECRET_ADDED)
                        .failing(cookieExpired),
                reject("a stored state written inline with its session cookie", PLAYWRIGHT_TS,
                        Files.playwright(STORED_LOGIN, "", BODY).replace("\nimport { test, expect } from '@playwright/test';\n", ""),
                        Files.playwright("""
                                test.use({ storageState: { cookies: [{ name: 'shop_session', value: 'FAKE-7f3a9c21e4b84d0f9a6e', domain: 'shop.test', path: '/' }], origins: [] } });
                                """, "", BODY), SECRET_ADDED).failing(EXPIRED),
                accept("an expired token replaced by a client-credentials grant read from the environment",
                        PYTEST_PLAYWRIGHT, API_FIXTURE, API_FIXTURE.replace(header, CLIENT_CREDENTIALS))
                        .titled("test_lists_the_open_orders").failing(tokenExpired),
                reject("the environment's token given a literal fallback", PYTEST_PLAYWRIGHT, API_FIXTURE,
                        API_FIXTURE.replace("os.environ['API_TOKEN']", "os.environ.get('API_TOKEN', 'FAKE-tok-9f8e7d6c5b4a')"),
                        SECRET_ADDED).titled("test_lists_the_open_orders").failing(tokenExpired));
    }

    private static final String SEEDED = """
            describe('Orders', () => {
              const slug = 'spring-cup';

              beforeEach(() => {
                cy.request('POST', '/api/tournaments', { slug, teams: 8 });
                cy.visit(`/tournaments/${slug}`);
              });

              it('lists the open orders', () => {
                cy.get('[data-cy=seed-1]').should('have.text', 'Falcons');
              });

              it('shows an empty archive', () => {
                cy.get('[data-cy=archive]').should('have.text', 'No archived orders');
              });
            });
            """;

    /** A clean-up DELETE may ignore its 404; the setup request it precedes may not ignore its error. */
    private static List<GuardCase> cleanup() {
        String conflict = "CypressError: `cy.request()` failed on:\n\nhttps://app.test/api/tournaments\n\n > 409: Conflict\n"
                + "\"before each\" hook for \"lists the open orders\"";
        String post = "    cy.request('POST', '/api/tournaments', { slug, teams: 8 });";
        return List.of(
                accept("a leftover deleted first, its 404 ignored", CYPRESS, SEEDED, SEEDED.replace(post,
                        "    cy.request({ method: 'DELETE', url: `/api/tournaments/${slug}`, failOnStatusCode: false });\n"
                                + post)).failing(conflict),
                reject("the failing setup request told to ignore its status", CYPRESS, SEEDED, SEEDED.replace(post,
                        "    cy.request({ method: 'POST', url: '/api/tournaments', body: { slug, teams: 8 }, failOnStatusCode: false });"),
                        ERROR_SWALLOWED).failing(conflict),
                reject("a lookup whose answer the test reads, its status ignored", CYPRESS, SEEDED, SEEDED.replace(post,
                        "    cy.request({ url: `/api/tournaments/${slug}`, failOnStatusCode: false }).its('body.teams').should('have.length', 8);"),
                        ERROR_SWALLOWED).failing(conflict),
                accept("the session fixture's token read from the variable the note names, both tests at 401",
                        PYTEST_PLAYWRIGHT, API_SESSION, API_SESSION.replace("REGATTA_API_TOKEN", "REGATTA_RO_TOKEN"))
                        .failing("tests/api/test_orders.py:12: in test_lists_the_open_orders\n"
                                + "E   assert 401 == 200\ntests/api/test_orders.py:17: in test_shows_an_empty_archive\n"
                                + "E   assert 401 == 200"),
                accept("a Cypress env name corrected to the one exported", CYPRESS, SEEDED_KEY,
                        SEEDED_KEY.replace("Cypress.env('apiKey')", "Cypress.env('SHOP_API_KEY')"))
                        .failing("CypressError: `cy.request()` failed\n > 401: Unauthorized\n{\"error\":\"missing_api_key\"}\n"
                                + "\"before each\" hook for \"lists the open orders\""),
                accept("a teardown's DELETE that also accepts 404", JEST_SUPERTEST, TORN_DOWN,
                        TORN_DOWN.replace(TEARDOWN_DELETE, GONE_TOO.formatted("404"))).failing(TEARDOWN_FAILURE),
                reject("a teardown's DELETE that also accepts a server error", JEST_SUPERTEST, TORN_DOWN,
                        TORN_DOWN.replace(TEARDOWN_DELETE, GONE_TOO.formatted("500")), ASSERTION_WEAKENED)
                        .failing(TEARDOWN_FAILURE));
    }

    private static final String API_SESSION = """
            import os

            import pytest
            import requests


            @pytest.fixture(scope="module")
            def api():
                s = requests.Session()
                s.headers["Authorization"] = f"Bearer {os.environ['REGATTA_API_TOKEN']}"
                yield s


            def test_lists_the_open_orders(api):
                resp = api.get("https://shop.example.test/api/orders")
                assert resp.status_code == 200


            def test_shows_an_empty_archive(api):
                resp = api.get("https://shop.example.test/api/orders/archived")
                assert resp.status_code == 200
                assert resp.json() == []
            """;
    private static final String SEEDED_KEY = """
            describe('Orders', () => {
              beforeEach(() => {
                cy.request({ method: 'POST', url: '/api/test/session', headers: { 'x-api-key': Cypress.env('apiKey') } });
              });

              it('lists the open orders', () => {
                cy.visit('/orders');
                cy.get('[data-cy=order]').should('have.length', 3);
              });
            });
            """;
    private static final String TEARDOWN_DELETE = "    await request(app).delete(`/orders/${id}`).expect(204);";
    private static final String GONE_TOO = "    const res = await request(app).delete(`/orders/${id}`);\n"
            + "    expect([204, %s]).toContain(res.status);";
    private static final String TORN_DOWN = """
            const request = require('supertest');
            const { createApp } = require('../src/app');

            describe('Orders API', () => {
              let app;
              let id;

              beforeEach(async () => {
                app = await createApp();
                id = (await request(app).post('/orders').send({ sku: 'A-1' }).expect(201)).body.id;
              });

              afterEach(async () => {
                await request(app).delete(`/orders/${id}`).expect(204);
              });

              it('GET /orders lists the open orders', async () => {
                const res = await request(app).get('/orders').expect(200);
                expect(res.body.map((o) => o.id)).toContain(id);
              });

              it('DELETE /orders/:id removes the order', async () => {
                const gone = await request(app).delete(`/orders/${id}`);
                expect(gone.status).toBe(204);
              });
            });
            """;
    private static final String TEARDOWN_FAILURE = "expected 204 \"No Content\", got 404 \"Not Found\"\n"
            + "(the error is thrown in the afterEach hook; the test body passed)";

    /** What the runner says covered the click, or waited out: the shared setup dismisses or awaits it for all. */
    private static List<GuardCase> inTheWay() {
        String covered = "CypressError: Timed out retrying after 4050ms: `cy.click()` failed because this element:\n"
                + "`<button data-cy=\"open-only\">Open only</button>`\nis being covered by another element:\n"
                + "`<div id=\"consent-root\" class=\"consent-banner\" role=\"dialog\" aria-label=\"Privacy choices\">...</div>`";
        String textMismatch = "AssertionError: expected '<td>' to have text 'A-2', but the text was 'A-3'";
        String consent = "cy.visit('/orders', {\n      onBeforeLoad(win) {\n        win.localStorage.setItem('consent.v1',"
                + " JSON.stringify({ analytics: false }));\n      },\n    });";
        String body = "cy.contains('button', 'Open only').click();\ncy.get('[data-cy=order-row]').should('have.length', 2);";
        String loading = "org.openqa.selenium.ElementClickInterceptedException: element click intercepted: Element"
                + " <button class=\"open-only\">...</button> is not clickable at point (640, 512). Other element would"
                + " receive the click: <div class=\"map-loading-overlay\" aria-busy=\"true\">";
        String setup = """
                @BeforeEach
                    void open() {
                        driver = new ChromeDriver();
                        wait = new WebDriverWait(driver, Duration.ofSeconds(5));
                        driver.get("https://shop.test/orders");%s
                    }
                """;
        String javaBody = "driver.findElement(By.cssSelector(\"button.open-only\")).click();\n"
                + "assertEquals(2, driver.findElements(By.cssSelector(\"[data-testid='order-row']\")).size());";
        String overlayWait = "\n            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(\".map-loading-overlay\")));";
        String otherWait = "\n            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(\".footer\")));";
        return List.of(
                accept("a consent choice stored before the page loads, the banner covered the click", CYPRESS,
                        Files.cypress(body), Files.cypress(body).replace("cy.visit('/orders');", consent)).failing(covered),
                reject("the shared visit reworked where nothing was in the way", CYPRESS, Files.cypress(body),
                        Files.cypress(body).replace("cy.visit('/orders');", consent), SCOPE_ESCAPE).failing(textMismatch),
                accept("the loading overlay that took the click waited out in the shared setup", SELENIUM_JAVA,
                        Files.java("", setup.formatted(""), javaBody), Files.java("", setup.formatted(overlayWait), javaBody))
                        .failing(loading),
                reject("a wait for something else added to the shared setup", SELENIUM_JAVA,
                        Files.java("", setup.formatted(""), javaBody), Files.java("", setup.formatted(otherWait), javaBody),
                        SCOPE_ESCAPE).failing(loading));
    }

    private static final String BUILDER = """
            const request = require('supertest');
            const app = require('../src/app');

            function deliveryOrder(overrides = {}) {
              return {
                outletId: 'OUT-WHITBY',
                lines: [{ sku: 'HW-PALE-30L', qty: 2 }],
                deliveryWindow: { start: '2026-11-20T08:00:00Z', end: '2026-11-20T12:00:00Z' },
                ...overrides,
              };
            }

            describe('Orders API', () => {
              it('GET /orders lists the open orders', async () => {
                const res = await request(app).post('/v1/deliveries').send(deliveryOrder());
                expect(res.status).toBe(201);
              });

              it('rejects an unknown outlet', async () => {
                const res = await request(app).post('/v1/deliveries').send(deliveryOrder({ outletId: 'NOPE' }));
                expect(res.status).toBe(422);
              });
            });
            """;

    /** A field of shared test data the failure names, given a value that holds again; others are not the fix. */
    private static List<GuardCase> namedField() {
        String past = "Expected: 201\nReceived: 400\n res.body: {\"error\":\"invalid_delivery_window\",\"message\":"
                + "\"deliveryWindow.start must be in the future\"}";
        String window = "deliveryWindow: { start: '2026-11-20T08:00:00Z', end: '2026-11-20T12:00:00Z' },";
        String contract = "Expected: 201\nReceived: 400\nAPI contract (orders v2): {\"outletId\": string, \"units\": number}";
        return List.of(
                accept("a field the quoted contract names added to the shared builder", JEST_SUPERTEST, BUILDER,
                        BUILDER.replace("qty: 2 }],", "qty: 2 }],\n    units: 2,")).failing(contract),
                accept("the stale window the API names computed in the shared builder", JEST_SUPERTEST, BUILDER,
                        BUILDER.replace(window, "deliveryWindow: windowDaysAhead(3),")).failing(past),
                reject("another field of the shared builder changed", JEST_SUPERTEST, BUILDER,
                        BUILDER.replace("qty: 2", "qty: 1"), SCOPE_ESCAPE).failing(past));
    }

    private static final String ZONED = """
            import { test, expect } from '@playwright/test';

            test.describe('Orders', () => {
              test('lists the open orders', async ({ page }) => {
                await expect(page.getByRole('listitem')).toHaveCount(3);
              });

              test('shows an empty archive', async ({ page }) => {
                await expect(page.getByText('No archived orders')).toBeVisible();
              });
            });
            """;

    /** A capability set for the whole block where the failure names it; one it does not name stays an error. */
    private static List<GuardCase> namedCapability() {
        String zone = "Expected: 3\nReceived: 4\nCI runners use TZ=UTC; the app renders in the browser's time zone and"
                + " playwright.config.js sets no timezoneId.";
        String block = "test.describe('Orders', () => {\n";
        return List.of(
                accept("the time zone the failure names pinned for the block", PLAYWRIGHT_TS, ZONED, ZONED.replace(block,
                        block + "  test.use({ timezoneId: 'Europe/London' });\n")).failing(zone),
                reject("a locale nothing names set for the block", PLAYWRIGHT_TS, ZONED, ZONED.replace(block,
                        block + "  test.use({ locale: 'en-GB' });\n"), SCOPE_ESCAPE).failing(zone));
    }

    private static final String ROUNDS = """
            const request = require('supertest');
            const app = require('../src/app');

            const PAIRINGS_URL = (id) => `/api/v1/tournaments/${id}/pairings`;

            describe('Swiss pairings', () => {
              it('pairs round 1 by seed', async () => {
                const res = await request(app).post(PAIRINGS_URL('t1')).send({ round: 1 });
                expect(res.status).toBe(201);
              });

              it('refuses to pair round 2 before round 1 is complete', async () => {
                const res = await request(app).post(PAIRINGS_URL('t1')).send({ round: 2 });
                expect(res.status).toBe(409);
              });
            });
            """;

    /** Another test changed with the failing one: fine when the report shows it failing too, else an escape. */
    private static List<GuardCase> failingTogether() {
        String both = " FAIL  test/pairings.test.js\n  Swiss pairings\n    ✕ pairs round 1 by seed (38 ms)\n"
                + "    ✕ refuses to pair round 2 before round 1 is complete (29 ms)\n\n  ● Swiss pairings › pairs round 1 by"
                + " seed\n\n    Expected: 201\n    Received: 404\n";
        String one = both.replace("✕ refuses", "✓ refuses");
        String moved = ROUNDS.replace("const PAIRINGS_URL = (id) => `/api/v1/tournaments/${id}/pairings`;",
                        "const PAIRINGS_URL = (id, round) => `/api/v2/tournaments/${id}/rounds/${round}/pairings`;")
                .replace("PAIRINGS_URL('t1')).send({ round: 1 })", "PAIRINGS_URL('t1', 1))")
                .replace("PAIRINGS_URL('t1')).send({ round: 2 })", "PAIRINGS_URL('t1', 2))");
        return List.of(
                accept("the moved route followed in both tests the report shows failing", JEST_SUPERTEST, ROUNDS, moved)
                        .titled("Swiss pairings › pairs round 1 by seed").failing(both),
                reject("the other test changed though the report shows it passing", JEST_SUPERTEST, ROUNDS, moved,
                        SCOPE_ESCAPE).titled("Swiss pairings › pairs round 1 by seed").failing(one));
    }

    private static final String PASTED_SESSION = """
            import { browser, $, expect } from '@wdio/globals';

            const SHOP_SESSION = 'shop_sess_FAKE_2025_11_ab91';

            describe('Orders', () => {
              beforeEach(async () => {
                await browser.url('/');
                await browser.setCookies({ name: 'shop_session', value: SHOP_SESSION, path: '/' });
                await browser.url('/orders');
              });

              it('lists the open orders', async () => {
                await expect($('h1')).toHaveText('Open orders');
              });

              it('shows an empty archive', async () => {
                await expect($('aria/Archive')).toBeDisplayed();
              });
            });
            """;

    /** A pasted session constant dropped for the project's login helper: nothing reads the constant any more. */
    private static List<GuardCase> pastedSessionDropped() {
        String proposed = PASTED_SESSION.replace("const SHOP_SESSION = 'shop_sess_FAKE_2025_11_ab91';\n\n", "")
                .replace("import { browser, $, expect } from '@wdio/globals';",
                        "import { browser, $, expect } from '@wdio/globals';\nimport { loginByApi } from '../support/auth.js';")
                .replace("await browser.setCookies({ name: 'shop_session', value: SHOP_SESSION, path: '/' });",
                        "await loginByApi('front-desk');");
        String loginPage = "Expect $(`h1`) to have text\n\nExpected: \"Open orders\"\nReceived: \"Shop login\"";
        String wrongText = "Expect $(`h1`) to have text\n\nExpected: \"Open orders\"\nReceived: \"Open orders (3)\"";
        return List.of(
                accept("a pasted session replaced by the login helper, the page showed the login", WEBDRIVERIO,
                        PASTED_SESSION, proposed).failing(loginPage),
                reject("the shared login replaced where the failure is about the heading's text", WEBDRIVERIO,
                        PASTED_SESSION, proposed, SCOPE_ESCAPE).failing(wrongText));
    }

    /** A timeout set in shared setup: lowering it is fine (a warning), raising it is not. */
    private static List<GuardCase> sharedTimeouts() {
        String setup = """
                @BeforeEach
                    void open() {
                        driver = new ChromeDriver();
                        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                    }
                """;
        String body = "driver.findElement(By.id(\"book\")).click();\nassertEquals(\"LB-1\", driver.findElement(By.id(\"ref\")).getText());";
        return List.of(
                accept("the shared explicit wait lowered", SELENIUM_JAVA, Files.java("", setup, body),
                        Files.java("", setup.replace("ofSeconds(30)", "ofSeconds(10)"), body)),
                reject("the shared explicit wait raised", SELENIUM_JAVA, Files.java("", setup, body),
                        Files.java("", setup.replace("ofSeconds(30)", "ofSeconds(60)"), body), TIMEOUT_BUMP));
    }
}
