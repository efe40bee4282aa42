// Feature tools: status and what blocks it, a task's brief, the templates, and new drafts
// (a feature's lock, a task's runbook). None records a sign-off or decides a task.

import { brief } from '../api/brief.js';
import { FEATURE_TYPES, featureNew, methodTemplate, runbookNew, TEMPLATE_KINDS } from '../api/feature.js';
import { status } from '../api/status.js';
import { z } from '../core/zod.js';
import { finding, findingOut } from './checks.js';
import { defineTool } from './tool.js';

export const featureTools = [
  defineTool({
    name: 'status',
    description: "Each feature's state, next checkpoint and what blocks it (findings, with the lock gate).",
    core: true,
    readOnly: true,
    input: z.object({ feature: z.string().optional() }),
    output: z.object({
      features: z.array(
        z.object({
          slug: z.string(),
          state: z.string(),
          next: z.string().optional(),
          blockers: z.array(finding.extend({ gate: z.number().optional() })),
        }),
      ),
    }),
    async run(a, { cwd, today }) {
      const r = await status({ cwd, today, feature: a.feature });
      const features = r.features.map((f) => ({
        slug: f.slug,
        state: f.state,
        ...(f.next ? { next: f.next } : {}),
        blockers: f.blockers.map((b) => ({ ...findingOut(b), ...(b.gate ? { gate: b.gate } : {}) })),
      }));
      return { data: { features } };
    },
  }),
  defineTool({
    name: 'brief',
    description: "A task's executor brief: global rules, the lock's state model and the runbook, in full.",
    core: true,
    readOnly: true,
    input: z.object({ feature: z.string(), task: z.string().describe('number or slug') }),
    output: z.object({ runbook: z.string(), tokens: z.number(), text: z.string() }),
    async run(a, { cwd }) {
      const r = await brief({ cwd, feature: a.feature, task: a.task });
      return { data: { runbook: r.runbook, tokens: r.tokens, text: r.text }, text: r.text };
    },
  }),
  defineTool({
    name: 'template',
    description: 'The lock or runbook template new drafts start from.',
    readOnly: true,
    input: z.object({ kind: z.enum(TEMPLATE_KINDS) }),
    output: z.object({ source: z.string(), text: z.string() }),
    async run(a, { cwd }) {
      const r = methodTemplate({ cwd, kind: a.kind });
      return { data: { source: r.source, text: r.text }, text: r.text };
    },
  }),
  defineTool({
    name: 'feature_new',
    description: 'Create a feature folder with a draft PRE-BUILD-LOCK.md (refused if it exists).',
    readOnly: false,
    input: z.object({ slug: z.string(), type: z.enum(FEATURE_TYPES).optional() }),
    output: z.object({ path: z.string() }),
    async run(a, { cwd }) {
      return { data: { path: featureNew({ cwd, slug: a.slug, type: a.type }).path } };
    },
  }),
  defineTool({
    name: 'runbook_new',
    description: "Create a feature's next numbered runbook draft, header filled.",
    readOnly: false,
    input: z.object({ feature: z.string(), task: z.string().describe('task slug') }),
    output: z.object({ path: z.string(), note: z.string().optional() }),
    async run(a, { cwd }) {
      const r = runbookNew({ cwd, feature: a.feature, task: a.task });
      return { data: { path: r.path, ...(r.note ? { note: r.note } : {}) } };
    },
  }),
];
