/** Test data of the instrument pages: a small method in planning (2024) and last year's period. */

export const adminUser = { id: 1, name: 'Admin P4', email: 'admin@p4.demo', role: 'admin', entity_id: null, province_code: null };

const summary = (id: number) => ({
  id,
  code: '2022',
  name: 'Metode P4 2022–2024',
  family: 'p4-2022',
  dimensions: [
    { code: 'IN', name: 'Input', weight: '40.00' },
    { code: 'PR', name: 'Proses', weight: '60.00' },
  ],
  bands: [],
});

export const period2024 = { id: 4, year: 2024, name: 'P4 2024', status: 'planning', historical: false, windows: {}, published_at: null, method: summary(7), version: 3 };
export const period2023 = { id: 3, year: 2023, name: 'P4 2023', status: 'open', historical: false, windows: {}, published_at: null, method: summary(2), version: 9 };

/** smallMethod has two dimensions: Input with three indicators of 1/3, Proses with weights left out. */
export const smallMethod = {
  format: 'p4-method/1',
  method: { code: '2022', name: 'Metode P4 2022–2024', family: 'p4-2022', rounding: 'units_then_entity' },
  instrument: {
    code: 'P4-2022',
    name: 'Instrumen P4',
    scale: { max: 3, levels: ['Tidak ada', 'Kurang', 'Cukup', 'Penuh'] },
    dimensions: [
      {
        code: 'IN',
        name: 'Input',
        weight: 40,
        variables: [{ code: 'KP', name: 'Kompetensi Pelaksana' }],
        indicators: [
          { code: 'IN.KP.01', variable: 'KP', name: 'Standar pelayanan', question: 'Apakah petugas memahami standar?', weight: '1/3', source: 'interview' },
          { code: 'IN.KP.02', variable: 'KP', name: 'Tugas', question: 'Apakah petugas memahami tugasnya?', weight: '1/3', source: 'interview', guidance: 'Tanyakan dua petugas.' },
          { code: 'IN.KP.03', variable: 'KP', name: 'Ombudsman', question: 'Apakah petugas mengenal Ombudsman?', weight: '1/3', source: 'interview', kinds: ['polres'] },
        ],
      },
      {
        code: 'PR',
        name: 'Proses',
        weight: 60,
        indicators: [
          { code: 'PR.ST.01', name: 'Persyaratan', question: 'Apakah persyaratan dipublikasikan?', source: 'observation', na_allowed: true },
          { code: 'PR.ST.02', name: 'Biaya', question: 'Apakah biaya dipublikasikan?', source: 'observation' },
        ],
      },
    ],
  },
};
