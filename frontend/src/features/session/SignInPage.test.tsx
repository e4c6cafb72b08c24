import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { json, mockFetch, problem, route } from '../../test/fetch';
import { renderPage } from '../../test/render';
import { SignInPage } from './SignInPage';

const user = { id: 1, name: 'Siti Rahma', email: 'siti@ombudsman.go.id', role: 'assessor', entity_id: null, province_code: '17' };

function renderSignIn(at = '/masuk') {
  return renderPage(<SignInPage />, {
    path: '/masuk',
    at,
    extra: [
      { path: '/beranda', element: <p>beranda</p> },
      { path: '/publik', element: <p>publik</p> },
    ],
  });
}

function fields() {
  return {
    email: screen.getByLabelText(/^Email/),
    password: screen.getByLabelText(/^Kata sandi/),
    submit: screen.getByRole('button', { name: 'Masuk' }),
  };
}

describe('SignInPage', () => {
  it('shows both required messages beside the fields on an empty submit, and sends nothing', async () => {
    const calls = mockFetch(route({ 'GET /api/v1/session': () => problem(401) }));
    renderSignIn();
    const f = fields();
    await userEvent.click(f.submit);
    expect(await screen.findByText('Email wajib diisi')).toBeInTheDocument();
    expect(screen.getByText('Kata sandi wajib diisi')).toBeInTheDocument();
    expect(f.email).toHaveAttribute('aria-invalid', 'true');
    expect(f.password).toHaveAttribute('aria-invalid', 'true');
    // The message is tied to its field for screen readers.
    expect(f.email).toHaveAccessibleDescription(/Email wajib diisi/);
    expect(f.password).toHaveAccessibleDescription(/Kata sandi wajib diisi/);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('rejects a malformed email before asking the server', async () => {
    const calls = mockFetch(route({ 'GET /api/v1/session': () => problem(401) }));
    renderSignIn();
    const f = fields();
    await userEvent.type(f.email, 'bukan-email');
    await userEvent.type(f.password, 'rahasia');
    await userEvent.click(f.submit);
    expect(await screen.findByText('Format email tidak valid')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('translates client errors already on screen when the language changes', async () => {
    mockFetch(route({ 'GET /api/v1/session': () => problem(401) }));
    renderSignIn();
    await userEvent.click(fields().submit);
    await screen.findByText('Email wajib diisi');
    await i18n.changeLanguage('en');
    expect(await screen.findByText('Email is required')).toBeInTheDocument();
    expect(screen.getByText('Password is required')).toBeInTheDocument();
  });

  it('places server field errors beside their fields', async () => {
    mockFetch(
      route({
        'GET /api/v1/session': () => problem(401),
        'POST /api/v1/session': () =>
          problem(422, {
            type: '/problems/validation',
            title: 'Invalid input',
            errors: [
              { field: 'email', code: 'invalid_email', message: 'must be an email address' },
              { field: 'password', code: 'weird_rule', message: 'password rule from server' },
            ],
          }),
      }),
    );
    renderSignIn();
    const f = fields();
    await userEvent.type(f.email, 'siti@ombudsman.go.id');
    await userEvent.type(f.password, 'x');
    await userEvent.click(f.submit);
    // A known code is translated; an unknown one shows the server's message.
    expect(await screen.findByText('Format email tidak valid')).toBeInTheDocument();
    expect(screen.getByText('password rule from server')).toBeInTheDocument();
    expect(f.email).toHaveAttribute('aria-invalid', 'true');
    expect(f.password).toHaveAttribute('aria-invalid', 'true');
  });

  it('says "Email atau kata sandi salah" on 401 and posts the credentials as JSON with the CSRF header', async () => {
    const calls = mockFetch(
      route({
        'GET /api/v1/session': () => problem(401),
        'POST /api/v1/session': () => problem(401, { code: 'invalid_credentials', title: 'Unauthorized' }),
      }),
    );
    renderSignIn();
    const f = fields();
    await userEvent.type(f.email, 'siti@ombudsman.go.id');
    await userEvent.type(f.password, 'salah');
    await userEvent.click(f.submit);
    expect(await screen.findByRole('alert')).toHaveTextContent('Email atau kata sandi salah');
    const post = calls.find((c) => c.method === 'POST');
    expect(post).toMatchObject({
      url: '/api/v1/session',
      body: { email: 'siti@ombudsman.go.id', password: 'salah' },
      headers: { 'x-requested-with': 'p4', 'content-type': 'application/json' },
    });
    // The password is cleared for the next try; the email stays.
    expect(f.password).toHaveValue('');
    expect(f.email).toHaveValue('siti@ombudsman.go.id');
  });

  it('tells how long to wait on 429 and blocks the button meanwhile', async () => {
    mockFetch(
      route({
        'GET /api/v1/session': () => problem(401),
        'POST /api/v1/session': () => problem(429, { code: 'too_many_attempts' }, { 'Retry-After': '30' }),
      }),
    );
    renderSignIn();
    const f = fields();
    await userEvent.type(f.email, 'siti@ombudsman.go.id');
    await userEvent.type(f.password, 'x');
    await userEvent.click(f.submit);
    expect(await screen.findByRole('alert')).toHaveTextContent(/Coba lagi dalam (30|29) detik/);
    expect(screen.getByRole('button', { name: 'Masuk' })).toBeDisabled();
  });

  it('explains a server that cannot be reached', async () => {
    mockFetch((c) => {
      if (c.method === 'POST') throw new TypeError('Failed to fetch');
      return problem(401);
    });
    renderSignIn();
    const f = fields();
    await userEvent.type(f.email, 'siti@ombudsman.go.id');
    await userEvent.type(f.password, 'x');
    await userEvent.click(f.submit);
    expect(await screen.findByRole('alert')).toHaveTextContent('Tidak dapat terhubung ke server');
  });

  it('goes to the requested page after signing in', async () => {
    mockFetch(
      route({
        'GET /api/v1/session': () => problem(401),
        'POST /api/v1/session': () => json(200, { user }),
      }),
    );
    const { router } = renderSignIn('/masuk?next=%2Fpublik');
    const f = fields();
    await userEvent.type(f.email, user.email);
    await userEvent.type(f.password, 'benar');
    await userEvent.click(f.submit);
    await waitFor(() => expect(router.state.location.pathname).toBe('/publik'));
  });

  it('ignores a next address that leaves the site', async () => {
    mockFetch(
      route({
        'GET /api/v1/session': () => problem(401),
        'POST /api/v1/session': () => json(200, { user }),
      }),
    );
    const { router } = renderSignIn('/masuk?next=%2F%2Fevil.example');
    const f = fields();
    await userEvent.type(f.email, user.email);
    await userEvent.type(f.password, 'benar');
    await userEvent.click(f.submit);
    await waitFor(() => expect(router.state.location.pathname).toBe('/beranda'));
  });
});
