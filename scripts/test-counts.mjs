// The closing line's arithmetic, kept apart from the runner so it can be tested.

/** Vitest's JSON report: a suite that failed to load counts as a failure too. */
export function vitestCounts(report) {
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/**
 * Playwright's JSON `stats`. A flaky test (failed, then passed on a retry) counts as FAILED: a
 * suite that only passes when retried is not a suite you can trust.
 */
export function playwrightCounts(stats) {
  return {
    passed: stats.expected ?? 0,
    failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0),
    skipped: stats.skipped ?? 0,
  };
}
