// Config for the ship side of the method (METHOD sections 8-10): releases and N-1, the deploy
// checklist, the canary ladder and cross-language contracts. Merged into config.ts.
import { z } from './zod.js';

export const releaseSchema = z
  .object({
    tagPattern: z.string().default('v*').describe('Glob of release tags (git tag --list pattern)'),
    bootTimeout: z.string().default('2m').describe('How long `killdate boot` waits for commands.boot'),
  })
  .strict();

export const shipStepSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')
      .describe('Step id, used by --attest and in the ship state'),
    title: z.string().optional().describe('What the progress display shows'),
    run: z.string().optional().describe('A command (run with sh -c in the workspace root)'),
    attest: z.string().optional().describe('A question a human answers yes to'),
    builtin: z
      .enum(['clean-tree', 'branch', 'migrations', 'log-entry', 'deploy-status', 'kill-dates', 'canary'])
      .optional()
      .describe('A step killdate runs itself'),
  })
  .strict();

export const shipSchema = z
  .object({
    branch: z.string().default('main').describe('The branch production ships from'),
    steps: z.array(shipStepSchema).optional().describe('Replaces the default checklist'),
    rollback: z.string().optional().describe('The rollback command, required when migrations are pending'),
    migrate: z.string().optional().describe('Runs the pending migrations'),
    migrations: z
      .object({
        folder: z.string().optional().describe('Folder of migration files'),
        applied: z.string().optional().describe('Command printing applied migration names, one a line'),
        appliedFile: z.string().optional().describe('File listing applied migration names, one a line'),
      })
      .strict()
      .default(() => ({})),
    stepTimeout: z.string().default('30m').describe('How long one command step may run'),
  })
  .strict();

export const canaryStageSchema = z
  .object({
    name: z.string().describe('Who sees the feature at this stage'),
    window: z.string().describe('Minimum clean window before expanding: 15m, 2h, 3d'),
    run: z.string().optional().describe('Command that moves the flag to this stage'),
  })
  .strict();

export const canarySchema = z
  .object({
    stages: z
      .array(canaryStageSchema)
      .min(1)
      .default(() => [
        { name: 'you', window: '15m' },
        { name: 'one user', window: '15m' },
        { name: '10%', window: '1h' },
        { name: '50%', window: '1h' },
        { name: '100%', window: '0s' },
      ])
      .describe('The ladder, first stage first'),
    flagOff: z.string().optional().describe('Turns the feature flag off (rollback step 1)'),
    revert: z.string().optional().describe('Reverts the code when there is no flag'),
    schemaRollback: z.string().optional().describe('Rolls back a migrated schema, before the code'),
  })
  .strict();

const sideSchema = z
  .object({
    command: z.string().optional().describe('Validates the fixture file given as its last argument'),
    python: z.string().optional().describe('A Pydantic model: path/to/module.py:ModelName'),
    zod: z.string().optional().describe('A zod schema: path/to/module.mjs:exportName'),
  })
  .strict();

export const contractSchema = z
  .object({
    name: z.string().describe('Names the contract in reports'),
    fixture: z.string().describe('The golden fixture: one real JSON output'),
    source: z.string().describe('Where the fixture came from'),
    producer: sideSchema.describe('The side that writes the output: validated strictly'),
    consumer: sideSchema.describe('The side that reads it: validated as at run time'),
    render: z.string().optional().describe('Render smoke test command; the fixture path is appended'),
  })
  .strict();

export type ShipConfig = z.infer<typeof shipSchema>;
export type ShipStepConfig = z.infer<typeof shipStepSchema>;
export type CanaryConfig = z.infer<typeof canarySchema>;
export type ContractConfig = z.infer<typeof contractSchema>;
