// contractCheck(): every configured contract's golden fixture through producer, consumer and
// render. See src/ship/contract.ts.
import { KilldateError } from '../core/errors.js';
import { type Finding, summarise } from '../core/finding.js';
import { type ContractReport, checkContract } from '../ship/contract.js';
import { openWorkspace } from '../workspace/load.js';

export interface ContractResult {
  version: 1;
  contracts: ContractReport[];
  findings: Finding[];
  summary: ReturnType<typeof summarise>;
}

export async function contractCheck(opts: { cwd?: string; name?: string } = {}): Promise<ContractResult> {
  const { root, ws } = openWorkspace({ cwd: opts.cwd });
  let list = ws.config.contracts;
  if (!list.length)
    throw new KilldateError(
      'USAGE',
      'no contracts configured: expected `contracts:` in killdate.config.yaml',
      'see docs/ci.md',
    );
  if (opts.name) {
    list = list.filter((c) => c.name === opts.name);
    if (!list.length) throw new KilldateError('NOT_FOUND', `no contract named ${opts.name}`);
  }
  const contracts: ContractReport[] = [];
  for (const c of list) contracts.push(await checkContract(root, c));
  const findings = contracts.flatMap((c) => c.findings);
  return { version: 1, contracts, findings, summary: summarise(findings) };
}
