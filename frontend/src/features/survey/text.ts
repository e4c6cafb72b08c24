import type { SurveyQuestion } from './api';

/** questionText is an item's question in the page's language (Indonesian when there is no English). */
export function questionText(q: SurveyQuestion, lang: string): { question: string; name: string } {
  if (lang === 'en') return { question: q.question_en || q.question || q.name_en || q.name, name: q.name_en || q.name };
  return { question: q.question || q.name, name: q.name };
}

/** fieldErrorsOf keys a problem's field errors by field (first error of each). */
export function fieldErrorsOf(errors: readonly { field: string; code: string; message: string }[]): Record<string, { code: string; message: string }> {
  const out: Record<string, { code: string; message: string }> = {};
  for (const e of errors) if (!(e.field in out)) out[e.field] = e;
  return out;
}
