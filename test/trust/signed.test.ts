// trust.signedCommits: a sign-off counts only when its commit verifies with `git verify-commit`
// against the allowed-signers file, with an SSH key made here by ssh-keygen (offline). Played
// as an agent would: the human's name in git config and an unsigned commit; its own key added
// to the allowed signers in the same PR (ci --base reads the signers as the base has them).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CANONICAL, LOCK } from '../gates/fixture.js';
import { makeRepo, type Repo, runCli } from '../gates/repo.js';
import { TODAY } from '../helpers/dates.js';

const DIR = 'feature-builds/settings-page';
const FILE = `${DIR}/SIGNOFFS.md`;
const SIGNERS = '.killdate-allowed-signers';
let repo: Repo;
afterEach(() => repo?.cleanup());

const kd = (...args: string[]) => runCli(repo.dir, [...args, '--today', TODAY]);

function sshKey(name: string): string {
  const key = join(repo.dir, '.git', name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  return key;
}

function forged(r: { stdout: string }): { rule: string; message: string }[] {
  const doc = JSON.parse(r.stdout);
  const list = doc.findings ?? doc.features.flatMap((f: { forged: unknown[] }) => f.forged);
  return list.filter((f: { rule: string }) => f.rule.endsWith('/forged'));
}

/** A repo that asks for signed commits; Ada's key is the one allowed signer. */
function signedRepo(): Repo {
  repo = makeRepo({
    'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
    [`${DIR}/PRE-BUILD-LOCK.md`]: LOCK,
    'killdate.config.yaml': 'version: 1\ntrust:\n  signedCommits: true\n',
  });
  const key = sshKey('ada');
  repo.git('config', 'gpg.format', 'ssh');
  repo.git('config', 'user.signingkey', `${key}.pub`);
  repo.write({ [SIGNERS]: `ada@example.com namespaces="git" ${readFileSync(`${key}.pub`, 'utf8')}` });
  repo.commit('allowed signers');
  return repo;
}

function cp1ByHand(): string {
  const text = readFileSync(join(repo.dir, FILE), 'utf8');
  return `${text}\n${text.slice(text.indexOf('## CP-0')).replace('## CP-0 canonical cite check', '## CP-1 lock sign-off')}`;
}

describe('signed commits', () => {
  it("the human's sign-off is a signed commit that verifies; the agent's unsigned one under the human's name is forged", () => {
    signedRepo();
    const r = kd('signoff', 'settings-page', 'cp0', '--yes');
    expect(r.status, r.stderr).toBe(0);
    expect(repo.git('cat-file', '-p', 'HEAD')).toContain('-----BEGIN SSH SIGNATURE-----');
    expect(forged(kd('status', '--json'))).toEqual([]);
    expect(forged(kd('ci', '--format', 'json'))).toEqual([]);
    // the agent: the human's name and email, a hand-written record, an unsigned commit
    repo.git('config', 'user.name', 'Ada Reviewer');
    writeFileSync(join(repo.dir, FILE), cp1ByHand());
    repo.git('-c', 'commit.gpgsign=false', 'commit', '-qam', 'CP-1');
    const sha = repo.git('rev-parse', '--short=7', 'HEAD').trim();
    const ci = kd('ci', '--format', 'json');
    expect(ci.status).toBe(1);
    expect(forged(ci).map((f) => f.message)).toEqual([
      `CP-1 record signed by Ada Reviewer <ada@example.com>: commit ${sha} has no good signature from an allowed signer`,
    ]);
  });

  it('a key the PR adds to the allowed signers does not count in ci --base', () => {
    signedRepo();
    expect(kd('signoff', 'settings-page', 'cp0', '--yes').status).toBe(0);
    repo.git('checkout', '-qb', 'agent-pr');
    const own = sshKey('agent');
    writeFileSync(
      join(repo.dir, SIGNERS),
      `${readFileSync(join(repo.dir, SIGNERS), 'utf8')}ada@example.com namespaces="git" ${readFileSync(`${own}.pub`, 'utf8')}`,
    );
    writeFileSync(join(repo.dir, FILE), cp1ByHand());
    repo.git('-c', `user.signingkey=${own}.pub`, 'commit', '-S', '-qam', 'CP-1, signed');
    // against its own edited signers file the commit verifies; against the base's it does not
    expect(forged(kd('ci', '--format', 'json'))).toEqual([]);
    const pr = kd('ci', '--format', 'json', '--base', 'main');
    expect(pr.status).toBe(1);
    expect(forged(pr)[0]!.message).toMatch(
      /CP-1 record .*: commit [0-9a-f]{7} has no good signature from an allowed signer/,
    );
  });

  it('a PR that turns signedCommits off in its own config is still checked under the base’s', () => {
    signedRepo();
    expect(kd('signoff', 'settings-page', 'cp0', '--yes').status).toBe(0);
    repo.git('checkout', '-qb', 'agent-pr');
    writeFileSync(join(repo.dir, 'killdate.config.yaml'), 'version: 1\ntrust:\n  signedCommits: false\n');
    writeFileSync(join(repo.dir, FILE), cp1ByHand());
    repo.git('-c', 'commit.gpgsign=false', 'commit', '-qam', 'CP-1, and no signatures needed');
    // under its own config nothing is forged; under the base's the unsigned record is
    expect(forged(kd('ci', '--format', 'json'))).toEqual([]);
    const pr = kd('ci', '--format', 'json', '--base', 'main');
    expect(pr.status).toBe(1);
    expect(forged(pr).map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^CP-1 record .*: commit [0-9a-f]{7} has no good signature from an allowed signer$/,
      ),
    ]);
  });
});
