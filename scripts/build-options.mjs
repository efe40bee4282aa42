// The one esbuild setup for the CLI, shared by scripts/build.mjs and the tests' private builds.
// The entry (killdate.js) and the tool-call guard (hook-tool.js) are CommonJS: a guard hook
// then starts without Node's ES module loader (about 8 ms of every tool call). Everything
// else is ES modules (.mjs: main, terminal, the library's index and their shared chunks),
// which the entry imports when a command needs them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fastFields } from './esbuild-fast-fields.mjs';
import { webAssets } from './esbuild-web-assets.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * The tool-call guard, a file of its own beside the entry, in one piece: it starts on every
 * tool call, and each chunk it would share with the rest costs one more module load.
 */
const HOOK_TOOL = { 'hook-tool': 'src/cli/hook-tool.ts' };

/** What bin.ts imports at run time, as the files beside it in dist/ (from the sources, the .ts beside it). */
const BESIDE_THE_ENTRY = {
  './hook-tool.js': './hook-tool.js',
  './main.js': './main.mjs',
  './terminal.js': './terminal.mjs',
};

const besideTheEntry = {
  name: 'beside-the-entry',
  setup(b) {
    b.onResolve({ filter: /^\.\/(hook-tool|main|terminal)\.js$/ }, (a) =>
      a.importer.endsWith('/src/cli/bin.ts') ? { path: BESIDE_THE_ENTRY[a.path], external: true } : undefined,
    );
  },
};

function common({ outdir, buildId, absWorkingDir }) {
  return {
    absWorkingDir,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    define: {
      __KILLDATE_VERSION__: JSON.stringify(pkg.version),
      // a fresh id per build: the check cache never serves findings of older rules
      __KILLDATE_BUILD__: JSON.stringify(buildId),
    },
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/** The ES modules: `entryPoints` and their shared chunks, as .mjs. */
function moduleOptions(at, entryPoints) {
  return {
    ...common(at),
    entryPoints,
    splitting: true,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
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
  };
}

/** One CommonJS file, whole. */
function commonjsOptions(at, entryPoints) {
  return { ...common(at), entryPoints, format: 'cjs', plugins: [fastFields, besideTheEntry] };
}

/**
 * Build the CLI into `outdir` (the library entry index.mjs too, with `library`). Its
 * package.json marks the .js files CommonJS, whatever the package's own type.
 */
export async function buildCli({ outdir, buildId, absWorkingDir, library = false, logLevel }) {
  const at = { outdir, buildId, absWorkingDir };
  const quiet = (o) => (logLevel ? { ...o, logLevel } : o);
  await build(
    quiet(
      moduleOptions(at, {
        main: 'src/cli/main.ts',
        terminal: 'src/cli/terminal.ts',
        ...(library ? { index: 'src/index.ts' } : {}),
      }),
    ),
  );
  await build(quiet(commonjsOptions(at, { killdate: 'src/cli/bin.ts', ...HOOK_TOOL })));
  writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
}
