// What a runbook's FILES touch, against the config's globs: shared code (tests must run)
// and schema migrations (never mixed with application code).
import { filesMatcher, isFilesGlob } from '../files-glob.js';
import { globMatcher } from '../glob.js';
import type { FileEntry, Runbook } from '../parse/runbook.js';

/** A config glob list prepared once: its matcher and the concrete sample of each glob. */
interface Prepared {
  byGlobs: (path: string) => boolean;
  samples: string[];
  sampleSet: Set<string>;
}
const preparedLists = new WeakMap<string[], Prepared>();

function prepare(globs: string[]): Prepared {
  let p = preparedLists.get(globs);
  if (!p) {
    const samples = globs.map(sample);
    p = { byGlobs: globMatcher(globs), samples, sampleSet: new Set(samples) };
    preparedLists.set(globs, p);
  }
  return p;
}

/** Whether a FILES entry (a path or a glob) can touch a file that one of `globs` matches. */
export function overlaps(pattern: string, globs: string[]): boolean {
  if (globs.length === 0) return false;
  const { byGlobs, samples, sampleSet } = prepare(globs);
  if (byGlobs(pattern)) return true;
  const own = sample(pattern);
  if (own !== pattern && byGlobs(own)) return true;
  // a literal entry matches only itself
  if (!isFilesGlob(pattern)) return sampleSet.has(pattern);
  const byEntry = filesMatcher(pattern);
  return samples.some((s) => byEntry(s));
}

const SAMPLED = /[{*?]/;

/** A concrete path a glob matches: `**` and `*` filled in, braces take their first option. */
function sample(glob: string): string {
  if (!SAMPLED.test(glob)) return glob;
  return glob
    .replace(/\{([^,}]*)[^}]*\}/g, '$1')
    .replace(/\*\*/g, 'x/y')
    .replace(/\*/g, 'x')
    .replace(/\?/g, 'x');
}

export function sharedEntries(rb: Runbook, sharedCode: string[]): FileEntry[] {
  return rb.files.filter((e) => !e.placeholder && overlaps(e.pattern, sharedCode));
}

const TEST_RUN = /\btest(s)?\b|\bvitest\b|\bjest\b|\bpytest\b|\bmocha\b|\brspec\b|\bphpunit\b|\bspec\b/i;

/** A VALIDATE step that runs the tests: the configured test command, else any test-like command. */
export function testStep(rb: Runbook, testCommand: string | undefined): boolean {
  const want = testCommand?.trim();
  return rb.validate.some(
    (s) => s.command !== undefined && (want ? s.command.includes(want) : TEST_RUN.test(s.command)),
  );
}

const CODE_FILE =
  /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|rb|go|rs|java|kt|kts|scala|php|cs|swift|vue|svelte|ex|exs|erl|dart|c|cc|cpp|h|hpp|m|lua|clj)$|\*$/i;
const TEST_FILE =
  /(^|\/)(test|tests|__tests__|spec|specs|e2e)\/|\.(test|spec)\.\w+$|_test\.\w+$|(^|\/)test_[^/]+$/i;

/** A migration entry and an application-code entry in the same FILES list, if there are both. */
export function migrationMix(
  rb: Runbook,
  migrations: string[],
): { migration: FileEntry; app: FileEntry } | undefined {
  const entries = rb.files.filter((e) => !e.placeholder);
  const migration = entries.find((e) => overlaps(e.pattern, migrations));
  if (!migration) return undefined;
  const app = entries.find(
    (e) => !overlaps(e.pattern, migrations) && CODE_FILE.test(e.pattern) && !TEST_FILE.test(e.pattern),
  );
  return app ? { migration, app } : undefined;
}
