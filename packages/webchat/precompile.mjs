// esbuild plugin: ships the widget's ICU messages as ASTs parsed at build time, and swaps the ICU
// parser for FormatJS's parser-less build, so the bundle carries the formatter only (~2.6 KB gzipped
// instead of ~10 KB). A malformed message fails the build here instead of in a customer's browser.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { transform } from 'esbuild';
import { IntlMessageFormat } from 'intl-messageformat';


export function precompiledMessages(messagesFile) {
  return {
    name: 'precompiled-messages',
    setup(build) {
      build.onResolve({ filter: /^@formatjs\/icu-messageformat-parser$/ }, (args) => {
        const from = createRequire(args.importer);
        return { path: from.resolve('@formatjs/icu-messageformat-parser/no-parser.js') };
      });
      build.onLoad({ filter: /[\\/]messages\.ts$/ }, async (args) => {
        if (args.path !== messagesFile) return undefined;
        const ts = await readFile(args.path, 'utf8');
        const { code } = await transform(ts, { loader: 'ts', format: 'esm' });
        const tables = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
        const out = Object.entries(tables).map(([name, table]) => {
          const asts = Object.fromEntries(Object.entries(table).map(([key, msg]) => [key, new IntlMessageFormat(msg, 'en', undefined, { ignoreTag: true }).getAst()]));
          return `export const ${name} = ${JSON.stringify(asts)};`;
        });
        return { contents: out.join('\n'), loader: 'js' };
      });
    },
  };
}
