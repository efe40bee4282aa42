import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractCheck } from '../../src/api/contract.js';
import { day } from '../helpers/dates.js';
import { cli, commitAll, makeRepo, write } from './repo.js';

const hasPydantic = spawnSync('python3', ['-c', 'import pydantic'], { encoding: 'utf8' }).status === 0;

const PRODUCER = `from pydantic import BaseModel, ConfigDict, Field

class ExportSummary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int
    display_name: str = Field(alias="userName")
    rows: int
`;

const CONSUMER = `import { z } from 'zod';
export const exportSummary = z.object({ id: z.number().int(), user_name: z.string(), rows: z.number().int() }).strict();
`;

const CONFIG = `contracts:
  - name: export-summary
    fixture: fixtures/export-summary.json
    source: "production run of ${day(-5)}, job 4412"
    producer: { python: "producer/models.py:ExportSummary" }
    consumer: { zod: "web/contract.mjs:exportSummary" }
    render: node web/render.mjs
`;

function contractRepo(fixture: string) {
  const repo = makeRepo(
    {
      'killdate.config.yaml': CONFIG,
      'producer/models.py': PRODUCER,
      'web/contract.mjs': CONSUMER,
      'web/render.mjs': `import { readFileSync } from 'node:fs';\nconst d = JSON.parse(readFileSync(process.argv[2], 'utf8'));\nif (typeof d.rows !== 'number') { console.error('rows missing'); process.exit(1); }\nconsole.log('<td>' + d.rows + '</td>');\n`,
      'fixtures/export-summary.json': fixture,
    },
    false,
  );
  mkdirSync(join(repo, 'node_modules'));
  symlinkSync(resolve(__dirname, '../../node_modules/zod'), join(repo, 'node_modules/zod'));
  write(repo, { '.gitignore': 'node_modules/\n' });
  commitAll(repo, 'contract');
  return repo;
}

describe.skipIf(!hasPydantic)('contract check (python3 + pydantic, node + zod)', () => {
  it('catches a renamed field hidden by a Pydantic alias: the consumer rejects it', async () => {
    const repo = contractRepo('{ "id": 7, "userName": "ada", "rows": 12 }\n');
    const r = await contractCheck({ cwd: repo });
    const c = r.contracts[0]!;
    expect(c.sides.map((s) => [s.side, s.ok])).toEqual([
      ['producer', true],
      ['consumer', false],
      ['render', true],
    ]);
    const messages = r.findings.map((f) => `${f.rule}: ${f.message}`);
    expect(messages).toContainEqual(
      expect.stringMatching(/^contract\/consumer-rejects: .*rejects field user_name/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^contract\/consumer-rejects: .*rejects field userName: unrecognized key/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^contract\/alias: .*userName is read through an alias of display_name/),
    );
    expect(c.ok).toBe(false);
  });

  it('and the other way round: the producer rejects the old name', async () => {
    const repo = contractRepo('{ "id": 7, "user_name": "ada", "rows": 12 }\n');
    const r = await contractCheck({ cwd: repo });
    expect(r.findings.filter((f) => f.rule === 'contract/producer-rejects').map((f) => f.message)).toEqual([
      expect.stringContaining('rejects field userName: Field required'),
      expect.stringContaining('rejects field user_name: Extra inputs are not permitted'),
    ]);
    expect(r.findings.some((f) => f.rule === 'contract/consumer-rejects')).toBe(false);
  });

  it('strict: a string where the producer expects an int is rejected, and the render test fails', async () => {
    const repo = contractRepo('{ "id": "7", "userName": "ada" }\n');
    const r = await contractCheck({ cwd: repo });
    const rules = r.findings.map((f) => f.rule);
    expect(rules).toContain('contract/producer-rejects');
    expect(rules).toContain('contract/render');
  });

  it('a golden fixture that is not JSON is a finding, and nothing runs', async () => {
    const repo = contractRepo('id=7, userName=ada\n');
    const r = cli(repo, ['contract', 'check', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings).toEqual([
      expect.objectContaining({ rule: 'contract/fixture', message: expect.stringContaining('not JSON') }),
    ]);
    expect(doc.contracts[0].sides).toEqual([]);
  });

  it('warns when the fixture is older than a schema', async () => {
    const repo = contractRepo('{ "id": 7, "user_name": "ada", "rows": 12 }\n');
    write(repo, { 'web/contract.mjs': `${CONSUMER}// changed\n` });
    const r = await contractCheck({ cwd: repo });
    expect(r.findings).toContainEqual(
      expect.objectContaining({ rule: 'contract/stale-fixture', severity: 'warning' }),
    );
  });
});
