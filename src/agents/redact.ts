// Secrets never reach a transcript: every line written under .killdate/runs/ passes through
// redact(). Patterns cover the key formats of Anthropic, OpenAI, Google, GitHub, AWS and Slack,
// bearer tokens and `*_API_KEY=`-style assignments; known secret values from the environment
// are removed too.

interface SecretPattern {
  name: string;
  re: RegExp;
  /** how many leading capture groups to keep (a label such as `Bearer `) */
  keep?: boolean;
}

const PATTERNS: SecretPattern[] = [
  { name: 'anthropic', re: /(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{8,}/g },
  { name: 'openai', re: /(?<![A-Za-z0-9])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { name: 'google', re: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{30,}/g },
  { name: 'github', re: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g },
  { name: 'aws', re: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])/g },
  { name: 'aws', re: /(aws_secret_access_key["']?\s*[=:]\s*["']?)[A-Za-z0-9/+=]{30,}/gi, keep: true },
  { name: 'slack', re: /(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}/g },
  { name: 'bearer', re: /(\bbearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, keep: true },
  { name: 'api-key', re: /(x-api-key["']?\s*[=:]\s*["']?)[^\s"',;]{8,}/gi, keep: true },
  {
    name: 'secret',
    re: /(\b[A-Z0-9_]*(?:API_KEY|SECRET|PASSWORD|ACCESS_TOKEN|AUTH_TOKEN)\b["']?\s*[=:]\s*["']?)[^\s"',;]{8,}/g,
    keep: true,
  },
];

const label = (name: string): string => `[REDACTED:${name}]`;

/** Replaces every secret found in `text`. */
export function redact(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const value of known) if (out.includes(value)) out = out.split(value).join(label('env'));
  for (const p of PATTERNS)
    out = out.replace(p.re, (_m, prefix: unknown) =>
      p.keep && typeof prefix === 'string' ? `${prefix}${label(p.name)}` : label(p.name),
    );
  return out;
}

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL/i;

/** Values of secret-looking environment variables, long enough to be worth removing. */
export function knownSecrets(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(env)) if (v && v.length >= 12 && SECRET_NAME.test(k)) out.push(v);
  return out.sort((a, b) => b.length - a.length);
}

/** A redactor bound to the secrets of one environment. */
export function redactorFor(env: NodeJS.ProcessEnv): (text: string) => string {
  const known = knownSecrets(env);
  return (text) => redact(text, known);
}
