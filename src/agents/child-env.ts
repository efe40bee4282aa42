// What the children killdate starts for a run get of this environment (the executor, the
// planner's diagnosis, the VALIDATE commands): all of it but the variables that hold a secret,
// judged as the secrets check of files judges them (keySecret, agents/redact.ts: named as one,
// or random with a key's characters only), except each agent's own key variables and the
// names config run.passEnv lists. The names withheld are shown and recorded;
// their values never are.
import type { AdapterName } from './events.js';
import { keySecret } from './redact.js';

const API_KEY = /_API_KEY$/;

/** Each agent's own key variables: without them it cannot reach its model. */
const OWN_KEYS: Record<AdapterName, (name: string, env: NodeJS.ProcessEnv) => boolean> = {
  claude: (n, env) =>
    /^(ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|CLAUDE_CODE_OAUTH_TOKEN)$/.test(n) ||
    (!!env.CLAUDE_CODE_USE_BEDROCK && n.startsWith('AWS_')),
  codex: (n) => /^(OPENAI_API_KEY|CODEX_API_KEY|AZURE_OPENAI_API_KEY)$/.test(n),
  cursor: (n) => n === 'CURSOR_API_KEY',
  gemini: (n) => /^(GEMINI_API_KEY|GOOGLE_API_KEY)$/.test(n),
  // both reach many providers, each by a *_API_KEY of its own
  qwen: (n) => API_KEY.test(n),
  opencode: (n) => API_KEY.test(n),
  command: () => false,
};

/**
 * `env` without the variables that may hold a secret, but for `pass` and, when the child is
 * `agent`, that agent's own keys. `withheld`: the names left out, sorted.
 */
export function childEnv(
  env: NodeJS.ProcessEnv,
  pass: readonly string[],
  agent?: AdapterName,
): { env: NodeJS.ProcessEnv; withheld: string[] } {
  const out: NodeJS.ProcessEnv = {};
  const withheld: string[] = [];
  const passed = new Set(pass);
  const own = agent ? OWN_KEYS[agent] : () => false;
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (keySecret(name, value) && !passed.has(name) && !own(name, env)) withheld.push(name);
    else out[name] = value;
  }
  return { env: out, withheld: withheld.sort() };
}
