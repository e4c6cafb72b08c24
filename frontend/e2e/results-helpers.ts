import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// Helpers shared by the results specs (ranking, portal, their screenshots).

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
