// Exact weights, as the server checks them (docs/INSTRUMENT.md): a weight
// is a plain decimal ("0.25") or a fraction ("1/11"); the indicators of a
// dimension either all have a weight, summing to exactly 1, or none has
// (equal shares); dimension weights are decimals summing to exactly 100.
// Floating point cannot say "exactly": 1/3 + 1/3 + 1/3 is not 1 in binary,
// so the arithmetic here is on fractions of big integers.

/** Rat is an exact fraction n/d with d > 0, in lowest terms. */
export interface Rat {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

/** rat makes a fraction in lowest terms. */
export function rat(n: bigint, d: bigint = 1n): Rat {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

/** add sums two fractions. */
export function add(a: Rat, b: Rat): Rat {
  return rat(a.n * b.d + b.n * a.d, a.d * b.d);
}

/** mul multiplies two fractions. */
export function mul(a: Rat, b: Rat): Rat {
  return rat(a.n * b.n, a.d * b.d);
}

/** equal compares two fractions exactly. */
export function equal(a: Rat, b: Rat): boolean {
  return a.n === b.n && a.d === b.d;
}

const decimalRe = /^\d+(\.\d+)?$/;
const fractionRe = /^(\d+)\s*\/\s*(\d+)$/;

/**
 * parseWeight reads a weight as the method file may hold it (a number or a
 * string, decimal or fraction). It returns null for anything the server
 * would reject: empty, negative, exponents, a zero denominator.
 */
export function parseWeight(v: unknown): Rat | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return null;
    v = String(v);
    if (/e/i.test(v as string)) return null;
  }
  if (typeof v !== 'string') return null;
  const s = v.trim().replace(',', '.');
  if (decimalRe.test(s)) {
    const [int = '0', frac = ''] = s.split('.');
    return rat(BigInt(int + frac), 10n ** BigInt(frac.length));
  }
  const m = fractionRe.exec(s);
  if (m) {
    const d = BigInt(m[2] ?? '0');
    if (d === 0n) return null;
    return rat(BigInt(m[1] ?? '0'), d);
  }
  return null;
}

/** toDecimal writes a fraction with a fixed number of decimals, rounded half up. */
export function toDecimal(r: Rat, places: number): string {
  const scale = 10n ** BigInt(places);
  const neg = r.n < 0n;
  const n = neg ? -r.n : r.n;
  const q = (n * scale * 2n + r.d) / (2n * r.d);
  const int = q / scale;
  const frac = (q % scale).toString().padStart(places, '0');
  return `${neg && q !== 0n ? '-' : ''}${int}${places > 0 ? `.${frac}` : ''}`;
}

/** isTerminating tells whether a fraction has a finite decimal expansion of at most places digits. */
function fitsDecimals(r: Rat, places: number): boolean {
  return (r.n * 10n ** BigInt(places)) % r.d === 0n;
}

/** formatRat shows a fraction as a short decimal when exact, else as n/d. */
export function formatRat(r: Rat): string {
  for (let p = 0; p <= 6; p++) {
    if (fitsDecimals(r, p)) return toDecimal(r, p);
  }
  return `${r.n}/${r.d}`;
}

/** WeightProblem says why a dimension's weights are not valid. */
export type WeightProblem = 'invalid' | 'mixed' | 'zero' | 'sum';

/** DimensionTotal is the live check of one dimension's indicator weights. */
export interface DimensionTotal {
  /** The sum of the given weights (each indicator's equal share when none is given). */
  total: Rat;
  /** The indicator weights in order: given, or the equal share (implicit). */
  shares: (Rat | null)[];
  /** Whether the weights are left out (equal shares). */
  implicit: boolean;
  valid: boolean;
  problem?: WeightProblem;
  /** Indices of the weights that do not parse or are zero. */
  bad: number[];
}

const one = rat(1n);

/**
 * dimensionTotal checks the indicator weights of one dimension as the
 * server will: all given and summing to exactly 1, or all left out.
 */
export function dimensionTotal(weights: readonly unknown[]): DimensionTotal {
  const given = weights.map((w) => !(w === undefined || w === null || (typeof w === 'string' && w.trim() === '')));
  const n = weights.length;
  if (n > 0 && given.every((g) => !g)) {
    const share = rat(1n, BigInt(n));
    return { total: one, shares: weights.map(() => share), implicit: true, valid: true, bad: [] };
  }
  const shares = weights.map((w, i) => (given[i] ? parseWeight(w) : null));
  const bad = shares.flatMap((s, i) => (given[i] && (s === null || s.n === 0n) ? [i] : []));
  const total = shares.reduce<Rat>((acc, s) => (s ? add(acc, s) : acc), rat(0n));
  let problem: WeightProblem | undefined;
  if (shares.some((s, i) => given[i] && s === null)) problem = 'invalid';
  else if (bad.length > 0) problem = 'zero';
  else if (given.some((g) => !g)) problem = 'mixed';
  else if (!equal(total, one)) problem = 'sum';
  return { total, shares, implicit: false, valid: problem === undefined, problem, bad };
}

/** MethodTotal is the live check of the dimension weights (points of 100). */
export interface MethodTotal {
  total: Rat;
  valid: boolean;
  bad: number[];
}

/** dimensionsTotal checks that dimension weights are decimals summing to exactly 100. */
export function dimensionsTotal(weights: readonly unknown[]): MethodTotal {
  const parsed = weights.map((w) => {
    const r = parseWeight(w);
    // Dimension weights are decimals, never fractions.
    return r && typeof w === 'string' && w.includes('/') ? null : r;
  });
  const bad = parsed.flatMap((r, i) => (r === null || r.n === 0n ? [i] : []));
  const total = parsed.reduce<Rat>((acc, r) => (r ? add(acc, r) : acc), rat(0n));
  return { total, valid: bad.length === 0 && equal(total, rat(100n)), bad };
}
