#!/usr/bin/env node
// summary.mjs reads a Vitest or Playwright JSON report and prints the one
// plain line CI reads ("vitest: 42 passed, 0 failed"), after the details of
// any failure. It exits non-zero when anything failed, when no test ran, or
// when the report is missing or unreadable (a crashed run must not pass).
//
//   node scripts/summary.mjs vitest reports/vitest.json
//   node scripts/summary.mjs playwright reports/playwright.json

import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * summarize turns a parsed report into counts and failure details.
 * @param {'vitest' | 'playwright'} kind
 * @param {any} report
 * @returns {{ passed: number, failed: number, skipped: number, failures: string[], ok: boolean }}
 */
export function summarize(kind, report) {
  if (kind === 'vitest') return summarizeVitest(report);
  if (kind === 'playwright') return summarizePlaywright(report);
  throw new Error(`unknown report kind ${kind}`);
}

function summarizeVitest(r) {
  const failures = [];
  for (const file of r.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedTests) {
      failures.push(`${file.name} › ${a.fullName}\n    ${firstLines(a.failureMessages?.join('\n'))}`);
    }
    // A file that failed to load has no failed test, only a message.
    if (file.status === 'failed' && failedTests.length === 0) {
      failures.push(`${file.name}\n    ${firstLines(file.message)}`);
    }
  }
  const passed = r.numPassedTests ?? 0;
  const failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  const ok = failed === 0 && failures.length === 0 && passed > 0 && r.success !== false;
  return { passed, failed: Math.max(failed, failures.length), skipped, failures, ok };
}

function summarizePlaywright(r) {
  const failures = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected') {
          const last = test.results?.[test.results.length - 1];
          const msg = last?.error?.message ?? last?.errors?.[0]?.message ?? '';
          failures.push(`${[...path, spec.title].join(' › ')} (${test.projectName || 'default'})\n    ${firstLines(msg)}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const s of r.suites ?? []) walk(s, [s.title]);
  for (const e of r.errors ?? []) failures.push(`error outside tests\n    ${firstLines(e.message ?? String(e))}`);
  const st = r.stats ?? {};
  const passed = (st.expected ?? 0) + (st.flaky ?? 0);
  const failed = (st.unexpected ?? 0) + (r.errors?.length ?? 0);
  const skipped = st.skipped ?? 0;
  const ok = failed === 0 && passed > 0;
  return { passed, failed, skipped, failures, ok };
}

function firstLines(s, n = 8) {
  // Strip colour codes: the report keeps them, a CI log may not render them.
  return String(s ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .slice(0, n)
    .join('\n    ');
}

/** line formats the closing line. */
export function line(kind, s) {
  return `${kind}: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`;
}

function main([kind, file]) {
  if (!kind || !file) {
    console.error('usage: node scripts/summary.mjs vitest|playwright REPORT.json');
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`${kind}: no report at ${file}: the run crashed before writing it (see the output above)`);
    console.log(`${kind}: 0 passed, 1 failed`);
    return 1;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`${kind}: cannot read ${file}: ${err.message}`);
    console.log(`${kind}: 0 passed, 1 failed`);
    return 1;
  }
  const s = summarize(kind, report);
  for (const f of s.failures) console.error(`FAIL ${f}\n`);
  if (s.passed === 0 && s.failed === 0) console.error(`${kind}: no test ran`);
  console.log(line(kind, s));
  return s.ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
