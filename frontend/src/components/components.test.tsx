import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import i18n from '../i18n';
import { formatScore } from '../i18n/format';
import { renderUI } from '../test/render';
import { CategoryBadge } from './CategoryBadge';
import { OpinionLabel } from './OpinionLabel';
import { ProblemAlert } from './ProblemAlert';
import { ScoreValue } from './ScoreValue';
import { ZoneChip } from './ZoneChip';

describe('ZoneChip', () => {
  it.each([
    ['id', 'green', 'Zona Hijau'],
    ['id', 'yellow', 'Zona Kuning'],
    ['id', 'red', 'Zona Merah'],
    ['en', 'green', 'Green zone'],
    ['en', 'yellow', 'Yellow zone'],
    ['en', 'red', 'Red zone'],
  ] as const)('%s %s reads "%s" and carries an icon', async (lang, zone, want) => {
    await i18n.changeLanguage(lang);
    const { container } = renderUI(<ZoneChip zone={zone} />);
    const chip = screen.getByText(want);
    expect(chip).toHaveAttribute('data-zone', zone);
    // Never colour alone: the word is there, and an icon shape too.
    expect(container.querySelector('svg')).not.toBeNull();
  });

  it('gives each zone a different icon', () => {
    const shapes = (['green', 'yellow', 'red'] as const).map((z) => {
      const { container, unmount } = renderUI(<ZoneChip zone={z} />);
      const html = container.querySelector('svg')?.innerHTML;
      unmount();
      return html;
    });
    expect(new Set(shapes).size).toBe(3);
  });

  it('says so when there is no zone', async () => {
    renderUI(<ZoneChip zone={null} />);
    expect(screen.getByText('Belum ada zona')).toHaveAttribute('data-zone', 'none');
    await i18n.changeLanguage('en');
    expect(await screen.findByText('No zone yet')).toBeInTheDocument();
  });
});

describe('CategoryBadge', () => {
  it('reads "Kategori A" in Indonesian and "Category A" in English', async () => {
    renderUI(<CategoryBadge category="A" />);
    expect(screen.getByText('Kategori A')).toHaveAttribute('data-category', 'A');
    await i18n.changeLanguage('en');
    expect(await screen.findByText('Category A')).toBeInTheDocument();
  });

  it('shows a word, not an empty box, without a category', () => {
    renderUI(<CategoryBadge category={null} />);
    expect(screen.getByText('Tanpa kategori')).toBeInTheDocument();
  });
});

describe('ScoreValue', () => {
  it.each([
    ['id', 94.1, '94,10'],
    ['id', 100, '100,00'],
    ['id', 0, '0,00'],
    ['en', 94.1, '94.10'],
    ['en', 31.99, '31.99'],
  ] as const)('%s %d → %s', async (lang, value, want) => {
    await i18n.changeLanguage(lang);
    renderUI(<ScoreValue value={value} />);
    expect(screen.getByText(want)).toBeInTheDocument();
  });

  it('follows a language switch', async () => {
    renderUI(<ScoreValue value={94.1} />);
    expect(screen.getByText('94,10')).toBeInTheDocument();
    await i18n.changeLanguage('en');
    expect(await screen.findByText('94.10')).toBeInTheDocument();
  });

  it('explains a missing score to screen readers', () => {
    renderUI(<ScoreValue value={null} />);
    expect(screen.getByText('Belum ada nilai')).toBeInTheDocument();
    expect(screen.getByText('–')).toHaveAttribute('aria-hidden', 'true');
  });

  it('formatScore uses the locale decimal separator', () => {
    expect(formatScore(93.2775, 'id')).toBe('93,28');
    expect(formatScore(93.2775, 'en')).toBe('93.28');
  });
});

describe('OpinionLabel', () => {
  it.each(['Kualitas Tertinggi', 'Kualitas Tinggi', 'Kualitas Sedang', 'Kualitas Rendah', 'Kualitas Terendah', 'Kepatuhan Tinggi'])(
    'shows "%s" untranslated in English, marked as Indonesian',
    async (label) => {
      await i18n.changeLanguage('en');
      renderUI(<OpinionLabel opinion={label} />);
      expect(screen.getByText(label)).toHaveAttribute('lang', 'id');
    },
  );
});

describe('ProblemAlert', () => {
  it('explains a network failure and offers a retry', async () => {
    const retry = vi.fn();
    renderUI(
      <ProblemAlert
        error={new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' })}
        onRetry={retry}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Tidak dapat terhubung ke server');
    expect(alert).toHaveTextContent('Periksa sambungan internet Anda');
    await userEvent.click(screen.getByRole('button', { name: 'Coba lagi' }));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('shows the server detail, status and unplaced field errors', () => {
    renderUI(
      <ProblemAlert
        error={
          new ApiError({
            type: '/problems/validation',
            title: 'Invalid',
            status: 422,
            detail: 'Periode 2030 tidak ada',
            errors: [{ field: 'year', code: 'invalid', message: 'no such year' }],
          })
        }
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Ada isian yang belum benar');
    expect(alert).toHaveTextContent('Periode 2030 tidak ada');
    expect(alert).toHaveTextContent('year: Isian tidak valid');
    expect(alert).toHaveTextContent('Kode 422');
  });

  it('speaks English after a switch', async () => {
    await i18n.changeLanguage('en');
    renderUI(<ProblemAlert error={new ApiError({ type: 'about:blank', title: 'x', status: 503 })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The service is temporarily unavailable');
  });
});
