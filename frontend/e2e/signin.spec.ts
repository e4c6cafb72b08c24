import { expect, mainHeading, test } from './fixtures';

test.describe('sign-in page', () => {
  test('shows field errors beside the fields on an empty submit', async ({ page }) => {
    await page.goto('/masuk');
    await expect(mainHeading(page)).toHaveText('Masuk');
    await page.getByRole('form', { name: 'Masuk' }).getByRole('button', { name: 'Masuk' }).click();
    const email = page.getByLabel('Email');
    const password = page.getByLabel('Kata sandi', { exact: false }).first();
    await expect(page.getByText('Email wajib diisi')).toBeVisible();
    await expect(page.getByText('Kata sandi wajib diisi')).toBeVisible();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(/Email wajib diisi/);
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    // The first field in error gets the focus, so a keyboard user is taken there.
    await expect(email).toBeFocused();
  });

  test('rejects a malformed email without asking the server', async ({ page }) => {
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/session')) posted = true;
    });
    await page.goto('/masuk');
    await page.getByLabel('Email').fill('bukan-email');
    await page.getByLabel('Kata sandi').first().fill('rahasia');
    await page.getByRole('form', { name: 'Masuk' }).getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByText('Format email tidak valid')).toBeVisible();
    expect(posted).toBe(false);
  });

  test('says "Email atau kata sandi salah" for unknown credentials', async ({ page }) => {
    await page.goto('/masuk');
    await page.getByLabel('Email').fill('tidak.terdaftar@example.invalid');
    await page.getByLabel('Kata sandi').first().fill('kata-sandi-yang-salah');
    await page.getByRole('form', { name: 'Masuk' }).getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('alert')).toContainText('Email atau kata sandi salah');
  });

  test('a protected page sends a signed-out visitor to /masuk', async ({ page }) => {
    await page.goto('/beranda');
    await expect(page).toHaveURL(/\/masuk\?next=%2Fberanda$/);
    await expect(mainHeading(page)).toHaveText('Masuk');
  });

  test('signs in, is welcomed by name, and signs out', async ({ page }) => {
    const email = process.env.P4_E2E_EMAIL;
    const password = process.env.P4_E2E_PASSWORD;
    test.skip(!email || !password, 'set P4_E2E_EMAIL and P4_E2E_PASSWORD to a demo user to run this');
    await page.goto('/beranda');
    await page.getByLabel('Email').fill(email!);
    await page.getByLabel('Kata sandi').first().fill(password!);
    await page.getByRole('form', { name: 'Masuk' }).getByRole('button', { name: 'Masuk' }).click();
    await expect(page).toHaveURL(/\/beranda$/);
    await expect(mainHeading(page)).toHaveText(/^Selamat datang, .+/);
    await expect(page.getByText(/^Peran: /)).toBeVisible();

    await page.getByRole('button', { name: /^Menu pengguna: / }).click();
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/beranda');
    await expect(page).toHaveURL(/\/masuk/);
  });
});
