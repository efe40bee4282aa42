// The config a pull request is checked under. The PR's own killdate.config.yaml cannot weaken
// its own check: each rule runs at the stricter of the base's severity and the PR's, and a
// rule the PR weakens is a warning that says so (it applies once a person merges the PR). The
// base's `trust` applies when the base asks for signed commits.
import { parse as parseYaml } from 'yaml';
import type { Config } from '../core/config.js';
import type { Finding, Severity } from '../core/finding.js';
import { rules as allRules } from '../core/rules/index.js';
import { trustSchema } from '../core/run-config.js';
import { CONFIG_FILE } from '../workspace/config-reuse.js';
import { git } from '../workspace/git.js';

type Override = Config['rules'][string];

/** The base's killdate.config.yaml, parsed; undefined when it has none or it does not parse. */
export function baseConfig(root: string, base: string): Record<string, unknown> | undefined {
  const r = git(root, ['show', `${base}:${CONFIG_FILE}`]);
  if (!r.ok) return undefined;
  try {
    const raw = parseYaml(r.stdout);
    return raw && typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The trust settings a PR is checked under: the base's when the base requires signed commits. */
export function trustFor(based: Record<string, unknown> | undefined, head: Config['trust']): Config['trust'] {
  const t = trustSchema.safeParse(based?.trust ?? {});
  return t.success && t.data.signedCommits ? t.data : head;
}

const RANK: Record<Severity | 'off', number> = { off: 0, warning: 1, error: 2 };

/**
 * Each rule at the stricter of the base's and the PR's severity (no override: the rule's own),
 * and a ci/rule-weakened warning for each rule the PR sets lower than the base.
 */
export function strictestRules(
  based: Record<string, unknown> | undefined,
  head: Config['rules'],
): { rules: Config['rules']; weakened: Finding[] } {
  const baseRules = (based?.rules && typeof based.rules === 'object' ? based.rules : {}) as Record<
    string,
    unknown
  >;
  const rules: Config['rules'] = {};
  const weakened: Finding[] = [];
  for (const rule of allRules) {
    const b = asOverride(baseRules[rule.id]);
    const p = head[rule.id];
    const rank = (o: Override | undefined) => RANK[o ?? rule.severity];
    const kept =
      rank(p) > rank(b) ? p : rank(b) > rank(p) ? b : p === undefined || b === undefined ? undefined : p;
    if (kept !== undefined) rules[rule.id] = kept;
    if (rank(p) < rank(b))
      weakened.push({
        rule: 'ci/rule-weakened',
        severity: 'warning',
        file: CONFIG_FILE,
        message: `the PR sets ${rule.id} to ${p ?? rule.severity}, ${b ?? rule.severity} on the base: this check keeps ${b ?? rule.severity}; the change applies once merged`,
      });
  }
  return { rules, weakened };
}

function asOverride(v: unknown): Override | undefined {
  return v === 'off' || v === 'warning' || v === 'error' ? v : undefined;
}
