// Secrets never reach a file, a commit or the terminal. Property: every kind of secret the
// redactor knows, placed anywhere in the output of the executor, the planner and a failing
// VALIDATE command (stdout and stderr), never appears in any file under the repo (.killdate/
// and .git/ included), in git's history, nor on killdate's stdout/stderr. Real git repo, the
// built CLI, a scripted executor and planner; the secrets come from files outside the repo.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addBug, addLearning } from '../../src/api/registers.js';
import { runCommand } from '../../src/ship/run.js';
import { CLI, type Repo, runCli } from '../gates/repo.js';
import { PREFS, readyRepo } from '../orchestrator/fixture.js';

let repo: Repo | undefined;
const outside = mkdtempSync(join(tmpdir(), 'killdate-secrets-'));
afterEach(() => repo?.cleanup());

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const chars = (alphabet: string, min: number, max = min) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const entropy = (s: string) => {
  const n = new Map<string, number>();
  for (const c of s) n.set(c, (n.get(c) ?? 0) + 1);
  return [...n.values()].reduce((h, k) => h - (k / s.length) * Math.log2(k / s.length), 0);
};

/** A secret as it is printed, and the parts that must never be seen again. */
interface Secret {
  kind: string;
  text: string;
  parts: string[];
  env?: [string, string];
}
const whole =
  (kind: string) =>
  (text: string): Secret => ({ kind, text, parts: [text] });

const secrets: fc.Arbitrary<Secret>[] = [
  chars(`${B62}_-`, 24, 48).map((s) => whole('anthropic')(`sk-ant-api03-${s}`)),
  chars(B62, 40, 48).map((s) => whole('openai')(`sk-proj-${s}`)),
  chars(B62, 36).map((s) => whole('github')(`ghp_${s}`)),
  chars(`${B62}_-`, 20).map((s) => whole('gitlab')(`glpat-${s}`)),
  fc.tuple(chars('0123456789', 10, 13), chars(B62, 24)).map(([a, b]) => whole('slack')(`xoxb-${a}-${b}`)),
  chars(`${B62}_-`, 35).map((s) => whole('google')(`AIza${s}`)),
  fc
    .tuple(fc.constantFrom('sk_live_', 'rk_live_'), chars(B62, 24, 99))
    .map(([p, s]) => whole('stripe')(`${p}${s}`)),
  fc.tuple(fc.constantFrom('AC', 'SK'), chars(HEX, 32)).map(([p, s]) => whole('twilio')(`${p}${s}`)),
  fc.tuple(chars(`${B62}_-`, 22), chars(`${B62}_-`, 43)).map(([a, b]) => whole('sendgrid')(`SG.${a}.${b}`)),
  chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16).map((s) => whole('aws-id')(`AKIA${s}`)),
  fc
    .tuple(chars(`${B62}/+`, 37), fc.nat(37))
    .map(([s, i]) => whole('aws-secret')(`${s.slice(0, i)}Aa1${s.slice(i)}`)),
  fc
    .tuple(chars(`${B62}_-`, 10, 30), chars(`${B62}_-`, 10, 60), chars(`${B62}_-`, 20, 43))
    .map(([h, p, s]) => whole('jwt')(`eyJ${h}.eyJ${p}.${s}`)),
  fc.array(chars(`${B62}+/`, 64), { minLength: 2, maxLength: 5 }).map((body) => ({
    kind: 'pem',
    text: `-----BEGIN RSA PRIVATE KEY-----\n${body.join('\n')}\n-----END RSA PRIVATE KEY-----`,
    parts: body,
  })),
  fc
    .tuple(fc.constantFrom('postgres', 'mysql', 'https', 'redis'), chars(B62, 12, 24))
    .map(([scheme, pw]) => ({
      kind: 'url',
      text: `${scheme}://app_user:${pw}@db.example.com:5432/app`,
      parts: [pw],
    })),
  fc
    .tuple(fc.constantFrom('password=', 'passwd: ', 'DB_PASSWORD=', '"password": "'), chars(B62, 12, 24))
    .map(([label, pw]) => ({ kind: 'password', text: `${label}${pw}`, parts: [pw] })),
  // by value: the run's environment, whatever the variable's name
  fc
    .tuple(fc.constantFrom('DB_PASS', 'APP_CFG_VALUE', 'SERVICE_X'), chars(`${B62}-_`, 20, 40))
    .filter(([, v]) => entropy(v) > 3.5 && /\d/.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v))
    .map(([name, v]) => ({ kind: 'env', text: v, parts: [v], env: [name, v] as [string, string] })),
];

const STREAMS = ['executor', 'executor-err', 'validate', 'validate-err', 'planner'] as const;
type Stream = (typeof STREAMS)[number];
/** a backslash and a letter: a line break and a tab as JSON or a stack trace writes them */
const SEP = fc.constantFrom(' ', ': ', ' = ', '"', "'", '(', '\t', '', '\\n', '\\t');
const WORDS = fc.constantFrom('', 'connecting with', 'token', 'debug', 'Authorization:', 'got');
/** Every kind of secret once, each in a random stream between random words. */
const placedAll = fc.tuple(
  ...secrets.map((secret) =>
    fc.record({
      secret,
      stream: fc.constantFrom(...STREAMS),
      before: fc.tuple(WORDS, SEP).map(([w, s]) => `${w}${w && !s ? ' ' : ''}${s}`),
      after: fc
        .tuple(fc.constantFrom('', ' ', ', ', '"', ')', '\t'), WORDS)
        .map(([s, w]) => `${s}${s ? w : ''}`),
    }),
  ),
);

const say = (xs: { secret: Secret; stream: Stream; before: string; after: string }[], s: Stream) =>
  xs
    .filter((x) => x.stream === s)
    .map((x) => `${x.before}${x.secret.text}${x.after}`)
    .join('\n');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('no secret from a subprocess reaches a file, git or the terminal', () => {
  it('property: every kind, anywhere in executor, planner and VALIDATE output', async () => {
    await fc.assert(
      fc.asyncProperty(placedAll, async (xs) => {
        repo?.cleanup();
        repo = readyRepo();
        const validate = join(outside, 'validate.txt');
        const planner = join(outside, 'planner.txt');
        writeFileSync(validate, `${say(xs, 'validate')}\n`);
        writeFileSync(join(outside, 'validate-err.txt'), `${say(xs, 'validate-err')}\n`);
        writeFileSync(planner, say(xs, 'planner'));
        writeFileSync(
          join(repo.dir, 'check-prefs.mjs'),
          `import { readFileSync } from 'node:fs';
process.stdout.write(readFileSync(${JSON.stringify(validate)}, 'utf8'));
process.stderr.write(readFileSync(${JSON.stringify(join(outside, 'validate-err.txt'))}, 'utf8'));
process.exit(1);
`,
        );
        repo.commit('validate prints');
        const scriptFile = join(outside, 'script.json');
        writeFileSync(
          scriptFile,
          JSON.stringify({
            1: [
              { say: say(xs, 'executor') },
              { sayErr: say(xs, 'executor-err') },
              { write: 'src/prefs.js', content: PREFS },
            ],
          }),
        );
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          NO_COLOR: '1',
          KD_SCRIPT: scriptFile,
          KD_PLANNER_SAY: planner,
        };
        for (const x of xs) if (x.secret.env) env[x.secret.env[0]] = x.secret.env[1];
        const r = spawnSync(process.execPath, [CLI, 'run', 'settings-page'], {
          cwd: repo.dir,
          encoding: 'utf8',
          env,
        });
        expect(r.status, r.stderr).toBe(1); // the VALIDATE check failed, as meant
        const history = spawnSync('git', ['log', '--all', '-p'], { cwd: repo.dir, encoding: 'utf8' }).stdout;
        const seen: [string, string][] = [
          ['stdout', r.stdout],
          ['stderr', r.stderr],
          ['git log', history],
          ...filesUnder(repo.dir).map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
        ];
        // the run really happened and its outputs were stored
        const log = seen.find(([f]) => f.endsWith('validate-1.log'))?.[1] ?? '';
        if (xs.some((x) => x.stream.startsWith('validate'))) expect(log).toContain('[REDACTED:');
        const transcript = seen
          .filter(([f]) => f.includes('.killdate/runs/') && !f.endsWith('.log'))
          .map(([, t]) => t);
        if (xs.some((x) => x.stream.startsWith('executor')))
          expect(transcript.some((t) => t.includes('[REDACTED:'))).toBe(true);
        for (const x of xs)
          for (const part of x.secret.parts)
            for (const [where, text] of seen)
              if (text.includes(part)) throw new Error(`${x.secret.kind} secret ${part} found in ${where}`);
      }),
      { numRuns: 6, endOnFailure: true },
    );
  }, 600_000);

  it('ship and canary commands: the kept log, the terminal echo and the tail', async () => {
    repo = readyRepo();
    for (const sample of fc.sample(fc.tuple(...secrets), 3)) {
      const out = join(outside, 'ship.txt');
      writeFileSync(out, sample.map((x) => `deploying ${x.text} done`).join('\n'));
      const env: Record<string, string> = {};
      for (const x of sample) if (x.env) env[x.env[0]] = x.env[1];
      const echoed: string[] = [];
      const echo = new Writable({
        write(chunk, _enc, done) {
          echoed.push(String(chunk));
          done();
        },
      });
      const logFile = join(repo.dir, '.killdate/ship/deploy.log');
      const r = await runCommand(`cat ${JSON.stringify(out)}; cat ${JSON.stringify(out)} >&2`, {
        cwd: repo.dir,
        timeoutMs: 30_000,
        logFile,
        echo,
        env,
      });
      const log = readFileSync(logFile, 'utf8');
      expect(log).toContain('[REDACTED:');
      for (const x of sample)
        for (const part of x.parts)
          for (const [where, text] of [
            ['log', log],
            ['echo', echoed.join('')],
            ['tail', r.tail],
          ])
            if (text!.includes(part)) throw new Error(`${x.kind} secret ${part} found in the ${where}`);
    }
  }, 60_000);

  it("git's own error words on killdate's stderr: a secret in them is redacted", () => {
    repo = readyRepo();
    expect(runCli(repo.dir, ['task', 'start', 'settings-page', '1']).status).toBe(0);
    // the move: a token put where git echoes it back in its error (a bad numeric config value)
    let tried = 0;
    for (const kind of secrets) {
      const [x] = fc.sample(kind, 1);
      // one word, known by its shape (a value secret only as an environment's is not here)
      if (!x || x.env || /\s|'/.test(x.text)) continue;
      const set = spawnSync('git', ['config', 'core.bigFileThreshold', x.text], { cwd: repo.dir });
      expect(set.status).toBe(0);
      const r = runCli(repo.dir, ['scope', '--json']);
      expect(r.status, r.stderr).not.toBe(0);
      expect(r.stderr).toContain('[REDACTED:');
      for (const part of x.parts)
        if ((r.stdout + r.stderr).includes(part)) throw new Error(`${x.kind} secret ${part} printed`);
      tried++;
    }
    expect(tried).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it('the register commands refuse every kind', async () => {
    repo = readyRepo();
    const samples = fc.sample(fc.tuple(...secrets), 3);
    for (const sample of samples)
      for (const s of sample) {
        const env = s.env ? { [s.env[0]]: s.env[1] } : {};
        Object.assign(process.env, env);
        try {
          await expect(
            addBug({
              cwd: repo.dir,
              title: 'login fails',
              layer: 'logic',
              symptoms: `it says ${s.text} then stops`,
            }),
            s.kind,
          ).rejects.toThrow(/looks like a secret/);
          await expect(
            addLearning({ cwd: repo.dir, title: 't', happened: s.text, missed: 'm', fix: 'f', rule: 'r' }),
            s.kind,
          ).rejects.toThrow(/looks like a secret/);
        } finally {
          for (const k of Object.keys(env)) delete process.env[k];
        }
      }
  }, 60_000);
});

process.on('exit', () => rmSync(outside, { recursive: true, force: true }));
