package dev.feedbackloop.guard;

/**
 * Small test files for the guard's tests, one template per framework: a failing test whose body the case gives,
 * a sibling test, a shared setup hook and a file top the case may extend. Written for these tests; the apps are
 * invented.
 */
final class Files {

    /** The failing test's title in every template, as a report would give it. */
    static final String PW_TITLE = "Orders › lists the open orders";
    static final String CY_TITLE = "Orders lists the open orders";
    static final String PY_TITLE = "test_lists_the_open_orders[chromium]";
    static final String JAVA_TITLE = "OrdersTest.listsTheOpenOrders";
    static final String JEST_TITLE = "Orders API › GET /orders lists the open orders";

    private Files() {
    }

    static String playwright(String body) {
        return playwright("", "", body);
    }

    static String playwright(String top, String hook, String body) {
        return """
                import { test, expect } from '@playwright/test';
                %s
                test.describe('Orders', () => {
                  test.beforeEach(async ({ page }) => {
                    await page.goto('/orders');%s
                  });

                  test('lists the open orders', async ({ page }) => {
                %s
                  });

                  test('shows an empty archive', async ({ page }) => {
                    await page.getByRole('tab', { name: 'Archived' }).click();
                    await expect(page.getByText('No archived orders')).toBeVisible();
                  });
                });
                """.formatted(top, hook, indent(body, 4));
    }

    static String cypress(String body) {
        return cypress("", "", body);
    }

    static String cypress(String top, String hook, String body) {
        return """
                %s
                describe('Orders', () => {
                  beforeEach(() => {
                    cy.visit('/orders');%s
                  });

                  it('lists the open orders', () => {
                %s
                  });

                  it('shows an empty archive', () => {
                    cy.contains('button', 'Archived').click();
                    cy.get('[data-cy=empty-state]').should('have.text', 'No archived orders');
                  });
                });
                """.formatted(top, hook, indent(body, 4));
    }

    static String webdriverio(String body) {
        return """
                import { browser, $, $$, expect } from '@wdio/globals';

                describe('Orders', () => {
                  beforeEach(async () => {
                    await browser.url('/orders');
                  });

                  it('lists the open orders', async () => {
                %s
                  });

                  it('shows an empty archive', async () => {
                    await $('button=Archived').click();
                    await expect($('[data-test="empty-state"]')).toHaveText('No archived orders');
                  });
                });
                """.formatted(indent(body, 4));
    }

    static String python(String body) {
        return python("", body);
    }

    static String python(String decorators, String body) {
        return """
                import re

                from playwright.sync_api import Page, expect


                def test_shows_an_empty_archive(page: Page):
                    page.goto("/orders")
                    page.get_by_role("tab", name="Archived").click()
                    expect(page.get_by_text("No archived orders")).to_be_visible()


                %sdef test_lists_the_open_orders(page: Page):
                %s
                """.formatted(decorators.isEmpty() ? "" : decorators + "\n", indent(body, 4));
    }

    static String java(String body) {
        return java("", "", body);
    }

    static String java(String annotations, String setup, String body) {
        return """
                package com.example.orders;

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.assertTrue;

                import java.time.Duration;
                import org.junit.jupiter.api.BeforeEach;
                import org.junit.jupiter.api.Test;
                import org.openqa.selenium.By;
                import org.openqa.selenium.WebDriver;
                import org.openqa.selenium.chrome.ChromeDriver;
                import org.openqa.selenium.support.ui.ExpectedConditions;
                import org.openqa.selenium.support.ui.WebDriverWait;

                class OrdersTest {
                    private WebDriver driver;
                    private WebDriverWait wait;

                    @BeforeEach
                    void open() {
                        driver = new ChromeDriver();
                        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                        driver.get(System.getenv("SHOP_URL") + "/orders");%s
                    }

                    @Test
                    void showsAnEmptyArchive() {
                        driver.findElement(By.linkText("Archived")).click();
                        assertEquals("No archived orders", driver.findElement(By.id("empty-state")).getText());
                    }

                    @Test%s
                    void listsTheOpenOrders() {
                %s
                    }
                }
                """.formatted(setup, annotations.isEmpty() ? "" : "\n    " + annotations, indent(body, 8));
    }

    static String jest(String body) {
        return """
                const request = require('supertest');
                const { createApp } = require('../src/app');
                const { issueToken } = require('./helpers');

                describe('Orders API', () => {
                  let app;
                  let token;

                  beforeAll(async () => {
                    app = await createApp();
                    token = await issueToken({ role: 'clerk' });
                  });

                  it('GET /orders lists the open orders', async () => {
                %s
                  });

                  it('GET /orders/archived is empty', async () => {
                    const res = await request(app).get('/orders/archived').set('Authorization', `Bearer ${token}`);
                    expect(res.body).toEqual([]);
                  });
                });
                """.formatted(indent(body, 4));
    }

    private static String indent(String body, int spaces) {
        String pad = " ".repeat(spaces);
        return body.strip().lines().map(l -> l.isBlank() ? "" : pad + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
