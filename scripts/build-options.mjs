// The one esbuild setup for the CLI, shared by scripts/build.mjs and the tests' private builds.
import { readFileSync } from 'node:fs';
import { fastFields } from './esbuild-fast-fields.mjs';
import { webAssets } from './esbuild-web-assets.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** esbuild options writing `entryPoints` into `outdir`; `buildId` keys the check cache. */
export function buildOptions({ outdir, entryPoints, buildId, absWorkingDir }) {
  return {
    absWorkingDir,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    define: {
      __KILLDATE_VERSION__: JSON.stringify(pkg.version),
      // a fresh id per build: the check cache never serves findings of older rules
      __KILLDATE_BUILD__: JSON.stringify(buildId),
    },
    plugins: [fastFields, webAssets],
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
