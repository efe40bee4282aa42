// The config a pull request is checked under, with `--base`: the base's, so a PR cannot change
// what its own check reads (`paths`), how records are trusted (`approval`, `trust`) or what it
// reports. The PR may only raise a rule's severity: each rule runs at the stricter of the two.
// What the PR changes is a warning that says so; it applies once a person merges the PR.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../core/config.js';
import type { Finding } from '../core/finding.js';
import { rules as allRules } from '../core/rules/index.js';
import { configFromText } from '../workspace/config.js';
import { CONFIG_FILE } from '../workspace/config-reuse.js';
import { git } from '../workspace/git.js';

type Override = Config['rules'][string];

/** The base's config (the defaults when the base has no config file), or why it does not validate. */
export function baseConfig(root: string, base: string): Config | { invalid: string } {
  const r = git(root, ['show', `${base}:${CONFIG_FILE}`]);
  try {
    return configFromText(r.ok ? r.stdout : undefined, (f) => existsSync(join(root, f)));
  } catch (e) {
    return { invalid: (e as Error).message.split('\n')[0]! };
  }
}

/** The config the PR's check runs under, and a warning for each thing the PR's config changes. */
export function prConfig(
  base: Config | { invalid: string },
  head: Config,
): { config: Config; notes: Finding[] } {
  if ('invalid' in base) {
    // nothing of the base's to read: the PR's config, but no rule below its own severity
    const { rules, weakened } = strictestRules({}, head.rules);
    const note: Finding = {
      rule: 'ci/config-changed',
      severity: 'warning',
      file: CONFIG_FILE,
      message: `the base's config does not validate (${base.invalid}): this check reads the PR's, no rule below its default`,
    };
    return { config: { ...head, rules }, notes: [...weakened, note] };
  }
  const { rules, weakened } = strictestRules(base.rules, head.rules);
  const changed = (Object.keys(head) as (keyof Config)[]).filter(
    (k) => k !== 'rules' && JSON.stringify(head[k]) !== JSON.stringify(base[k]),
  );
  const notes: Finding[] = [...weakened];
  if (changed.length)
    notes.push({
      rule: 'ci/config-changed',
      severity: 'warning',
      file: CONFIG_FILE,
      message: `the PR changes ${changed.join(', ')}: this check reads the base's; the change applies once merged`,
    });
  return { config: { ...base, rules }, notes };
}

/** No override sits between `warning` and `error`: a rule's own findings may be either. */
const RANK = (o: Override | undefined): number =>
  o === undefined ? 1.5 : { off: 0, warning: 1, error: 2 }[o];

/**
 * Each rule at the stricter of the base's and the PR's override (none: the rule's own), and a
 * ci/rule-weakened warning for each rule the PR sets lower than the base.
 */
export function strictestRules(
  base: Config['rules'],
  head: Config['rules'],
): { rules: Config['rules']; weakened: Finding[] } {
  const rules: Config['rules'] = {};
  const weakened: Finding[] = [];
  for (const { id } of allRules) {
    const b = base[id];
    const p = head[id];
    const kept = RANK(p) > RANK(b) ? p : b;
    if (kept !== undefined) rules[id] = kept;
    if (RANK(p) < RANK(b))
      weakened.push({
        rule: 'ci/rule-weakened',
        severity: 'warning',
        file: CONFIG_FILE,
        message: `the PR sets ${id} to ${p ?? 'its default'}, ${b ?? 'its default'} on the base: this check keeps the base's; the change applies once merged`,
      });
  }
  return { rules, weakened };
}
