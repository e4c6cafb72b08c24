// API bodies for the results screens' tests, shaped as the Go server writes
// them (checked against the demo data): decimals as numbers, 4-decimal
// points, "" for no category, omitted zero answers.

import { method2021, method2022 } from '../../test/fixtures';

/** The 2022 method as the server sends it: dimension codes IN/PR/OU/PG, weights as strings, "lower" bounds. */
export const method = {
  ...method2022,
  family: 'p4-2022',
  dimensions: [
    { code: 'IN', name: 'Input', name_en: 'Input', weight: '21.85' },
    { code: 'PR', name: 'Proses', name_en: 'Process', weight: '32.37' },
    { code: 'OU', name: 'Output', name_en: 'Output', weight: '24.24' },
    { code: 'PG', name: 'Pengaduan', name_en: 'Complaint handling', weight: '21.54' },
  ],
  bands: method2022.bands.map(({ min, ...b }) => ({ ...b, lower: min })),
};

export const oldMethod = { ...method2021, family: 'kepatuhan' };

const dims = (input: number, proses: number, output: number, pengaduan: number) => [
  { unit_id: 0, dimension: 'IN', points: input, max_points: 21.85, percent: Math.round((input / 21.85) * 10000) / 100 },
  { unit_id: 0, dimension: 'PR', points: proses, max_points: 32.37, percent: Math.round((proses / 32.37) * 10000) / 100 },
  { unit_id: 0, dimension: 'OU', points: output, max_points: 24.24, percent: Math.round((output / 24.24) * 10000) / 100 },
  { unit_id: 0, dimension: 'PG', points: pengaduan, max_points: 21.54, percent: Math.round((pengaduan / 21.54) * 10000) / 100 },
];

export const period2022 = {
  id: 2,
  year: 2022,
  name: 'P4 2022',
  status: 'published',
  historical: false,
  windows: {
    fieldwork: { from: '2022-08-01', to: '2022-11-15' },
    review: { from: '2022-08-15', to: '2022-11-30' },
    objection: { from: '2022-12-01', to: '2022-12-14' },
    publish_on: '2022-12-20',
  },
  published_at: '2022-12-20T03:00:00Z',
  method,
  version: 3,
};

export const period2023 = {
  ...period2022,
  id: 3,
  year: 2023,
  name: 'P4 2023',
  status: 'open',
  windows: { ...period2022.windows, objection: { from: '2023-12-01', to: '2023-12-15' } },
  published_at: null,
};

export const period2021 = {
  ...period2022,
  id: 1,
  year: 2021,
  name: 'Survei Kepatuhan 2021',
  historical: true,
  method: oldMethod,
  windows: { objection: { from: '2021-11-15', to: '2021-11-26' } },
};

export const internalPeriods = { items: [period2023, period2022, period2021] };

export const regions = {
  items: [
    { id: 1, code: '17', name: 'Bengkulu', level: 'province' },
    { id: 5, code: '1704', name: 'Kabupaten Kaur', level: 'regency', parent_id: 1 },
    { id: 40, code: '31', name: 'DKI Jakarta', level: 'province' },
  ],
};

/** The 2022 Pemda ranking of Bengkulu, cut to four rows; last year used another method. */
export const pemda2022 = {
  period: period2022,
  group: 'pemda/17',
  previous_year: 2021,
  items: [
    {
      rank: 1,
      entity_id: 5,
      entity: 'Kabupaten Kaur',
      category_code: 'pemkab',
      province: 'Bengkulu',
      province_code: '17',
      score: 94.01,
      category: 'A',
      opinion: 'Kualitas Tertinggi',
      zone: 'green',
      complete: true,
      dimensions: dims(19.769, 30.9687, 24.0091, 19.2606),
      previous_score: 88.17,
      not_comparable: true,
    },
    {
      rank: 2,
      entity_id: 11,
      entity: 'Kota Bengkulu',
      category_code: 'pemkot',
      province: 'Bengkulu',
      province_code: '17',
      score: 86.19,
      category: 'B',
      opinion: 'Kualitas Tinggi',
      zone: 'green',
      complete: true,
      dimensions: dims(17.41, 28.5, 22.1, 18.18),
      previous_score: 84.0,
      not_comparable: true,
    },
    {
      rank: 3,
      entity_id: 8,
      entity: 'Kabupaten Lebong',
      category_code: 'pemkab',
      province: 'Bengkulu',
      province_code: '17',
      score: 71.78,
      category: 'C',
      opinion: 'Kualitas Sedang',
      zone: 'yellow',
      complete: true,
      dimensions: dims(14.57, 24.0, 18.0, 15.21),
      previous_score: 60.1,
      not_comparable: true,
    },
    {
      rank: 4,
      entity_id: 10,
      entity: 'Kabupaten Bengkulu Tengah',
      category_code: 'pemkab',
      province: 'Bengkulu',
      province_code: '17',
      score: 68.38,
      category: 'C',
      opinion: 'Kualitas Sedang',
      zone: 'yellow',
      complete: true,
      dimensions: dims(13.3181, 24.4106, 17.776, 12.8784),
      previous_score: 54.28,
      not_comparable: true,
    },
  ],
  distribution: { zones: { green: 2, yellow: 2, red: 0 }, categories: { A: 1, B: 1, C: 2, D: 0, E: 0 } },
  not_assessed: [{ id: 99, code: 'pemkab-1799', name: 'Kabupaten Contoh', kind: 'pemkab', province_code: '17', province: 'Bengkulu', active: true, units: 0 }],
};

/** The 2023 Pemda ranking with movement against 2022 (same method). */
export const pemda2023 = {
  ...pemda2022,
  period: period2023,
  previous_year: 2022,
  items: [
    { ...pemda2022.items[1], rank: 1, previous_rank: 2, previous_score: 86.19, movement: 1, not_comparable: undefined, score: 89.1, category: 'A', opinion: 'Kualitas Tertinggi' },
    { ...pemda2022.items[0], rank: 2, previous_rank: 1, previous_score: 94.01, movement: -1, not_comparable: undefined, score: 88.5 },
    { ...pemda2022.items[2], rank: 3, previous_rank: 3, previous_score: 71.78, movement: 0, not_comparable: undefined },
  ],
  distribution: { zones: { green: 2, yellow: 1, red: 0 }, categories: { A: 2, B: 0, C: 1, D: 0, E: 0 } },
  not_assessed: [],
};

/** Polres Kaur's result of 2022, as the agency user reads it. */
export const polresKaurResult = {
  entity: {
    id: 25,
    code: 'polres-1704',
    name: 'Polres Kaur',
    kind: 'polres',
    province_id: 1,
    province_code: '17',
    region_id: 5,
    active: true,
    units: [{ id: 91, entity_id: 25, code: 'polres', name: 'Polres Kaur', kind: 'polres', active: true }],
  },
  state: 'published',
  result: {
    id: 36,
    period_id: 2,
    entity_id: 25,
    method_id: 2,
    score: 83.53,
    category: 'B',
    opinion: 'Kualitas Tinggi',
    zone: 'green',
    complete: true,
    source: 'computed',
    units: [{ unit_id: 91, score: 83.53, complete: true }],
    dimensions: [
      ...dims(17.48, 27.4655, 22.624, 15.9556),
      { unit_id: 91, dimension: 'IN', points: 17.48, max_points: 21.85, percent: 80 },
    ],
    ranks: { polres: 3 },
  },
  detail: {
    id: '25',
    name: 'Polres Kaur',
    kind: 'polres',
    score: 83.53,
    category: 'B',
    opinion: 'Kualitas Tinggi',
    zone: 'green',
    complete: true,
    dimensions: [],
    units: [{ id: '91', name: 'Polres Kaur', score: 83.53, complete: true, dimensions: [] }],
  },
};

const loss = (code: string, name: string, dimension: string, value: number, lost: number) => ({
  code,
  name,
  dimension,
  state: 'answered',
  ...(value === 0 ? {} : { value }),
  max: 3,
  share: 1.96,
  lost,
});

/** Polres Kaur's explanation, cut to five indicators. */
export const polresKaurExplanation = {
  explanation: {
    id: '25',
    score: 83.53,
    indicators: [
      { code: 'IN.KP.02', name: 'Pengetahuan tugas dan wewenang jabatan', dimension: 'IN', max: 3, share: 1.46, lost: 0 },
      { code: 'PR.ST.10', name: 'Atribut dan identitas petugas', dimension: 'PR', max: 3, share: 2.94, lost: 1.96 },
      { code: 'OU.PM.02', name: 'Persepsi permintaan imbalan', dimension: 'OU', max: 3, share: 4.85, lost: 1.62 },
      { code: 'PG.PP.02', name: 'Penetapan pengelola pengaduan', dimension: 'PG', max: 3, share: 2.39, lost: 1.6 },
      { code: 'PG.PP.09', name: 'Pelatihan pengelola pengaduan', dimension: 'PG', max: 3, share: 2.39, lost: 2.39 },
    ],
    units: [
      {
        unit_id: '91',
        name: 'Polres Kaur',
        indicators: [
          loss('IN.KP.02', 'Pengetahuan tugas dan wewenang jabatan', 'IN', 3, 0),
          loss('PR.ST.10', 'Atribut dan identitas petugas', 'PR', 1, 1.96),
          loss('OU.PM.02', 'Persepsi permintaan imbalan', 'OU', 2, 1.62),
          loss('PG.PP.02', 'Penetapan pengelola pengaduan', 'PG', 1, 1.6),
          loss('PG.PP.09', 'Pelatihan pengelola pengaduan', 'PG', 0, 2.39),
          { code: 'XX.ZZ.01', name: 'Only for Pemda', dimension: 'PR', state: 'not_applicable', max: 3, share: 0, lost: 0 },
        ],
      },
    ],
    improvements: [
      { unit_id: '91', unit_name: 'Polres Kaur', indicator: 'PG.PP.09', name: 'Pelatihan pengelola pengaduan', from: 0, to: 3, gain: 2.39 },
      { unit_id: '91', unit_name: 'Polres Kaur', indicator: 'PR.ST.10', name: 'Atribut dan identitas petugas', from: 1, to: 3, gain: 1.96 },
    ],
  },
  next_category: {
    from: { category: 'B', opinion: 'Kualitas Tinggi', zone: 'green', lower: 78.0 },
    target: { category: 'A', opinion: 'Kualitas Tertinggi', zone: 'green', lower: 88.0 },
    reachable: true,
    minimal: true,
    changes: [
      { unit_id: '91', unit_name: 'Polres Kaur', indicator: 'PG.PP.09', name: 'Pelatihan pengelola pengaduan', from: 0, to: 3, gain: 2.39 },
      { unit_id: '91', unit_name: 'Polres Kaur', indicator: 'PR.ST.10', name: 'Atribut dan identitas petugas', from: 1, to: 3, gain: 1.96 },
      { unit_id: '91', unit_name: 'Polres Kaur', indicator: 'OU.PM.02', name: 'Persepsi permintaan imbalan', from: 2, to: 3, gain: 1.62 },
    ],
    result: { id: '25', name: 'Polres Kaur', kind: 'polres', score: 89.5, category: 'A', opinion: 'Kualitas Tertinggi', zone: 'green', complete: true },
  },
  notes: [
    { unit_id: 91, indicator: 'PR.ST.10', value: 1, na: false, note: 'Sebagian petugas tidak mengenakan kartu identitas saat observasi.' },
    { unit_id: 91, indicator: 'PG.PP.09', value: 0, na: false, note: 'Belum ada pelatihan bagi pengelola pengaduan.' },
  ],
};

/** The public 2022 Polres ranking, cut to three rows (Polres Kaur third). */
export const polres2022 = {
  period: period2022,
  group: 'polres',
  previous_year: 2021,
  items: [
    { rank: 1, entity_id: 31, entity: 'Polresta Bengkulu', category_code: 'polres', province: 'Bengkulu', province_code: '17', score: 86.11, category: 'B', opinion: 'Kualitas Tinggi', zone: 'green', complete: true, dimensions: dims(17.0, 29.43, 22.13, 17.55) },
    { rank: 2, entity_id: 23, entity: 'Polres Rejang Lebong', category_code: 'polres', province: 'Bengkulu', province_code: '17', score: 83.87, category: 'B', opinion: 'Kualitas Tinggi', zone: 'green', complete: true, dimensions: dims(17.48, 29.43, 21.01, 15.95) },
    { rank: 3, entity_id: 25, entity: 'Polres Kaur', category_code: 'polres', province: 'Bengkulu', province_code: '17', score: 83.53, category: 'B', opinion: 'Kualitas Tinggi', zone: 'green', complete: true, dimensions: dims(17.48, 27.4655, 22.624, 15.9556) },
  ],
  distribution: { zones: { green: 3, yellow: 0, red: 0 }, categories: { A: 0, B: 3, C: 0, D: 0, E: 0 } },
  not_assessed: [],
};

/** Kabupaten Kaur's public history: 2021 (three-zone survey) and 2022. */
export const kaurHistory = {
  entity: { id: 5, name: 'Kabupaten Kaur', kind: 'pemkab', province_code: '17' },
  history: [
    {
      year: 2022,
      method,
      score: 94.01,
      category: 'A',
      opinion: 'Kualitas Tertinggi',
      zone: 'green',
      ranks: { 'pemda/17': 1, pemkab: 1 },
      dimensions: dims(19.769, 30.9687, 24.0091, 19.2606),
    },
    { year: 2021, method: oldMethod, score: 88.17, category: '', opinion: 'Kepatuhan Tinggi', zone: 'green', ranks: { 'pemda/17': 1, pemkab: 1 }, dimensions: [] },
  ],
};

/** A what-if answer: Polres Kaur lifted into category A. */
export const whatIfToA = {
  before: { id: '25', score: 83.53, category: 'B', opinion: 'Kualitas Tinggi', zone: 'green', complete: true },
  after: { id: '25', score: 89.5, category: 'A', opinion: 'Kualitas Tertinggi', zone: 'green', complete: true },
  delta: 5.97,
};

/** A what-if answer for one raised answer: still category B. */
export const whatIfOne = {
  before: whatIfToA.before,
  after: { id: '25', score: 85.49, category: 'B', opinion: 'Kualitas Tinggi', zone: 'green', complete: true },
  delta: 1.96,
};
