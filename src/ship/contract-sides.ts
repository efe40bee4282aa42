// The two schema runners of a contract check: a Pydantic model run with python3, a zod schema
// run with node. Each prints one JSON line: { ok, issues: [{ field, message }], notes }.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface SideIssue {
  field: string;
  message: string;
}

export interface SideResult {
  ok: boolean;
  issues: SideIssue[];
  /** things that passed but deserve a look (a field read through an alias) */
  notes: string[];
  /** the runner itself failed (python3 or pydantic missing, module not found...) */
  error?: string;
}

const PYDANTIC = `
import json, sys, importlib.util, os
path, name, fixture = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
try:
    import pydantic
    spec = importlib.util.spec_from_file_location("killdate_contract_producer", path)
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    model = getattr(mod, name)
except Exception as e:
    print(json.dumps({"error": f"{type(e).__name__}: {e}"})); sys.exit(0)
data = json.load(open(fixture, encoding="utf-8"))
notes = []
if isinstance(data, dict):
    for fname, f in model.model_fields.items():
        alias = f.validation_alias if isinstance(f.validation_alias, str) else f.alias
        if alias and alias != fname and alias in data:
            notes.append(f"the fixture field {alias} is read through an alias of {fname}")
try:
    model.model_validate(data, strict=True)
    print(json.dumps({"ok": True, "issues": [], "notes": notes}))
except pydantic.ValidationError as e:
    issues = [{"field": ".".join(str(p) for p in err["loc"]) or "(root)", "message": err["msg"]} for err in e.errors()]
    print(json.dumps({"ok": False, "issues": issues, "notes": notes}))
`;

import { redact } from '../agents/redact.js';

const ZOD = `
const [path, name, fixture] = process.argv.slice(1);
const { pathToFileURL } = await import('node:url');
const { readFileSync } = await import('node:fs');
let schema;
try {
  const mod = await import(pathToFileURL(path).href);
  schema = mod[name];
  if (!schema || typeof schema.safeParse !== 'function') throw new Error(path + ' exports no zod schema named ' + name);
} catch (e) {
  console.log(JSON.stringify({ error: e.message })); process.exit(0);
}
const r = schema.safeParse(JSON.parse(readFileSync(fixture, 'utf8')));
const issues = r.success ? [] : r.error.issues.flatMap((i) =>
  i.code === 'unrecognized_keys'
    ? i.keys.map((k) => ({ field: [...i.path, k].join('.'), message: 'unrecognized key' }))
    : [{ field: i.path.join('.') || '(root)', message: i.message }]);
console.log(JSON.stringify({ ok: r.success, issues, notes: [] }));
`;

/** `path/to/module.py:Model` -> [absolute path, export name]. */
export function splitRef(root: string, ref: string): [string, string] {
  const at = ref.lastIndexOf(':');
  if (at <= 0) return [join(root, ref), 'default'];
  return [join(root, ref.slice(0, at)), ref.slice(at + 1)];
}

export function runPydantic(root: string, ref: string, fixture: string, timeoutMs: number): SideResult {
  const [path, name] = splitRef(root, ref);
  return runScript('python3', ['-c', PYDANTIC, path, name, fixture], root, timeoutMs);
}

export function runZod(root: string, ref: string, fixture: string, timeoutMs: number): SideResult {
  const [path, name] = splitRef(root, ref);
  return runScript(
    process.execPath,
    ['--input-type=module', '-e', ZOD, path, name, fixture],
    root,
    timeoutMs,
  );
}

function runScript(bin: string, args: string[], cwd: string, timeout: number): SideResult {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', timeout, maxBuffer: 16 * 1024 * 1024 });
  if (r.error) return { ok: false, issues: [], notes: [], error: `${bin}: ${r.error.message}` };
  const line = (r.stdout ?? '').trim().split('\n').at(-1) ?? '';
  try {
    const out = JSON.parse(line) as Partial<SideResult>;
    if (out.error) return { ok: false, issues: [], notes: [], error: redact(String(out.error)) };
    return { ok: !!out.ok, issues: out.issues ?? [], notes: out.notes ?? [] };
  } catch {
    return {
      ok: false,
      issues: [],
      notes: [],
      error: `${bin} failed: ${redact((r.stderr || r.stdout || `exit ${r.status}`).trim().slice(-400))}`,
    };
  }
}
