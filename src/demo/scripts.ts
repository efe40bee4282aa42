// The example's deploy tooling: small node scripts that stand in for a host, offline. A deploy
// copies the release into deploy/<target>/ (ignored by git), the health check boots that copy
// and asks /health, the logs are the lines the scripts append to deploy/<target>/app.log.
import type { DemoDates, DemoFiles } from './tree.js';

export const scriptFiles = (d: DemoDates): DemoFiles => ({
  'scripts/probe.mjs': `// Start src/server.js of a folder on a free port, GET one path, stop it: { status, body }.
import { spawn } from 'node:child_process';

export function probe(dir, path = '/health', timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PORT: '0' };
    const child = spawn(process.execPath, ['src/server.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => child.kill(), timeoutMs);
    let out = '';
    child.on('exit', (code) => reject(new Error(\`the server in \${dir} stopped (\${code ?? 'killed'}) before answering\`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const port = /http:\\/\\/127\\.0\\.0\\.1:(\\d+)/.exec(out)?.[1];
      if (!port) return;
      child.stdout.removeAllListeners('data');
      fetch(\`http://127.0.0.1:\${port}\${path}\`)
        .then(async (res) => resolve({ status: res.status, body: await res.text() }), reject)
        .finally(() => {
          clearTimeout(timer);
          child.kill();
        });
    });
  });
}
`,
  'scripts/boot.mjs': `// Boot this checkout: start the server on a free port and ask /health (\`killdate boot <tag>\`).
import { probe } from './probe.mjs';

const r = await probe('.');
if (r.status !== 200) {
  console.error(\`boot: /health answered \${r.status}\`);
  process.exit(1);
}
console.log(\`boot: quillbill \${JSON.parse(r.body).version} answered /health\`);
`,
  'scripts/deploy.mjs': `// Deploy the working tree to a stand-in host: deploy/<target>/release gets src/ and package.json,
// deploy/<target>/release.json says what runs there. Replace with your host's CLI.
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const target = process.argv[2] ?? 'staging';
if (!['staging', 'production'].includes(target)) {
  console.error(\`deploy: unknown target \${target}: expected staging or production\`);
  process.exit(2);
}
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const host = \`deploy/\${target}\`;
rmSync(\`\${host}/release\`, { recursive: true, force: true });
mkdirSync(\`\${host}/release\`, { recursive: true });
cpSync('src', \`\${host}/release/src\`, { recursive: true });
cpSync('package.json', \`\${host}/release/package.json\`);
const at = new Date().toISOString();
writeFileSync(\`\${host}/release.json\`, \`\${JSON.stringify({ version, at }, null, 2)}\\n\`);
appendFileSync(\`\${host}/app.log\`, \`\${at} info deploy quillbill \${version}\\n\`);
console.log(\`deploy \${target}: quillbill \${version} copied to \${host}/release\`);
`,
  'scripts/health.mjs': `// Is the deployed release running? Boot deploy/<target>/release, ask /health, and compare the
// version it answers with the one release.json says was deployed. The check is logged.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { probe } from './probe.mjs';

const target = process.argv[2] ?? 'production';
const host = \`deploy/\${target}\`;
if (!existsSync(\`\${host}/release.json\`)) {
  console.error(\`health: nothing is deployed to \${target} (no \${host}/release.json)\`);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(\`\${host}/release.json\`, 'utf8'));
const r = await probe(\`\${host}/release\`);
const got = r.status === 200 ? JSON.parse(r.body).version : undefined;
const level = got === version ? 'info' : 'error';
appendFileSync(\`\${host}/app.log\`, \`\${new Date().toISOString()} \${level} GET /health \${r.status} \${got ?? '-'}\\n\`);
if (got !== version) {
  console.error(\`health: \${target} answered \${r.status} with version \${got}: expected \${version}\`);
  process.exit(1);
}
console.log(\`health: \${target} runs quillbill \${version} (GET /health 200)\`);
`,
  'scripts/smoke.mjs': `// The automated check against a deployed release: the invoice list renders with its totals.
import { probe } from './probe.mjs';

const target = process.argv[2] ?? 'staging';
const r = await probe(\`deploy/\${target}/release\`, '/');
const want = ['Q-101', 'EUR 1,440.00', 'EUR 1,620.00'];
const missing = want.filter((w) => !r.body.includes(w));
if (r.status !== 200 || missing.length) {
  console.error(\`smoke \${target}: GET / answered \${r.status}, missing \${missing.join(', ') || 'nothing'}\`);
  process.exit(1);
}
console.log(\`smoke \${target}: the invoice list renders \${want.length} expected values\`);
`,
  'scripts/logs.mjs': `// The last log lines of a stand-in host (deploy/<target>/app.log). Exits 1 when one of them is
// an error, so a canary window with errors is not clean.
import { existsSync, readFileSync } from 'node:fs';

const target = process.argv[2] ?? 'production';
const file = \`deploy/\${target}/app.log\`;
const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\\n').filter(Boolean).slice(-20) : [];
for (const line of lines) console.log(line);
const errors = lines.filter((l) => / error /.test(l));
console.log(\`logs \${target}: \${lines.length} lines, \${errors.length} errors\`);
process.exit(errors.length ? 1 : 0);
`,
  'scripts/flag.mjs': `// Move a feature flag of production to a canary stage, or off: deploy/production/flags.json.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const [flag, stage] = process.argv.slice(2);
if (!flag || !stage) {
  console.error('flag: expected <flag> <stage|off>');
  process.exit(2);
}
const file = 'deploy/production/flags.json';
mkdirSync('deploy/production', { recursive: true });
const flags = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
flags[flag] = stage;
writeFileSync(file, \`\${JSON.stringify(flags, null, 2)}\\n\`);
appendFileSync('deploy/production/app.log', \`\${new Date().toISOString()} info flag \${flag} \${stage}\\n\`);
console.log(\`flag \${flag}: \${stage}\`);
`,
  'scripts/migrate.mjs': `// Schema migrations of the stand-in production store, deploy/production/store.json. Each file of
// migrations/ exports up(store) and down(store). No argument: apply the pending ones in order;
// --applied: print the applied names; --rollback: undo the last applied one.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const file = 'deploy/production/store.json';
const store = existsSync(file)
  ? JSON.parse(readFileSync(file, 'utf8'))
  : { applied: [], invoices: [{ id: 'Q-101', due: '${d.ago(25)}', paid: false }, { id: 'Q-102', due: '${d.ahead(15)}', paid: true }] };
const load = (name) => import(pathToFileURL(resolve('migrations', \`\${name}.mjs\`)).href);
const save = () => {
  mkdirSync('deploy/production', { recursive: true });
  writeFileSync(file, \`\${JSON.stringify(store, null, 2)}\\n\`);
};
const mode = process.argv[2];
if (mode === '--applied') {
  for (const name of store.applied) console.log(name);
} else if (mode === '--rollback') {
  const name = store.applied.pop();
  if (!name) console.log('migrate: nothing to roll back');
  else {
    (await load(name)).down(store);
    save();
    console.log(\`migrate: rolled back \${name}\`);
  }
} else {
  const all = readdirSync('migrations').filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4)).sort();
  for (const name of all.filter((n) => !store.applied.includes(n))) {
    (await load(name)).up(store);
    store.applied.push(name);
    console.log(\`migrate: applied \${name}\`);
  }
  save();
}
`,
});
