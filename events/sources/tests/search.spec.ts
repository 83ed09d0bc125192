import { test, expect } from '@playwright/test';

// Demo source for events/reports/run-2-ctrf.json.
test.describe('Search', () => {
  test('finds a product', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search' }).fill('kettle');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
    await expect(page.getByRole('link', { name: /kettle/i }).first()).toBeVisible();
  });
});
