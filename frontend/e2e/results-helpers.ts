import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// Helpers shared by the results specs (ranking, portal, their screenshots).

/** demoPassword is the demo users' password (scripts/test.sh may pass another). */
export const demoPassword = process.env.P4_E2E_PASSWORD ?? 'p4-demo-bengkulu';

/** signInAs uses the sign-in form, as a person would, and waits for /beranda. */
export async function signInAs(page: Page, email: string) {
  await page.goto('/masuk');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').first().fill(demoPassword);
  await page.getByRole('form', { name: 'Masuk' }).getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/beranda$/);
}

/** openFromMenu follows an entry of the main menu (opening the burger on a phone). */
export async function openFromMenu(page: Page, name: string) {
  const burger = page.getByRole('button', { name: 'Buka menu' });
  if (await burger.isVisible()) await burger.click();
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name, exact: true }).click();
}

/** settled waits until nothing on the page is loading any more. */
export async function settled(page: Page) {
  await expect(page.getByText(/^Memuat…$|^Loading…$|Mencari hasil/)).toHaveCount(0);
}
