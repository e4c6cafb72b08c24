import type { FieldError } from '../../api/client';

/** importKinds are the workbooks P4 imports, each with a template (api/excel.go). */
export const importKinds = ['locus', 'users', 'instrument', 'results'] as const;
/** ImportKind is one kind of import. */
export type ImportKind = (typeof importKinds)[number];

/** CellProblem is one import error placed at its sheet, row and column. */
export interface CellProblem {
  sheet?: string;
  /** Spreadsheet row number (1 is the header row); absent for a problem with the whole file. */
  row?: number;
  /** Column letters, e.g. "C"; absent for a whole row or file. */
  column?: string;
  code: string;
  message: string;
  field: string;
}

const cellRef = /^(?:'?([^!']+)'?!)?\$?([A-Z]{1,3})\$?(\d+)$/;

/**
 * cellProblem reads the field of an import error: the server writes
 * "Lokus!C7" for a cell, "Lokus!A1" for a sheet, "file" for the whole file.
 */
export function cellProblem(e: FieldError): CellProblem {
  const m = cellRef.exec(e.field.trim());
  if (!m) return { code: e.code, message: e.message, field: e.field };
  return { sheet: m[1], column: m[2], row: Number(m[3]), code: e.code, message: e.message, field: e.field };
}

/** sortProblems orders problems by sheet, row, then column, file-wide problems first. */
export function sortProblems(errors: readonly FieldError[]): CellProblem[] {
  const colNum = (c?: string) => (c ? [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0);
  return errors.map(cellProblem).sort(
    (a, b) =>
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      (a.row ?? 0) - (b.row ?? 0) ||
      colNum(a.column) - colNum(b.column),
  );
}

/** badRows counts the distinct rows with at least one problem. */
export function badRows(problems: readonly CellProblem[]): number {
  return new Set(problems.filter((p) => p.row !== undefined).map((p) => `${p.sheet}!${p.row}`)).size;
}
