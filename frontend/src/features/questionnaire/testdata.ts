// Bodies shaped as the P4 API sends them, for the questionnaire and review tests.
import { json, problem, type Call } from '../../test/fetch';
import type { Answer } from './types';

export const assessorUser = { id: 3, name: 'Andi Saputra', email: 'penilai1@p4.demo', role: 'assessor', entity_id: null, province_code: null };
export const coordinatorUser = { id: 2, name: 'Dewi Anggraini', email: 'koordinator@p4.demo', role: 'coordinator', entity_id: null, province_code: '17' };

/** methodFile is a small p4-method/1 file: two dimensions, a variable, N/A, an indicator for Pemda only. */
export const methodFile = {
  format: 'p4-method/1',
  method: { code: '2022', name: 'P4 2022–2024', name_en: 'P4 2022–2024', family: 'p4-2022', rounding: 'units_then_entity', roll_up: {}, bands: [] },
  instrument: {
    code: 'P4-2022',
    name: 'Instrumen',
    scale: { max: 3, levels: ['Tidak ada', 'Kurang', 'Cukup', 'Memenuhi'], levels_en: ['Absent', 'Poor', 'Largely', 'Fully'] },
    dimensions: [
      {
        code: 'PR',
        name: 'Proses',
        name_en: 'Process',
        weight: '60',
        variables: [{ code: 'ST', name: 'Standar Pelayanan', name_en: 'Service standard' }],
        indicators: [
          { code: 'PR.ST.01', variable: 'ST', name: 'Persyaratan', name_en: 'Requirements', question: 'Apakah persyaratan dipublikasikan?', question_en: 'Are the requirements published?', source: 'observation', guidance: 'Amati papan informasi.', evidence: 'Foto papan informasi' },
          { code: 'PR.ST.04', variable: 'ST', name: 'Biaya/tarif', name_en: 'Fee', question: 'Apakah biaya dipublikasikan?', source: 'observation', na_allowed: true },
          { code: 'PR.ST.99', variable: 'ST', name: 'Khusus Pemda', question: 'Hanya untuk Pemda?', source: 'document', kinds: ['pemkab'] },
        ],
      },
      {
        code: 'OU',
        name: 'Output',
        name_en: 'Output',
        weight: '40',
        indicators: [
          {
            code: 'OU.PM.01',
            name: 'Penundaan berlarut',
            name_en: 'Protracted delay',
            question: 'Apakah responden mengalami penundaan?',
            source: 'user_survey',
            levels: ['> 50% responden', '26–50%', '1–25%', 'Tidak ada'],
          },
        ],
      },
    ],
  },
};

/** answer builds a stored answer. */
export function answer(indicator: string, value: number | null, version = 1, extra: Partial<Answer> = {}): Answer {
  return { indicator, value, na: false, na_reason: '', note: '', version, updated_by: 3, updated_at: '2023-07-15T03:00:00Z', ...extra };
}

/** unitView is Polres Seluma's questionnaire in a given state. */
export function unitView(opts: { state?: string; answers?: Answer[]; assessors?: number[]; returnReason?: string; comments?: unknown[] } = {}) {
  return {
    assessment: {
      id: 182,
      period_id: 3,
      entity_id: 26,
      unit_id: 92,
      state: opts.state ?? 'draft',
      version: 1,
      assessors: opts.assessors ?? [3],
      ...(opts.returnReason ? { return_reason: opts.returnReason } : {}),
    },
    entity: { id: 26, code: 'polres-1705', name: 'Polres Seluma', kind: 'polres', province_code: '17' },
    unit: { id: 92, code: 'polres', name: 'Polres Seluma', kind: 'polres' },
    period: { id: 3, year: 2023, name: 'P4 2023', method_id: 2, status: 'open', historical: false, version: 3 },
    answers: opts.answers ?? [answer('PR.ST.01', 2)],
    evidence: [
      { id: 10, unit_assessment_id: 182, indicator: 'PR.ST.01', sha256: 'x', original_name: 'papan-informasi.png', media_type: 'image/png', size: 2048, uploaded_by: 3, uploaded_at: '2023-07-15T03:00:00Z' },
    ],
    comments: opts.comments ?? [],
  };
}

export const scoreBody = {
  id: '92',
  name: 'Polres Seluma',
  score: 20,
  complete: false,
  unanswered: ['PR.ST.04', 'OU.PM.01'],
  dimensions: [
    { code: 'PR', name: 'Proses', points: 20, max: 60, percent: 33.33 },
    { code: 'OU', name: 'Output', points: 0, max: 40, percent: 0 },
  ],
};

/**
 * fakeUnitServer answers the routes of one unit like the real server:
 * If-Match versions on answers (412 with `current`), submit refusing
 * unanswered indicators with answers.<code> errors.
 */
export function fakeUnitServer(view: ReturnType<typeof unitView>, user: object = assessorUser) {
  const answers = new Map(view.answers.map((a) => [a.indicator, { ...a }]));
  const state = { view, submitResponse: null as null | (() => Response) };
  const handler = async (c: Call): Promise<Response> => {
    const path = c.url.split('?')[0];
    if (c.method === 'GET' && path === '/api/v1/session') return json(200, { user });
    if (c.method === 'GET' && path === '/api/v1/unit-assessments/182') return json(200, { ...state.view, answers: [...answers.values()] });
    if (c.method === 'GET' && path === '/api/v1/periods/2023/method') return json(200, methodFile);
    if (c.method === 'GET' && path === '/api/v1/unit-assessments/182/score') return json(200, scoreBody);
    const put = /^\/api\/v1\/unit-assessments\/182\/answers\/(.+)$/.exec(path ?? '');
    if (c.method === 'PUT' && put) {
      const code = decodeURIComponent(put[1] ?? '');
      const base = Number((c.headers['if-match'] ?? '').replace(/"/g, ''));
      const body = c.body as { value: number | null; na: boolean; na_reason: string; note: string };
      const cur = answers.get(code);
      if ((cur?.version ?? 0) !== base) {
        return problem(412, { type: '/problems/conflict', title: 'Changed by someone else', code: 'version_conflict', current: cur });
      }
      const next = answer(code, body.value, (cur?.version ?? 0) + 1, { na: body.na, na_reason: body.na_reason, note: body.note });
      answers.set(code, next);
      return json(200, next, { ETag: `"${next.version}"` });
    }
    if (c.method === 'POST' && path === '/api/v1/unit-assessments/182/submit') {
      if (state.submitResponse) return state.submitResponse();
      return json(200, { ...state.view.assessment, state: 'submitted' });
    }
    return problem(404, { title: 'Not Found', detail: `${c.method} ${c.url}` });
  };
  return { answers, handler, state };
}
