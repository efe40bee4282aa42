// Session tools: the start report, and today's log entry (session end).

import { end } from '../api/end.js';
import { start } from '../api/start.js';
import { z } from '../core/zod.js';
import { defineTool } from './tool.js';

export const sessionTools = [
  defineTool({
    name: 'start',
    description:
      'Session start report: git state, live RESUME HERE, log tail, roadmap, open bugs, kill dates, features waiting on a checkpoint.',
    core: true,
    readOnly: true,
    input: z.object({}),
    output: z.object({ report: z.string(), summary: z.string() }),
    async run(_, { cwd, today }) {
      const r = await start({ cwd, today, tokens: false });
      return { data: { report: r.text, summary: r.summary }, text: r.text };
    },
  }),
  defineTool({
    name: 'log_add',
    description:
      "Append today's session log entry; then says whether the session can end (ok, problems) and the git summary.",
    core: true,
    readOnly: false,
    input: z.object({
      did: z.string().describe('what happened, 2-3 sentences'),
      decided: z.string().optional(),
      resume: z.array(z.string()).optional().describe('RESUME HERE steps, when work is unfinished'),
    }),
    output: z.object({
      file: z.string(),
      line: z.number(),
      ok: z.boolean(),
      problems: z.array(z.string()),
      gitSummary: z.string().optional(),
    }),
    async run(a, { cwd, today }) {
      const r = await end({ cwd, today, entry: { did: a.did, decided: a.decided, resume: a.resume ?? [] } });
      const written = r.written!;
      return {
        data: {
          file: written.file,
          line: written.line,
          ok: r.ok,
          problems: r.problems,
          ...(r.gitSummary ? { gitSummary: r.gitSummary } : {}),
        },
      };
    },
  }),
];
