// Load killdate.config.yaml (optional), validate it, and resolve the layout for this repo.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, isMap, LineCounter, parseDocument } from 'yaml';
import { type Config, configSchema, resolveLayout } from '../core/config.js';
import { KilldateError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { CONFIG_FILE } from './config-reuse.js';

export interface LoadedConfig {
  config: Config;
  /** the config file path when one was read */
  file?: string;
}

/** `exists` answers the layout's questions about files (kit detection); default: the disk. */
export function loadConfig(
  root: string,
  exists: (rel: string) => boolean = (f) => existsSync(join(root, f)),
): LoadedConfig {
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file)) return { config: configFromText(undefined, exists) };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new KilldateError('CONFIG_INVALID', `${CONFIG_FILE}: cannot read (${(e as Error).message})`);
  }
  return { config: configFromText(text, exists), file };
}

/** A config file's text (undefined: no file) validated and resolved; a bad one is CONFIG_INVALID. */
export function configFromText(text: string | undefined, exists: (rel: string) => boolean): Config {
  if (text === undefined) return resolveLayout(configSchema.parse({}), {}, exists);
  const raw = parseYaml(text);
  const result = configSchema.safeParse(raw.value ?? {});
  if (!result.success) {
    const unknown = result.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? [i] : []));
    if (unknown.length) throw unknownKeys(unknown, raw.lineOf);
    const issue = result.error.issues[0]!;
    const where = issue.path.join('.');
    const line = raw.lineOf(issue.path);
    throw new KilldateError(
      'CONFIG_INVALID',
      `${CONFIG_FILE}${line ? `:${line}` : ''}: ${where ? `${where}: ` : ''}${issue.message}`,
      `see docs/config.md for the expected shape`,
    );
  }
  const given = (raw.value && typeof raw.value === 'object' ? raw.value : {}) as {
    paths?: Record<string, unknown>;
  };
  return resolveLayout(result.data, given.paths ?? {}, exists);
}

/** One line per unknown key, each with its line and the nearest known key. */
function unknownKeys(
  issues: { path: PropertyKey[]; keys: string[] }[],
  lineOf: (path: PropertyKey[]) => number | undefined,
): KilldateError {
  const lines = issues.flatMap(({ path, keys }) =>
    keys.map((k) => {
      const line = lineOf([...path, k]);
      const where = [...path, k].join('.');
      return `${CONFIG_FILE}${line ? `:${line}` : ''}: ${where}: unknown key${didYouMean(k, knownKeys(path))}`;
    }),
  );
  return new KilldateError('CONFIG_INVALID', lines.join('\n'), 'see docs/config.md for every key');
}

/** The keys the config schema allows at `path` (an object's shape, through defaults). */
function knownKeys(path: PropertyKey[]): string[] {
  let node: unknown = configSchema;
  for (const step of [undefined, ...path]) {
    if (step !== undefined) node = (node as { shape?: Record<string, unknown> }).shape?.[String(step)];
    while (node && !(node as { shape?: unknown }).shape) {
      const inner = (node as { _zod?: { def?: { innerType?: unknown } } })._zod?.def?.innerType;
      if (!inner) return [];
      node = inner;
    }
  }
  return Object.keys((node as { shape?: Record<string, unknown> })?.shape ?? {});
}

/** The line of a key path in the config file, when the file and the key are there. */
export function configLineOf(root: string, path: string[]): number | undefined {
  try {
    return parseYaml(readFileSync(join(root, CONFIG_FILE), 'utf8')).lineOf(path);
  } catch {
    return undefined;
  }
}

/** The document as plain values; aliases that expand too far (an alias bomb) are bad input. */
function toPlain(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const why = /alias/i.test((e as Error).message)
      ? 'its YAML aliases expand too far (over 100 expansions)'
      : (e as Error).message.split('\n')[0];
    throw new KilldateError(
      'CONFIG_INVALID',
      `${CONFIG_FILE}: not valid config: ${why}`,
      'write each value out instead of aliases of aliases',
    );
  }
}

function parseYaml(text: string): { value: unknown; lineOf(path: PropertyKey[]): number | undefined } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = counter.linePos(err.pos[0]).line;
    throw new KilldateError(
      'CONFIG_INVALID',
      `${CONFIG_FILE}:${line}: not valid YAML: ${err.message.split('\n')[0]}`,
    );
  }
  return {
    value: toPlain(doc),
    lineOf(path) {
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n) as unknown[], true) as
          | { range?: [number, number] }
          | undefined;
        if (node?.range) return counter.linePos(node.range[0]).line;
        const parent = n > 1 ? doc.getIn(path.slice(0, n - 1) as unknown[], true) : doc.contents;
        if (isMap(parent)) {
          const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === path[n - 1]);
          const range = (pair?.key as { range?: [number, number] })?.range;
          if (range) return counter.linePos(range[0]).line;
        }
      }
      return undefined;
    },
  };
}
