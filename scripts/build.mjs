// Bundle the CLI into dist/: a tiny entry (killdate.js) and lazily loaded chunks, so
// `killdate --version` and agent hooks start fast. Also bundles the library entry.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { killdate: 'src/cli/bin.ts', index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __KILLDATE_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    js: "import { createRequire as __kdRequire } from 'node:module'; const require = __kdRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
