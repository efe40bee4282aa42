// The one redactor: every byte killdate stores or prints from a subprocess (executor and
// planner transcripts, VALIDATE logs and tails, diagnoses, REVIEW.md, run records, ship and
// canary logs, the terminal) passes through it, and the register commands refuse what it
// finds. It removes the key formats below, PEM private key blocks, URL passwords,
// `password=`-style assignments, and the value of every environment variable of the run long
// enough to be a secret (by value, whatever the variable's name).

export interface SecretPattern {
  name: string;
  re: RegExp;
  /** keep the first capture group (a label such as `Bearer ` or `password=`) */
  keep?: boolean;
  /**
   * Whether a match in a file the task or PR wrote is a secret there too: `key` for a key's
   * own format, `random` for a labelled value that must also look random (`password: string`
   * in code is not a secret). Absent: output only (an example JWT, a Twilio account id).
   */
  inFiles?: 'key' | 'random';
}

/** Not a secret whatever its value: paths, locale, terminal, killdate's own run markers. */
const SAFE_NAME =
  /^(PATH|HOME|PWD|OLDPWD|SHELL|TERM|TERM_\w+|COLORTERM|LANG|LANGUAGE|LC_\w+|USER|LOGNAME|HOSTNAME|TMPDIR|TMP|TEMP|TZ|EDITOR|VISUAL|PAGER|SHLVL|_|NODE|NODE_ENV|NODE_OPTIONS|NODE_PATH|npm_(?!config_\w*auth)\w+|INIT_CWD|COLOR|FORCE_COLOR|NO_COLOR|CI|GITHUB_(?!TOKEN$)\w+|RUNNER_\w+|XDG_\w+|DISPLAY|SSH_AUTH_SOCK|KILLDATE_\w+|VITEST\w*|TEST|MODE|DEV|PROD|SSR|BASE_URL)$/;
const SECRET_NAME =
  /(^|_)(KEY|KEYS|APIKEY|TOKEN|TOKENS|SECRET|SECRETS|PASS|PASSWD|PASSWORD|PASSPHRASE|PWD|CREDENTIAL|CREDENTIALS|AUTH|AUTHTOKEN|PRIVATE|SESSION|COOKIE|DSN|SIGNATURE|SALT)(_|$)|^(PGPASSWORD|SSHPASS)$/i;

// Every pattern is linear: no nested quantifiers, bounded lookarounds, a PEM label bounded (an
// unbounded one takes quadratic time on `PRIVATE KEY` repeated with no end). A key may follow an
// escape such as `\n` or `\t` (JSON, a stack trace): a letter after a backslash does not hide it.
const PATTERNS: SecretPattern[] = [
  {
    name: 'private-key',
    re: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z0-9 ]{0,20}-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z0-9 ]{0,20}-----|$(?![\s\S]))/g,
    inFiles: 'key',
  },
  { name: 'anthropic', re: /(?<!(?<!\\)[A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{8,}/g, inFiles: 'key' },
  {
    name: 'openai',
    re: /(?<!(?<!\\)[A-Za-z0-9])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g,
    // in a file, random only: `sk-learn-for-forecasting` is a name
    inFiles: 'random',
  },
  // in a file, random only: `sk_test_XXXXXXXXXXXXXXXX` is a placeholder
  {
    name: 'stripe',
    re: /(?<!(?<!\\)[A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g,
    inFiles: 'random',
  },
  // a publishable key is public by design: redacted in output, not a secret in a file
  { name: 'stripe', re: /(?<!(?<!\\)[A-Za-z0-9])pk_(?:live|test)_[A-Za-z0-9]{10,}/g },
  {
    name: 'google',
    re: /(?<!(?<!\\)[A-Za-z0-9])(?:AIza[0-9A-Za-z_-]{30,}|ya29\.[0-9A-Za-z_-]{20,})/g,
    inFiles: 'key',
  },
  {
    name: 'github',
    re: /(?<!(?<!\\)[A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g,
    inFiles: 'key',
  },
  {
    name: 'gitlab',
    re: /(?<!(?<!\\)[A-Za-z0-9])(?:glpat|gldt|glrt|glptt|glcbt|gloas)-[A-Za-z0-9_-]{20,}/g,
    inFiles: 'key',
  },
  { name: 'slack', re: /(?<!(?<!\\)[A-Za-z0-9])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,}/g, inFiles: 'key' },
  { name: 'npm', re: /(?<!(?<!\\)[A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g, inFiles: 'key' },
  { name: 'huggingface', re: /(?<!(?<!\\)[A-Za-z0-9])hf_[A-Za-z0-9]{30,}/g, inFiles: 'key' },
  { name: 'azure', re: /(AccountKey=)[A-Za-z0-9+/=]{20,}/g, keep: true, inFiles: 'random' },
  { name: 'slack', re: /hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g, inFiles: 'key' },
  { name: 'twilio', re: /(?<!(?<!\\)[A-Za-z0-9])(?:AC|SK)[0-9a-f]{32}(?![0-9A-Za-z])/g },
  {
    name: 'sendgrid',
    re: /(?<!(?<!\\)[A-Za-z0-9])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g,
    inFiles: 'key',
  },
  {
    name: 'aws',
    re: /(?<!(?<!\\)[A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![0-9A-Z])/g,
    inFiles: 'key',
  },
  {
    name: 'aws',
    re: /(aws_?secret_?access_?key["']?\s*[=:]\s*["']?|SecretAccessKey["']?\s*[=:]\s*["']?)[A-Za-z0-9/+=]{30,}/gi,
    keep: true,
    inFiles: 'random',
  },
  // a bare AWS secret key: 40 base64 characters mixing upper, lower and digits (not a hex sha)
  {
    name: 'aws',
    re: /(?<!(?<!\\)[A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
  },
  {
    name: 'jwt',
    re: /(?<!(?<!\\)[A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g,
  },
  {
    name: 'url-password',
    re: /(\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/@]{0,256}:)[^\s@/]{1,256}(?=@)/g,
    keep: true,
    inFiles: 'random',
  },
  { name: 'bearer', re: /(\bbearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, keep: true, inFiles: 'random' },
  {
    name: 'basic-auth',
    re: /(\bauthorization["']?\s*[=:]\s*["']?basic\s+)[A-Za-z0-9+/=]{8,}/gi,
    keep: true,
    inFiles: 'random',
  },
  { name: 'api-key', re: /(x-api-key["']?\s*[=:]\s*["']?)[^\s"',;]{8,}/gi, keep: true, inFiles: 'random' },
  {
    name: 'password',
    re: /(\b[A-Za-z0-9_.-]{0,40}(?:pass(?:word|wd|phrase)?|pwd)["']?\s*[=:]\s*["']?)(?!\[REDACTED)[^\s"',;]{3,}/gi,
    keep: true,
    inFiles: 'random',
  },
  {
    name: 'secret',
    re: /(\b[A-Za-z0-9_]{0,40}(?:API_KEY|APIKEY|SECRET|ACCESS_TOKEN|AUTH_TOKEN|PRIVATE_KEY|CLIENT_SECRET)\b["']?\s*[=:]\s*["']?)(?!\[REDACTED)[^\s"',;]{8,}/gi,
    keep: true,
    inFiles: 'random',
  },
];

/** The patterns that also find a secret in a file's text (see `inFiles`). */
export const FILE_PATTERNS: readonly SecretPattern[] = PATTERNS.filter((p) => p.inFiles);

const label = (name: string): string => `[REDACTED:${name}]`;

/** Every secret value of an environment this process ran a subprocess with (and its own). */
const seen = new Set<string>();
let seenList: string[] | undefined;
let ownRead = false;

function remember(values: readonly string[]): void {
  for (const v of values)
    if (!seen.has(v)) {
      seen.add(v);
      seenList = undefined;
    }
}

function knownValues(): string[] {
  if (!ownRead) {
    ownRead = true;
    remember(knownSecrets(process.env));
  }
  seenList ??= [...seen].sort((a, b) => b.length - a.length);
  return seenList;
}

/**
 * Replaces every secret found in `text`: the patterns, `known` values, and the secret values
 * of every environment this process has run a subprocess with (see `redactorFor`).
 */
export function redact(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const value of [...known, ...knownValues()])
    if (out.includes(value)) out = out.split(value).join(label('env'));
  for (const p of PATTERNS)
    out = out.replace(p.re, (_m, prefix: unknown) =>
      p.keep && typeof prefix === 'string' ? `${prefix}${label(p.name)}` : label(p.name),
    );
  return out;
}

/** The kinds of secret in `text` (empty when there is none): what the registers refuse. */
export function secretKinds(text: string, known: readonly string[] = []): string[] {
  const r = redact(text, known);
  if (r === text) return [];
  return [...new Set([...r.matchAll(/\[REDACTED:([a-z-]+)\]/g)].map((m) => m[1]!))];
}

/**
 * A variable's value is treated as a secret when its name says so (KEY, TOKEN, PASS, ...) and
 * it has 8 characters or more, or, whatever the name, when it has letters and digits, the
 * spread of random text (over 3.5 bits a character) and 16 characters or more with both
 * cases (24 or more in one case: a hex key, a UUID). Paths, numbers,
 * booleans, text with spaces and the names in SAFE_NAME never are.
 */
function secretValue(name: string, v: string): boolean {
  if (SAFE_NAME.test(name) || v.length < 8 || v.length > 4096) return false;
  if (/^[/~.]/.test(v) || /^\d+$/.test(v) || /^(true|false|yes|no|on|off)$/i.test(v)) return false;
  if (SECRET_NAME.test(name)) return true; // a passphrase may hold spaces
  return looksRandom(v);
}

/**
 * Random text, as a generated key or password is: no spaces, letters and digits, 16
 * characters or more with both cases (24 or more in one case: a hex key, a UUID), and over
 * 3.5 bits a character.
 */
export function looksRandom(v: string): boolean {
  if (/\s/.test(v)) return false;
  const mixed = /[a-z]/.test(v) && /[A-Z]/.test(v);
  return (
    v.length >= 16 && (mixed || v.length >= 24) && /[A-Za-z]/.test(v) && /\d/.test(v) && entropy(v) > 3.5
  );
}

/** Shannon entropy of `s`, in bits a character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/**
 * A variable that is a secret wherever its value may go (a file, a child's environment): one
 * whose name says so, or a random value with a key's characters only (not a URL, a path,
 * options or JSON config).
 */
export function keySecret(name: string, v: string): boolean {
  return secretValue(name, v) && (SECRET_NAME.test(name) || /^[A-Za-z0-9+/=_-]+$/.test(v));
}

/**
 * Values of the environment's variables that may be secrets, longest first, each also as a
 * JSON string shows it (a `"` or `\\` in it escaped) when that differs. `inFiles`: only what is
 * a secret in a file too: a value whose name says so, or a random one with a key's characters
 * (not a URL, a path or options, which a README may well hold: `API_BASE_URL`).
 */
export function knownSecrets(env: NodeJS.ProcessEnv, opts: { inFiles?: boolean } = {}): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(env))
    if (v && (opts.inFiles ? keySecret(k, v) : secretValue(k, v))) {
      out.add(v);
      out.add(JSON.stringify(v).slice(1, -1));
    }
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * The redactor for a subprocess run with `env`: its secret values are remembered, so every
 * later redaction in this process (REVIEW.md, run records, the terminal) removes them too.
 */
export function redactorFor(env: NodeJS.ProcessEnv): (text: string) => string {
  remember(knownSecrets(env));
  return (text) => redact(text);
}

/** Every string in a JSON-like value, redacted (for run records). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  return value;
}

/**
 * Redacts a stream line by line: whole lines only (a secret split across chunks is seen
 * whole), and every line of a PEM private key block, its BEGIN line to its END line.
 */
export class RedactingStream {
  private pending = '';
  private inKey = false;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly redactText: (text: string) => string,
    private readonly out: (text: string) => void,
    private readonly maxLine = 64 * 1024,
  ) {}

  write(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    let nl = this.pending.indexOf('\n');
    while (nl !== -1) {
      this.emit(this.pending.slice(0, nl + 1));
      this.pending = this.pending.slice(nl + 1);
      nl = this.pending.indexOf('\n');
    }
    if (this.pending.length > this.maxLine) {
      this.emit(this.pending);
      this.pending = '';
    }
  }

  end(): void {
    this.pending += this.decoder.decode();
    if (this.pending) this.emit(this.pending);
    this.pending = '';
  }

  /** One line, redacted (stateful across PEM blocks). */
  line(text: string): string {
    if (this.inKey || /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY/.test(text)) {
      const ends = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z0-9 ]{0,20}-----/.test(text);
      const begins = !this.inKey;
      this.inKey = !ends;
      const keep = begins ? text.slice(0, text.indexOf('-----BEGIN')) : '';
      const rest = ends
        ? text
            .slice(text.search(/-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z0-9 ]{0,20}-----/))
            .replace(/^-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z0-9 ]{0,20}-----/, '')
        : '';
      const nl = text.endsWith('\n') ? '\n' : '';
      return `${this.redactText(keep)}${begins ? label('private-key') : ''}${ends ? this.redactText(rest.replace(/\n$/, '')) : ''}${nl}`;
    }
    return this.redactText(text);
  }

  private emit(text: string): void {
    this.out(this.line(text));
  }
}
