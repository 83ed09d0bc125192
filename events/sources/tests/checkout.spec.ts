import { test, expect } from '@playwright/test';

// Demo source for events/reports/run-2-ctrf.json: the failing tests' file, so that
// `./feedback analyze --llm anthropic` can show a model's fix checked by the guard.
test.describe('Checkout', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/checkout');
  });

  test('pays with a saved card', async ({ page }) => {
    await page.getByLabel('Saved card ending 4242').check();
    await page.getByRole('button', { name: 'Pay now' }).click();
    await expect(page.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible();
  });

  test('pays with a new card', async ({ page }) => {
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry').fill('12/30');
    await page.getByRole('button', { name: 'Pay now' }).click();
    await expect(page.getByRole('heading', { name: 'Thank you for your order' })).toBeVisible();
  });
});
