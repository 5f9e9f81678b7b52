// Bundles the widget into one minified IIFE and enforces its size budget (gzipped).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { precompiledMessages } from './precompile.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist/widget.js');
const BUDGET = 30 * 1024; // hard limit; the target is < 20 KB

const options = {
  entryPoints: [join(here, 'src/widget.ts')],
  outfile: out,
  bundle: true,
  format: 'iife',
  minify: !process.argv.includes('--no-minify'),
  sourcemap: false,
  target: 'es2020',
  platform: 'browser',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [precompiledMessages(join(here, 'src/messages.ts'))],
};

await build(options);

const raw = readFileSync(out);
const gz = gzipSync(raw, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`webchat: dist/widget.js ${kb(raw.length)} raw, ${kb(gz)} gzipped (budget ${kb(BUDGET)})`);
if (gz > BUDGET) {
  console.error(`webchat: widget.js is over its ${kb(BUDGET)} gzipped budget`);
  process.exit(1);
}
