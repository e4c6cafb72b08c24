import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUI } from '../../test/render';
import { AggregationTable, percentShown, SampleProgress } from './Aggregation';
import type { SurveyView } from './api';

const questions = [
  { indicator: 'OU.PM.01', name: 'Persepsi penundaan berlarut', question: 'Apakah …?' },
  { indicator: 'OU.PM.02', name: 'Persepsi permintaan imbalan', question: 'Apakah …?' },
  { indicator: 'OU.PM.03', name: 'Persepsi penyimpangan prosedur', question: 'Apakah …?' },
];

const items = [
  { indicator: 'OU.PM.01', respondents: 30, favourable: 25, unfavourable: 3, na: 2, percent: '89.28', value: 2, na_answer: false, note: '' },
  { indicator: 'OU.PM.02', respondents: 30, favourable: 30, unfavourable: 0, na: 0, percent: '100', value: 3, na_answer: false, note: '' },
  { indicator: 'OU.PM.03', respondents: 30, favourable: 0, unfavourable: 0, na: 30, percent: null, value: null, na_answer: true, note: '' },
];

function view(respondents: number, target: number): SurveyView {
  return {
    unit_assessment_id: 9,
    state: 'draft',
    required: false,
    applies: respondents > 0,
    target_source: 'instrument',
    plan: { target: null, quotas: [{ product: 'Imunisasi dasar', target: 10 }], has_link: false, override: null, version: 1 },
    progress: {
      respondents,
      self_completed: 1,
      target,
      remaining: Math.max(0, target - respondents),
      below_target: respondents < target,
      products: [
        { product: 'Imunisasi dasar', respondents: 4, target: 10 },
        { product: 'Surat keterangan sehat', respondents: 3, target: 0 },
      ],
    },
    questions,
    products: ['Imunisasi dasar', 'Surat keterangan sehat'],
    items,
    aggregate_current: false,
    can_record: true,
    accept_problems: [],
  };
}

describe('aggregation display', () => {
  it('shows each item with the sample size, the counts, the truncated share in the language and the value', () => {
    renderUI(<AggregationTable items={items} questions={questions} respondents={30} />);
    expect(screen.getByTestId('aggregate-n')).toHaveTextContent('Dari 30 responden');
    const rows = within(screen.getByTestId('aggregate-table')).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('Persepsi penundaan berlarut');
    expect(rows[1]).toHaveTextContent('tidak 25 · ya 3 · tidak tahu 2');
    expect(rows[1]).toHaveTextContent('89,28%');
    expect(within(rows[1]!).getAllByRole('cell').at(-1)).toHaveTextContent('2');
    expect(rows[2]).toHaveTextContent('100%');
    expect(within(rows[2]!).getAllByRole('cell').at(-1)).toHaveTextContent('3');
    // Everyone answered "don't know": no share, written as N/A.
    expect(rows[3]).toHaveTextContent('—');
    expect(within(rows[3]!).getAllByRole('cell').at(-1)).toHaveTextContent('N/A');
  });

  it('writes percentages with the language decimal mark, never rounding', () => {
    expect(percentShown('66.66', 'id')).toBe('66,66%');
    expect(percentShown('66.66', 'en')).toBe('66.66%');
    expect(percentShown(null, 'id')).toBe('—');
  });

  it('shows progress against the target, in words and not by colour alone', () => {
    const { unmount } = renderUI(<SampleProgress view={view(12, 30)} />);
    expect(screen.getByTestId('sample-count')).toHaveTextContent('12 dari 30 responden');
    expect(screen.getByText('Kurang 18 responden')).toBeInTheDocument();
    expect(screen.queryByTestId('sample-complete')).toBeNull();
    expect(screen.getByText(/1 mengisi sendiri lewat tautan/)).toBeInTheDocument();
    const quota = screen.getByRole('table', { name: 'Responden per produk layanan' });
    expect(within(quota).getAllByRole('row')[1]).toHaveTextContent('Imunisasi dasar410');
    unmount();
    renderUI(<SampleProgress view={view(30, 30)} />);
    expect(screen.getByTestId('sample-complete')).toHaveTextContent('Sampel lengkap');
  });
});
