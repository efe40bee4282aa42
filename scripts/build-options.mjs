// The one esbuild setup for the CLI, shared by scripts/build.mjs and the tests' private builds.
import { readFileSync } from 'node:fs';
import { fastFields } from './esbuild-fast-fields.mjs';
import { webAssets } from './esbuild-web-assets.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * The tool-call guard, a file of its own beside the entry, in one piece: it starts on every
 * tool call, and each chunk it would share with the rest costs one more module load.
 */
export const HOOK_TOOL = { 'hook-tool': 'src/cli/hook-tool.ts' };

/** bin.ts imports the guard as that file at run time (from the sources it is the .ts beside it). */
const guardApart = {
  name: 'guard-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/hook-tool\.js$/ }, (a) =>
      a.importer.endsWith('/src/cli/bin.ts') ? { path: './hook-tool.js', external: true } : undefined,
    );
  },
};

/**
 * esbuild options writing `entryPoints` into `outdir`; `buildId` keys the check cache. Build
 * HOOK_TOOL with `whole` (no chunks) into the same folder as the entry.
 */
export function buildOptions({ outdir, entryPoints, buildId, absWorkingDir, whole = false }) {
  return {
    absWorkingDir,
    entryPoints,
    outdir,
    bundle: true,
    splitting: !whole,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    define: {
      __KILLDATE_VERSION__: JSON.stringify(pkg.version),
      // a fresh id per build: the check cache never serves findings of older rules
      __KILLDATE_BUILD__: JSON.stringify(buildId),
    },
    plugins: [fastFields, webAssets, guardApart],
    banner: {
      // CommonJS dependencies bundled into ESM need require, __filename and __dirname
      js: [
        "import { createRequire as __kdRequire } from 'node:module';",
        "import { fileURLToPath as __kdPath } from 'node:url';",
        'const require = __kdRequire(import.meta.url);',
        'const __filename = __kdPath(import.meta.url);',
        "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
      ].join(' '),
    },
    legalComments: 'none',
    logLevel: 'warning',
  };
}
