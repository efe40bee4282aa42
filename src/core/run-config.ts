// Config of the handoff loop: who may move a feature to its next task (the approval policy),
// how task runs are limited, and what a feature's worktree gets copied into it.
import { z } from './zod.js';

export const approvalSchema = z
  .object({
    policy: z
      .enum(['human', 'auto-when-all-pass'])
      .default('human')
      .describe(
        'human: every task waits for killdate approve; auto-when-all-pass: a task whose checks all pass is approved and the next one starts',
      ),
  })
  .strict();

export const trustSchema = z
  .object({
    signedCommits: z
      .boolean()
      .default(false)
      .describe(
        'A sign-off or decision counts only when its commit verifies with git verify-commit against trust.allowedSigners',
      ),
    allowedSigners: z
      .string()
      .default('.killdate-allowed-signers')
      .describe(
        'The allowed-signers file (ssh-keygen format: email, key) for signed commits; in ci --base, read as it is on the base',
      ),
  })
  .strict();

export const runSchema = z
  .object({
    concurrency: z.number().int().positive().default(2).describe('Features run at once by run --all'),
    validateTimeoutSeconds: z
      .number()
      .positive()
      .default(600)
      .describe('Wall-clock limit of each VALIDATE command'),
    diagnose: z.boolean().default(true).describe('Ask the planner for a drift diagnosis when a check fails'),
    passEnv: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'))
      .default(() => [])
      .describe(
        "Variables that may hold secrets and still go to the executor, the planner and VALIDATE (each agent's own key variables always do)",
      ),
  })
  .strict();

export const worktreeSchema = z
  .object({
    dir: z.string().default('.killdate/worktrees').describe('Where feature worktrees are created'),
    copy: z
      .array(z.string())
      .default(() => [])
      .describe('Git-ignored files copied into each new worktree, e.g. .env'),
  })
  .strict();
