// Register tools: what an agent may add to the project-management files. Each entry is
// written in the register's format under a lock; text holding a secret is refused.

import { addBug, addHeuristic, addLearning } from '../api/registers.js';
import { roadmapAdd } from '../api/roadmap.js';
import { LAYERS, SEVERITIES } from '../core/registers/bugs.js';
import { SECTION_KEYS } from '../core/registers/roadmap.js';
import { z } from '../core/zod.js';
import { defineTool } from './tool.js';

const added = z.object({ file: z.string(), entry: z.string() });

export const registerTools = [
  defineTool({
    name: 'bug_add',
    description: 'Add an open bug to KNOWN-ISSUES.md; returns its id.',
    readOnly: false,
    input: z.object({
      title: z.string(),
      layer: z.enum(LAYERS as [string, ...string[]]),
      severity: z.enum(SEVERITIES).optional(),
      symptoms: z.string().optional(),
      cause: z.string().optional(),
      workaround: z.string().optional(),
    }),
    output: added,
    async run(a, { cwd, today }) {
      const r = await addBug({ cwd, today, ...a });
      return { data: { file: r.file, entry: r.id } };
    },
  }),
  defineTool({
    name: 'learning_add',
    description: 'Add a testing learning: what happened, why tests missed it, the fix, the rule.',
    readOnly: false,
    input: z.object({
      title: z.string(),
      happened: z.string(),
      missed: z.string(),
      fix: z.string(),
      rule: z.string(),
    }),
    output: added,
    async run(a, { cwd, today }) {
      const r = await addLearning({ cwd, today, ...a });
      return { data: { file: r.file, entry: r.id } };
    },
  }),
  defineTool({
    name: 'heuristic_add',
    description: 'Add a dev heuristic under a domain, with optional path globs it applies to.',
    readOnly: false,
    input: z.object({ domain: z.string(), text: z.string(), paths: z.array(z.string()).optional() }),
    output: added,
    async run(a, { cwd, today }) {
      const r = await addHeuristic({ cwd, today, ...a });
      return { data: { file: r.file, entry: r.domain } };
    },
  }),
  defineTool({
    name: 'roadmap_add',
    description: 'Add a roadmap item (to next unless section says otherwise).',
    readOnly: false,
    input: z.object({ text: z.string(), section: z.enum(SECTION_KEYS as [string, ...string[]]).optional() }),
    output: added,
    async run(a, { cwd, today }) {
      const r = await roadmapAdd({ cwd, today, text: a.text, section: a.section });
      return { data: { file: r.file, entry: r.text } };
    },
  }),
];
