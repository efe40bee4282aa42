// The guard state of a repo, re-derived rather than trusted: .killdate/active-task.json
// compared with the task ref killdate wrote in git. Any difference is tampering, and the
// committed values win; a task ref with no active-task.json is a task whose state was deleted.
// node:fs and node:zlib only in the usual case: the tool-call hook runs this on every call.
import { type ActiveTask, ActiveTaskUnreadable, readActiveTask } from './active-task.js';
import { type TaskRecord, treeTaskRefs } from './task-ref.js';

export interface GuardState {
  /** the values the guard uses: the task ref's when one exists */
  task: ActiveTask;
  /** the task ref backing it, when there is one */
  ref?: string;
  /** the ref's record (the runbook's blob among it) */
  record?: TaskRecord;
  /** each way .killdate/active-task.json differs from the task ref; empty when they agree */
  tampered: string[];
  /** .killdate/active-task.json is gone while the task ref exists */
  missing: boolean;
}

const FIELDS = ['feature', 'task', 'runbook', 'base', 'files', 'testPairing', 'manifests'] as const;

/** JSON with object keys sorted, so key order is not a difference. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** The fields of `a` that differ from the record. */
export function differingFields(a: Partial<TaskRecord>, record: TaskRecord): string[] {
  return FIELDS.filter((f) => !same(a[f] ?? (f === 'testPairing' ? {} : undefined), record[f]));
}

/** stable(a) === stable(b), element by element for arrays (FILES may hold 100,000 entries). */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return stable(a) === stable(b);
}

/**
 * The active task of `root` as the guard must see it, or undefined when there is none.
 * Throws ActiveTaskUnreadable when no task ref exists and active-task.json is damaged, or a
 * task ref exists that is not killdate's record.
 */
export function guardState(root: string): GuardState | undefined {
  const refs = treeTaskRefs(root);
  let json: ActiveTask | undefined;
  let damaged: string | undefined;
  try {
    json = readActiveTask(root);
  } catch (e) {
    if (!(e instanceof ActiveTaskUnreadable) || refs.length === 0) throw e;
    damaged = e.message;
  }
  if (refs.length === 0) return json ? { task: json, tampered: [], missing: false } : undefined;
  const ref = refs.find((r) => json && r.name.endsWith(`/${json.feature}/${json.task}`)) ?? refs[0]!;
  const read = ref.read;
  if (!read)
    throw new ActiveTaskUnreadable(`the task ref ${ref.name} does not hold the record killdate wrote`);
  const { record, target } = read;
  const tampered: string[] = [];
  if (target !== record.base)
    tampered.push(`the task ref ${ref.name} points at another commit than its base`);
  const task: ActiveTask = {
    version: 1,
    feature: record.feature,
    task: record.task,
    runbook: record.runbook,
    base: target,
    ...(record.branch ? { branch: record.branch } : {}),
    startedAt: json?.startedAt ?? '',
    files: record.files,
    testPairing: record.testPairing ?? {},
    ...(record.manifests ? { manifests: record.manifests } : {}),
  };
  const missing = !json && !damaged;
  if (damaged) tampered.push(damaged);
  else if (!json)
    tampered.push(`.killdate/active-task.json is missing while the task ref ${ref.name} exists`);
  else {
    const diff = differingFields(json, { ...record, base: target });
    if (diff.length)
      tampered.push(`.killdate/active-task.json differs from the task ref ${ref.name} in ${diff.join(', ')}`);
  }
  return { task, ref: ref.name, record, tampered, missing };
}
