import { describe, expect, it } from 'vitest';
import { line, summarize } from './summary.mjs';

describe('summary', () => {
  it('counts a green vitest run', () => {
    const s = summarize('vitest', { numPassedTests: 3, numFailedTests: 0, numFailedTestSuites: 0, success: true, testResults: [] });
    expect(s.ok).toBe(true);
    expect(line('vitest', s)).toBe('vitest: 3 passed, 0 failed');
  });

  it('fails a vitest run with a failing test, and says which', () => {
    const s = summarize('vitest', {
      numPassedTests: 2,
      numFailedTests: 1,
      success: false,
      testResults: [
        { name: 'a.test.ts', status: 'failed', assertionResults: [{ status: 'failed', fullName: 'x works', failureMessages: ['boom'] }] },
      ],
    });
    expect(s.ok).toBe(false);
    expect(line('vitest', s)).toBe('vitest: 2 passed, 1 failed');
    expect(s.failures[0]).toContain('x works');
  });

  it('fails a vitest run where a file did not even load', () => {
    const s = summarize('vitest', {
      numPassedTests: 5,
      numFailedTests: 0,
      numFailedTestSuites: 1,
      success: false,
      testResults: [{ name: 'b.test.ts', status: 'failed', message: 'SyntaxError', assertionResults: [] }],
    });
    expect(s.ok).toBe(false);
    expect(s.failed).toBe(1);
  });

  it('fails a run in which no test ran', () => {
    expect(summarize('vitest', { numPassedTests: 0, numFailedTests: 0, testResults: [] }).ok).toBe(false);
  });

  it('counts playwright stats, flaky as passed, skipped apart', () => {
    const s = summarize('playwright', { stats: { expected: 7, unexpected: 0, flaky: 1, skipped: 2 }, suites: [], errors: [] });
    expect(s.ok).toBe(true);
    expect(line('playwright', s)).toBe('playwright: 8 passed, 0 failed, 2 skipped');
  });

  it('fails playwright on an unexpected result or a global error', () => {
    const report = {
      stats: { expected: 1, unexpected: 1, flaky: 0, skipped: 0 },
      suites: [
        {
          title: 'landing.spec.ts',
          specs: [{ title: 'loads', tests: [{ status: 'unexpected', projectName: 'chromium', results: [{ error: { message: 'timeout' } }] }] },
          ],
        },
      ],
      errors: [{ message: 'config broke' }],
    };
    const s = summarize('playwright', report);
    expect(s.ok).toBe(false);
    expect(s.failed).toBe(2);
    expect(s.failures.join('\n')).toContain('landing.spec.ts › loads');
  });
});
