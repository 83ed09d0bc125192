import { test, expect } from '@playwright/test';

// Demo source for events/reports/run-2-ctrf.json.
test.describe('Account', () => {
  test('lands on the dashboard after login', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('demo@shop.example.com');
    await page.getByLabel('Password').fill(process.env.DEMO_PASSWORD ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard/);
  });
});
