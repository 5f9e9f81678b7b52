import { describe, expect, it } from 'vitest';
import { playwrightCounts, vitestCounts } from './test-counts.mjs';

describe('the closing line of npm test', () => {
  it('counts a browser test that passed only on a retry (flaky) as failed', () => {
    expect(playwrightCounts({ expected: 26, unexpected: 0, flaky: 1, skipped: 2 })).toEqual({ passed: 26, failed: 1, skipped: 2 });
  });

  it('counts a vitest file that failed to load as a failure', () => {
    expect(vitestCounts({ numPassedTests: 10, numFailedTests: 1, numFailedTestSuites: 1, numPendingTests: 1, numTodoTests: 1 })).toEqual({
      passed: 10,
      failed: 2,
      skipped: 2,
    });
  });
});
