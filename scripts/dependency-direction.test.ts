import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The dependency direction is enforced by biome.json (noNodejsModules and noRestrictedImports per
 * folder). These probes run the repository's own lint config over files placed where real code
 * lives, so a config edit that silently drops a rule fails here.
 */
const ROOT = resolve(import.meta.dirname, '..');

const PROBES: Record<string, string> = {
  'packages/core/src/probe-node.ts': "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
  'packages/core/src/probe-io.ts':
    "import pino from 'pino';\nimport { sql } from 'kysely';\nimport { openDatabase } from '@parley/storage';\nexport const probe = [pino, sql, openDatabase];\n",
  'packages/protocol/src/probe-io.ts': "import WebSocket from 'ws';\nimport fastify from 'fastify';\nexport const probe = [WebSocket, fastify];\n",
  'packages/desktop/src/probe-node.ts': "import { join } from 'node:path';\nexport const probe = join;\n",
  'packages/webchat/src/probe-server.ts': "import { orderedId } from '../../server/src/app/ordered-id';\nexport const probe = orderedId;\n",
  'packages/storage/src/probe-server.ts': "import { startServer } from '@parley/server';\nexport const probe = startServer;\n",
  'packages/simulator/src/probe-channels.ts':
    "import { verifyMetaSignature } from '@parley/channels';\nimport { twilioSignature } from '../../channels/src/sms/signature';\nimport { startServer } from '@parley/server';\nexport const probe = [verifyMetaSignature, twilioSignature, startServer];\n",
  'packages/server/src/probe-simulator.ts':
    "import { startSimulator } from '@parley/simulator';\nimport { DEMO_ACCOUNTS } from '../../simulator/src/config';\nexport const probe = [startSimulator, DEMO_ACCOUNTS];\n",
  'e2e/probe-server.ts': "import { startServer } from '../packages/server/src/server';\nexport const probe = startServer;\n",
  // Allowed: storage does I/O; the server imports anything.
  'packages/storage/src/probe-ok.ts': "import { readFileSync } from 'node:fs';\nimport { sql } from 'kysely';\nexport const probe = [readFileSync, sql];\n",
  'packages/server/src/probe-ok.ts': "import { readFileSync } from 'node:fs';\nimport { orderedId } from './app/ordered-id';\nexport const probe = [readFileSync, orderedId];\n",
};

interface Diagnostic {
  category: string;
  location: { path: string };
}

let dir = '';
let byFile = new Map<string, string[]>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-lint-'));
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8')) as Record<string, unknown>;
  delete config.vcs; // the probe tree is no git checkout
  delete config.$schema;
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  for (const [path, text] of Object.entries(PROBES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(join(ROOT, 'node_modules/.bin/biome'), ['lint', '--reporter=json', '--max-diagnostics=none', '.'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(r.stdout) as { diagnostics: Diagnostic[] };
  byFile = new Map();
  for (const d of report.diagnostics) byFile.set(d.location.path, [...(byFile.get(d.location.path) ?? []), d.category]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const found = (path: string) => byFile.get(path) ?? [];

describe('dependency direction (biome.json)', () => {
  it('core and protocol import no node: module and no I/O library', () => {
    expect(found('packages/core/src/probe-node.ts')).toEqual(['lint/correctness/noNodejsModules']);
    expect(found('packages/core/src/probe-io.ts')).toEqual(Array(3).fill('lint/style/noRestrictedImports'));
    expect(found('packages/protocol/src/probe-io.ts')).toEqual(Array(2).fill('lint/style/noRestrictedImports'));
  });

  it('the browser apps import no node: module', () => {
    expect(found('packages/desktop/src/probe-node.ts')).toEqual(['lint/correctness/noNodejsModules']);
  });

  it('nothing outside packages/server imports the server, by name or by path', () => {
    expect(found('packages/webchat/src/probe-server.ts')).toEqual(['lint/style/noRestrictedImports']);
    expect(found('packages/storage/src/probe-server.ts')).toEqual(['lint/style/noRestrictedImports']);
    expect(found('e2e/probe-server.ts')).toEqual(['lint/style/noRestrictedImports']);
  });

  it('the provider simulator imports neither Parley’s channel parsers nor the server', () => {
    expect(found('packages/simulator/src/probe-channels.ts')).toEqual(Array(3).fill('lint/style/noRestrictedImports'));
  });

  it('the server does not import the provider simulator (a demo and test tool it reaches over HTTP)', () => {
    expect(found('packages/server/src/probe-simulator.ts')).toEqual(Array(2).fill('lint/style/noRestrictedImports'));
  });

  it('storage may do I/O and the server may import anything else', () => {
    expect(found('packages/storage/src/probe-ok.ts')).toEqual([]);
    expect(found('packages/server/src/probe-ok.ts')).toEqual([]);
  });
});
