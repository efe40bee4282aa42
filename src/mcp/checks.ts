// Check tools: findings (filtered by path), the active task's scope, secrets added, kill dates.

import { check } from '../api/check.js';
import { killDates } from '../api/killdates.js';
import { scope } from '../api/scope.js';
import { secrets } from '../api/secrets.js';
import type { Finding } from '../core/finding.js';
import { z } from '../core/zod.js';
import { defineTool } from './tool.js';

export const finding = z.object({
  rule: z.string(),
  severity: z.string(),
  file: z.string(),
  line: z.number().optional(),
  message: z.string(),
  fix: z.string().optional(),
});

/** A finding as the tools give it (no column). */
export function findingOut(f: Finding): z.infer<typeof finding> {
  return {
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    ...(f.line ? { line: f.line } : {}),
    message: f.message,
    ...(f.fix ? { fix: f.fix } : {}),
  };
}

export const checkTools = [
  defineTool({
    name: 'check',
    description: 'Validate the method documents; findings with file and line, only under paths when given.',
    core: true,
    readOnly: true,
    input: z.object({ paths: z.array(z.string()).optional() }),
    output: z.object({
      findings: z.array(finding),
      errors: z.number(),
      warnings: z.number(),
    }),
    async run(a, { cwd, today }) {
      const r = check({ cwd, today, paths: a.paths });
      return {
        data: {
          findings: r.findings.map(findingOut),
          errors: r.summary.errors,
          warnings: r.summary.warnings,
        },
      };
    },
  }),
  defineTool({
    name: 'scope',
    description: 'The active task: its FILES and every change since its base that is outside them.',
    core: true,
    readOnly: true,
    input: z.object({}),
    output: z.object({
      feature: z.string(),
      task: z.string(),
      runbook: z.string(),
      files: z.array(z.string()),
      ok: z.boolean(),
      outside: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
    async run(_, { cwd }) {
      const r = await scope({ cwd });
      return {
        data: {
          feature: r.task.feature,
          task: r.task.task,
          runbook: r.task.runbook,
          files: r.allowlist,
          ok: r.ok,
          outside: r.violations.map((v) => ({ path: v.path, message: v.message })),
        },
      };
    },
  }),
  defineTool({
    name: 'secrets',
    description: 'Secrets the working tree adds since base (HEAD): file, line, kind; never the secret.',
    readOnly: true,
    input: z.object({ base: z.string().optional() }),
    output: z.object({
      ok: z.boolean(),
      checked: z.number(),
      secrets: z.array(z.object({ path: z.string(), line: z.number(), kind: z.string() })),
    }),
    async run(a, { cwd }) {
      const r = await secrets({ cwd, base: a.base });
      const found = r.secrets.map((s) => ({ path: s.path, line: s.line, kind: s.kind }));
      return { data: { ok: r.ok, checked: r.checked, secrets: found } };
    },
  }),
  defineTool({
    name: 'killdates',
    description: 'Kill dates from locks and KILLDATE markers, with status (ok, due-soon, overdue, missing).',
    readOnly: true,
    input: z.object({ withinDays: z.number().int().min(0).optional() }),
    output: z.object({
      items: z.array(
        z.object({ what: z.string(), file: z.string(), date: z.string().optional(), status: z.string() }),
      ),
    }),
    async run(a, { cwd, today }) {
      const r = await killDates({ cwd, today, withinDays: a.withinDays, cache: true });
      const items = r.items.map((i) => ({
        what: i.what,
        file: i.file,
        ...(i.date ? { date: i.date } : {}),
        status: i.status,
      }));
      return { data: { items } };
    },
  }),
];
