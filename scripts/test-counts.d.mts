export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
export function vitestCounts(report: {
  numPassedTests?: number;
  numFailedTests?: number;
  numFailedTestSuites?: number;
  numPendingTests?: number;
  numTodoTests?: number;
}): Counts;
export function playwrightCounts(stats: { expected?: number; unexpected?: number; flaky?: number; skipped?: number }): Counts;
