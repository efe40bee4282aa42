// Bundle the CLI into dist/: a tiny entry (killdate.js) and lazily loaded modules, so
// `killdate --version` starts fast, and the tool-call guard as one file (hook-tool.js) beside
// it (see build-options.mjs). Also bundles the library entry (index.mjs) and writes the token
// table (cl100k.bin).
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { buildCli } from './build-options.mjs';
import { TOKEN_TABLE, writeTokenTable } from './token-table.mjs';

// Build into a fresh folder and swap it in only when the build succeeds: a failed build (or
// one running beside another) never leaves the checkout without a working dist/.
const dist = new URL('../dist', import.meta.url);
const next = new URL(`../dist.next-${process.pid}`, import.meta.url);
rmSync(next, { recursive: true, force: true });

try {
  const buildId = Date.now().toString(36);
  const outdir = next.pathname;
  await buildCli({ outdir, buildId, library: true });
  writeTokenTable(`${outdir}/${TOKEN_TABLE}`);
} catch (e) {
  rmSync(next, { recursive: true, force: true });
  throw e;
}

// the bin runs as an executable once npm links it: it needs a hashbang and the x bit
const bin = new URL('killdate.js', `${next.href}/`);
const entry = readFileSync(bin, 'utf8');
if (!entry.startsWith('#!')) writeFileSync(bin, `#!/usr/bin/env node\n${entry}`);
chmodSync(bin, 0o755);

const old = new URL(`../dist.old-${process.pid}`, import.meta.url);
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
