package dev.feedbackloop.guard;

import static dev.feedbackloop.guard.Framework.CYPRESS;
import static dev.feedbackloop.guard.Framework.PLAYWRIGHT_TS;
import static dev.feedbackloop.guard.Framework.PYTEST_PLAYWRIGHT;
import static dev.feedbackloop.guard.GuardCase.accept;
import static dev.feedbackloop.guard.GuardCase.reject;
import static dev.feedbackloop.guard.GuardRule.ASSERTION_WEAKENED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stub of the application's own endpoint that answers with the value the test checks, next to the stubs that are
 * genuine fixes: a third-party host, an endpoint the failure names, a stub whose answer the test does not assert.
 */
class StubbedAnswersTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheRewrite(GuardCase row) {
        row.assertJudged();
    }

    private static final String PW = """
            import { test, expect } from '@playwright/test';

            test.describe('Orders', () => {
              test('lists the open orders', async ({ page }) => {
                await page.goto('/orders');
                await page.getByRole('button', { name: 'Apply voucher' }).click();
                await expect(page.getByTestId('order-total')).toHaveText('€41.50');
              });
            });
            """;
    private static final String PW_FAILURE = """
            Error: Timed out 5000ms waiting for expect(locator).toHaveText(expected)
            Locator: getByTestId('order-total')
            Expected string: "€41.50"
            Received string: "€46.00"
            [browser] GET https://fx.rates-FAKE.example/latest 503 (Service Unavailable)
            """;
    private static final String OWN_STUB = """
                await page.route('**/api/orders/total', (route) =>
                  route.fulfill({ json: { total: '€41.50', voucher: 'SPRING10' } }));
                await page.goto('/orders');
            """;
    private static final String RATES_STUB = """
                await page.route('https://fx.rates-FAKE.example/latest', (route) =>
                  route.fulfill({ json: { base: 'EUR', rates: { GBP: 0.85 } } }));
                await page.goto('/orders');
            """;

    private static final String PY = """
            import re
            from playwright.sync_api import Page, expect


            def test_lists_the_open_orders(page: Page) -> None:
                page.goto("/orders")
                page.get_by_role("button", name="Count open orders").click()
                expect(page.get_by_test_id("open-count")).to_have_text("7 open orders")
            """;

    private static final String CY = """
            describe('Orders', () => {
              it('lists the open orders', () => {
                cy.visit('/orders');
                cy.get('[data-cy=refresh]').click();
                cy.get('[data-cy=status]').should('have.text', 'Shipped to Lisbon');
              });
            });
            """;

    static Stream<GuardCase> cases() {
        return Stream.of(
                reject("own total endpoint stubbed with the asserted total", PLAYWRIGHT_TS, PW,
                        PW.replace("    await page.goto('/orders');\n", OWN_STUB), ASSERTION_WEAKENED)
                        .failing(PW_FAILURE),
                accept("the failing third-party rates feed stubbed", PLAYWRIGHT_TS, PW,
                        PW.replace("    await page.goto('/orders');\n", RATES_STUB)).failing(PW_FAILURE),
                accept("own endpoint stubbed when the failure names it as moved", PLAYWRIGHT_TS, PW,
                        PW.replace("    await page.goto('/orders');\n", OWN_STUB)).failing(PW_FAILURE
                        + "Note: GET /api/orders/total now returns { total, voucher } (orders API v3)\n"),
                accept("own endpoint only watched, not answered", PLAYWRIGHT_TS, PW,
                        PW.replace("    await page.goto('/orders');\n", """
                                    const totals = page.waitForResponse('**/api/orders/total');
                                    await page.goto('/orders');
                                    await totals;
                                """)).failing(PW_FAILURE),
                accept("own endpoint stubbed with an answer the test does not assert", PLAYWRIGHT_TS, PW,
                        PW.replace("    await page.goto('/orders');\n", OWN_STUB.replace("'€41.50'", "'€0.00'")))
                        .failing(PW_FAILURE),
                reject("python: own count endpoint fulfilled with the asserted text", PYTEST_PLAYWRIGHT, PY,
                        PY.replace("    page.goto(\"/orders\")\n", """
                                    page.route("**/api/orders/count", lambda route: route.fulfill(
                                        json={"label": "7 open orders"}))
                                    page.goto("/orders")
                                """), ASSERTION_WEAKENED)
                        .failing("E   AssertionError: Locator expected to have text '7 open orders'\n"
                                + "E   Actual value: 6 open orders\n"),
                reject("cypress: own status endpoint answered with the asserted status", CYPRESS, CY,
                        CY.replace("    cy.visit('/orders');\n", """
                                    cy.intercept('GET', '/api/orders/*/status', { body: { label: 'Shipped to Lisbon' } });
                                    cy.visit('/orders');
                                """), ASSERTION_WEAKENED)
                        .failing("AssertionError: Timed out retrying after 4000ms: expected "
                                + "'<p>' to have text 'Shipped to Lisbon', but the text was 'Packed'\n"),
                reject("own endpoint stubbed with a success where the failure shows it refusing", PLAYWRIGHT_TS, PW,
                        PW.replace("    await page.goto('/orders');\n", """
                                    await page.route('**/api/vouchers/redeem', (route) =>
                                      route.fulfill({ status: 201, json: { ok: true } }));
                                    await page.goto('/orders');
                                """), ASSERTION_WEAKENED).failing(PW_FAILURE
                        + "Network: POST /api/vouchers/redeem -> 422 {\"error\":\"voucher_expired\"}\n"),
                accept("own endpoint stubbed where the failure shows it unavailable", PLAYWRIGHT_TS, PW,
                        PW.replace("    await page.goto('/orders');\n", """
                                    await page.route('**/api/vouchers/redeem', (route) =>
                                      route.fulfill({ status: 201, json: { ok: true } }));
                                    await page.goto('/orders');
                                """)).failing(PW_FAILURE
                        + "Network: POST /api/vouchers/redeem -> 503 Service Unavailable\n"),
                accept("cypress: a spy on the own endpoint, waited on", CYPRESS, CY,
                        CY.replace("    cy.visit('/orders');\n", """
                                    cy.intercept('GET', '/api/orders/*/status').as('status');
                                    cy.visit('/orders');
                                """).replace("    cy.get('[data-cy=status]')", "    cy.wait('@status');\n"
                                + "    cy.get('[data-cy=status]')"))
                        .failing("AssertionError: Timed out retrying after 4000ms: expected "
                                + "'<p>' to have text 'Shipped to Lisbon', but the text was ''\n"));
    }

    private static final String API = """
            const request = require('supertest');
            const { createApp } = require('../src/app');

            describe('Orders API', () => {
              it('GET /orders lists the open orders', async () => {
                const res = await request(await createApp()).post('/orders').send({ sku: 'A-1' });
                expect(res.status).toBe(201);
              });
            });
            """;

    static Stream<GuardCase> moduleMocks() {
        return Stream.of(
                reject("the application's own check mocked to do nothing", Framework.JEST_SUPERTEST, API,
                        API.replace("const { createApp } = require('../src/app');\n", """
                                const { createApp } = require('../src/app');

                                jest.mock('../src/services/stock', () => ({
                                  ...jest.requireActual('../src/services/stock'),
                                  assertInStock: jest.fn(),
                                }));
                                """), GuardRule.SCOPE_ESCAPE),
                accept("the application's cache replaced by one in memory", Framework.JEST_SUPERTEST, API,
                        API.replace("const { createApp } = require('../src/app');\n", """
                                const { createApp } = require('../src/app');

                                jest.mock('../src/stats/cache', () => ({ cache: new Map() }));
                                """)),
                accept("a vendor package's check mocked", Framework.JEST_SUPERTEST, API,
                        API.replace("const { createApp } = require('../src/app');\n", """
                                const { createApp } = require('../src/app');

                                jest.mock('stripe-verify', () => ({ verifySignature: jest.fn() }));
                                """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moduleMocks")
    void judgesModuleMocks(GuardCase row) {
        row.assertJudged();
    }

    @Test
    void endpointWordIsTheLastMeaningfulSegment() {
        assertThat(StubbedAnswerRule.endpointWord("**/api/surveys/*/tally")).contains("tally");
        assertThat(StubbedAnswerRule.endpointWord("**/api/v3/forecast?spot=north*")).contains("forecast");
        assertThat(StubbedAnswerRule.endpointWord("/api/v2/restaurants/*/menu*")).contains("menu");
        assertThat(StubbedAnswerRule.endpointWord("**/api/v2/*")).isEqualTo(Optional.empty());
        assertThat(List.of("**/graphql", "/api/")).allSatisfy(url ->
                assertThat(StubbedAnswerRule.endpointWord(url)).isEmpty());
    }
}
