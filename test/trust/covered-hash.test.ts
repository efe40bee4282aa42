// ci --base judges a covered document at the base with coveredHash: it must hash each covered
// id exactly as the sign-off does (gatherEvidence), or a PR is blamed or let off wrongly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coveredHash, gatherEvidence } from '../../src/api/evidence.js';
import { CHECKPOINTS } from '../../src/core/signoffs.js';
import { openWorkspace } from '../../src/workspace/load.js';
import { CANONICAL, LOCK, MOCK, RUNBOOK } from '../gates/fixture.js';
import { makeRepo, type Repo } from '../gates/repo.js';

let repo: Repo;
afterEach(() => repo?.cleanup());

const DIR = 'feature-builds/settings-page';

describe('coveredHash', () => {
  it('gives every covered document the hash its sign-off would record', () => {
    repo = makeRepo({
      'marketing/canonical/MARKETING-TRUTH.md': CANONICAL,
      // CRLF line ends and a BOM: hashed as written, as the sign-off hashes them
      [`${DIR}/PRE-BUILD-LOCK.md`]: `\ufeff${LOCK.replace(/\n/g, '\r\n')}`,
      [`${DIR}/runbook-01-settings-form.md`]: RUNBOOK,
      [`${DIR}/mocks/settings.html`]: MOCK,
    });
    const { ws } = openWorkspace({ cwd: repo.dir });
    const [feature] = ws.features();
    const { cover } = gatherEvidence(repo.dir, ws, feature!);
    const docs = CHECKPOINTS.flatMap((cp) => cover[cp]);
    expect(docs.map((d) => d.id).sort()).toEqual(
      [
        `${DIR}/PRE-BUILD-LOCK.md#gate-1`,
        `${DIR}/PRE-BUILD-LOCK.md#gates-1-7`,
        `${DIR}/PRE-BUILD-LOCK.md#gate-8`,
        `${DIR}/mocks/settings.html`,
        `${DIR}/runbook-01-settings-form.md`,
        `${DIR}/runbook-01-settings-form.md#validate`,
      ].sort(),
    );
    const read = (path: string) => {
      try {
        return readFileSync(join(repo.dir, path));
      } catch {
        return undefined;
      }
    };
    for (const d of docs) expect(coveredHash(d.id, read), d.id).toBe(d.sha256);
    expect(coveredHash(`${DIR}/missing.md`, read)).toBeUndefined();
    expect(coveredHash(`${DIR}/PRE-BUILD-LOCK.md#constructor`, read)).toBeUndefined();
  });
});
