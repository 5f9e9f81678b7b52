#!/usr/bin/env node
// `npm test`: the type check, then every suite — unit, property and integration (vitest), then the browser tests
// (Playwright on Debian's Chromium) — and one closing line `N passed, N failed` over all of them.
// Each suite runs even when an earlier one failed; the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = '.ci-results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const only = process.argv[2]; // optional: "unit" or "e2e"

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let exit = 0;

if (!only) {
  // Type errors count as one failure (they are not tests, so a clean check adds nothing).
  if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) {
    console.error('typecheck failed');
    totals.failed += 1;
    exit = 1;
  }
}

if (only !== 'e2e') {
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/vitest.json`]);
  const file = `${RESULTS}/vitest.json`;
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + (r.numFailedTestSuites ?? 0);
    totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } else totals.failed += 1;
  if (code !== 0) exit = 1;
}

if (only !== 'unit') {
  const build = run('npm', ['run', '--silent', 'build:web']);
  if (build !== 0) {
    totals.failed += 1;
    exit = 1;
  } else {
    const code = run('npx', ['playwright', 'test']);
    const file = `${RESULTS}/playwright.json`;
    if (existsSync(file)) {
      const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
      totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
      totals.failed += s.unexpected ?? 0;
      totals.skipped += s.skipped ?? 0;
    } else if (code !== 0) totals.failed += 1;
    if (code !== 0) exit = 1;
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exit);
