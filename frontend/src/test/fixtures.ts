// API bodies shaped exactly as the contract in the frontend brief, for tests.

export const method2022 = {
  code: '2022',
  name: 'P4 2022',
  family: 'p4-2022',
  dimensions: [
    { code: 'input', name: 'Input', name_en: 'Input', weight: 21.85 },
    { code: 'proses', name: 'Proses', name_en: 'Process', weight: 32.37 },
    { code: 'output', name: 'Output', name_en: 'Output', weight: 24.24 },
    { code: 'pengaduan', name: 'Pengaduan', name_en: 'Complaint handling', weight: 21.54 },
  ],
  bands: [
    { category: 'A', opinion: 'Kualitas Tertinggi', zone: 'green', min: 88.0 },
    { category: 'B', opinion: 'Kualitas Tinggi', zone: 'green', min: 78.0 },
    { category: 'C', opinion: 'Kualitas Sedang', zone: 'yellow', min: 54.0 },
    { category: 'D', opinion: 'Kualitas Rendah', zone: 'red', min: 32.0 },
    { category: 'E', opinion: 'Kualitas Terendah', zone: 'red', min: 0 },
  ],
};

export const method2021 = {
  code: '2021',
  name: 'Survei Kepatuhan 2021',
  family: 'kepatuhan',
  dimensions: [],
  bands: [
    { category: null, opinion: 'Kepatuhan Tinggi', zone: 'green', min: 81.0 },
    { category: null, opinion: 'Kepatuhan Sedang', zone: 'yellow', min: 51.0 },
    { category: null, opinion: 'Kepatuhan Rendah', zone: 'red', min: 0 },
  ],
};

export const periods = {
  items: [
    { year: 2021, method: { code: '2021', name: 'Survei Kepatuhan 2021', family: 'kepatuhan' }, published_at: '2021-12-20T00:00:00Z' },
    { year: 2022, method: { code: '2022', name: 'P4 2022', family: 'p4-2022' }, published_at: '2022-12-26T00:00:00Z' },
  ],
};

export const provinces = { items: [{ code: '17', name: 'Bengkulu' }, { code: '31', name: 'DKI Jakarta' }] };

export const rankings2022 = {
  period: { year: 2022, method: method2022 },
  items: [
    {
      rank: 1,
      entity_id: 7,
      entity: 'Kabupaten Kaur',
      category_code: 'pemkab',
      province: 'Bengkulu',
      province_code: '17',
      category: 'A',
      opinion: 'Kualitas Tertinggi',
      zone: 'green',
      score: 94.1,
      dimensions: [{ code: 'input', points: 20.5, percent: 93.82 }],
    },
    {
      rank: 2,
      entity_id: 8,
      entity: 'Kota Bengkulu',
      category_code: 'pemkot',
      province: 'Bengkulu',
      province_code: '17',
      category: 'B',
      opinion: 'Kualitas Tinggi',
      zone: 'green',
      score: '85.00',
      dimensions: [],
    },
    {
      rank: 3,
      entity_id: 9,
      entity: 'Kabupaten Lebong',
      category_code: 'pemkab',
      province: 'Bengkulu',
      province_code: '17',
      category: 'C',
      opinion: 'Kualitas Sedang',
      zone: 'yellow',
      score: 70.25,
      dimensions: [],
    },
  ],
  distribution: { zones: { green: 2, yellow: 1, red: 0 }, categories: { A: 1, B: 1, C: 1, D: 0, E: 0 } },
};

export const rankings2021 = {
  period: { year: 2021, method: method2021 },
  items: [
    {
      rank: 1,
      entity_id: 8,
      entity: 'Kota Bengkulu',
      category_code: 'pemkot',
      province: 'Bengkulu',
      province_code: '17',
      category: null,
      opinion: 'Kepatuhan Tinggi',
      zone: 'green',
      score: 90.5,
      dimensions: null,
    },
  ],
  distribution: { zones: { green: 1, yellow: 0, red: 0 }, categories: null },
};
