// Secrets in a file the task or a pull request wrote: a key in its own format, a private key,
// the value of a secret variable of this environment, or a labelled value (`password=`,
// `API_KEY:`, a URL's password) that looks random. Stricter than the redactor, which hides
// anything that may be a secret in output: in code, `password: string` is not a secret.
import { FILE_PATTERNS, looksRandom } from './redact.js';

export interface FileSecret {
  /** 1-based line where the secret starts */
  line: number;
  kind: string;
  /** the secret itself: compared with the base's, never printed or stored */
  value: string;
}

/** A kind as a person reads it: `env` is the value of one of the environment's secret variables. */
export const kindShown = (kind: string): string => (kind === 'env' ? 'the value of a secret variable' : kind);

/** A labelled value's characters when it is a token or a password, not code (`hash(pw)`). */
const TOKEN = /^[A-Za-z0-9+/=_.~!@#%^&*?:$-]+$/;
/** A labelled value that is code or a path: `process.env.DB_PASSWORD_V2`, `$DB_PASS`, `/home/me/App2024`. */
const CODE = /^(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+|[/~.$].*)$|\$\{/;

/** Every secret in `text`, once per line and value; `known` are this environment's secret values. */
export function secretsInText(text: string, known: readonly string[] = []): FileSecret[] {
  const lineAt = lineIndex(text);
  const out = new Map<string, FileSecret>();
  const add = (at: number, kind: string, value: string) => {
    const line = lineAt(at);
    const key = `${line}\0${value}`;
    if (!out.has(key)) out.set(key, { line, kind, value });
  };
  for (const value of known)
    for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + value.length))
      add(i, 'env', value);
  for (const p of FILE_PATTERNS) {
    // exec, not matchAll: matchAll copies the expression on every call (the hook pays for it)
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if (m[0] === '') p.re.lastIndex++;
      const label = p.keep && typeof m[1] === 'string' ? m[1] : '';
      const value = m[0].slice(label.length);
      if (p.inFiles === 'random' && !(TOKEN.test(value) && !CODE.test(value) && looksRandom(value))) continue;
      add(m.index + label.length, p.name, value);
    }
  }
  return [...out.values()].sort((a, b) => a.line - b.line);
}

/** The 1-based line of an offset in `text` (a binary search over the line starts). */
function lineIndex(text: string): (at: number) => number {
  let starts: number[] | undefined;
  return (at) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
