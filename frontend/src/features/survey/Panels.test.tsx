import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch } from '../../test/fetch';
import { renderUI } from '../../test/render';
import type { SurveyView } from './api';
import { OverridePanel } from './Panels';

function view(respondents: number, override: SurveyView['plan']['override'] = null): SurveyView {
  return {
    unit_assessment_id: 9,
    state: 'submitted',
    required: true,
    applies: true,
    target_source: 'period',
    plan: { target: null, quotas: [], has_link: false, override, version: 2 },
    progress: { respondents, self_completed: 0, target: 30, remaining: Math.max(0, 30 - respondents), below_target: respondents < 30, products: [] },
    questions: [{ indicator: 'OU.PM.01', name: 'Persepsi penundaan berlarut', question: 'Apakah …?' }],
    products: [],
    items: [],
    aggregate_current: true,
    can_record: false,
    accept_problems: [],
  };
}

describe('OverridePanel', () => {
  afterEach(() => vi.restoreAllMocks());

  it('needs a reason, then records the override with it', async () => {
    const given = { reason: 'Kunjungan lapangan terpotong banjir', by: 2, at: '2023-08-01T02:00:00Z', respondents: 22, target: 30 };
    const calls = mockFetch(() => json(200, view(22, given)));
    renderUI(<OverridePanel view={view(22)} />);
    expect(screen.getByText(/baru memiliki 22 dari 30 responden/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Setujui sampel di bawah target' }));
    expect(screen.getByText('Tuliskan alasannya.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    await userEvent.type(screen.getByLabelText('Alasan menerima sampel di bawah target'), given.reason);
    await userEvent.click(screen.getByRole('button', { name: 'Setujui sampel di bawah target' }));
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([['POST', '/api/v1/unit-assessments/9/survey/override', { reason: given.reason }]]);
  });

  it('shows a given override and offers to replace its reason', () => {
    renderUI(<OverridePanel view={view(22, { reason: 'Banjir', by: 2, at: '2023-08-01T02:00:00Z', respondents: 22, target: 30 })} />);
    expect(screen.getByText('Disetujui dengan 22 dari 30 responden')).toBeInTheDocument();
    expect(screen.getByText('Banjir')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ganti alasan' })).toBeInTheDocument();
  });

  it('is not shown for a complete sample', () => {
    renderUI(<OverridePanel view={view(30)} />);
    expect(screen.queryByTestId('override-panel')).toBeNull();
  });
});
