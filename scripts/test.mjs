#!/usr/bin/env node
// `npm test`: the type check and the lint (with the dependency-direction rules), then every suite — unit,
// property and integration (vitest), then the browser tests (Playwright on Debian's Chromium) — and one
// closing line `N passed, N failed, N skipped` over all of them. No retries: a browser test that passes
// only on a retry counts as failed. Each step runs even when an earlier one failed; the exit code is
// non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { playwrightCounts, vitestCounts } from './test-counts.mjs';

const RESULTS = '.ci-results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const only = process.argv[2]; // optional: "unit" or "e2e"

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let exit = 0;
const add = (c) => {
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
};

if (!only) {
  // Type errors and lint findings count as one failure each (they are not tests, so a clean check adds nothing).
  if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) {
    console.error('typecheck failed');
    totals.failed += 1;
    exit = 1;
  }
  if (run('npm', ['run', '--silent', 'lint']) !== 0) {
    console.error('lint failed');
    totals.failed += 1;
    exit = 1;
  }
}

if (only !== 'e2e') {
  const code = run('npx', ['vitest', 'run', '--retry=0', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}/vitest.json`]);
  const file = `${RESULTS}/vitest.json`;
  if (existsSync(file)) add(vitestCounts(JSON.parse(readFileSync(file, 'utf8'))));
  else totals.failed += 1;
  if (code !== 0) exit = 1;
}

// PARLEY_ALSO_NODE=<a node binary, e.g. Node 22>: the suites where the Node version matters run on it too
// (on SQLite), so a second supported Node version is tested, not only claimed: every package's unit and
// storage tests (the native SQLite addon), and server tests that boot a real server and speak HTTP, WebSocket,
// SMTP, webhooks and files. The rest of the server suite repeats those paths and would add minutes to CI.
const ALSO_NODE_SUITES = [
  'packages/core', 'packages/protocol', 'packages/channels', 'packages/storage', 'packages/simulator', 'packages/desktop',
  'packages/server/src', 'packages/server/test/api.test.ts', 'packages/server/test/chat.test.ts', 'packages/server/test/restart.test.ts',
  'packages/server/test/resume.test.ts', 'packages/server/test/shutdown.test.ts', 'packages/server/test/pipeline-webhooks.test.ts',
  'packages/server/test/email-pipeline.test.ts', 'packages/server/test/attachments.test.ts', 'packages/server/test/sessions.test.ts',
];
const alsoNode = process.env.PARLEY_ALSO_NODE;
if (alsoNode && only !== 'e2e') {
  const env = { ...process.env };
  delete env.PARLEY_TEST_DATABASE_URL;
  const version = spawnSync(alsoNode, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  console.log(`\n== vitest again on Node ${version} (SQLite; the suites where the Node version matters)`);
  const file = `${RESULTS}/vitest-also-node.json`;
  const code = run(alsoNode, ['node_modules/vitest/vitest.mjs', 'run', ...ALSO_NODE_SUITES, '--retry=0', '--reporter=dot', '--reporter=json', `--outputFile.json=${file}`], env);
  if (existsSync(file)) add(vitestCounts(JSON.parse(readFileSync(file, 'utf8'))));
  else totals.failed += 1;
  if (code !== 0) exit = 1;
}

if (only !== 'unit') {
  const build = run('npm', ['run', '--silent', 'build:web']);
  if (build !== 0) {
    totals.failed += 1;
    exit = 1;
  } else {
    const code = run('npx', ['playwright', 'test', '--fail-on-flaky-tests']);
    const file = `${RESULTS}/playwright.json`;
    if (existsSync(file)) add(playwrightCounts(JSON.parse(readFileSync(file, 'utf8')).stats ?? {}));
    else if (code !== 0) totals.failed += 1;
    if (code !== 0) exit = 1;
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exit);
