// killdate.config.yaml: one zod schema, every default in one place. The JSON Schema for
// editors is generated from it (scripts/gen-docs.mjs -> schema/killdate.config.schema.json).

import { agentsSchema } from './agent-config.js';
import { classifySchema, scopeSchema } from './config-gates.js';
import { approvalSchema, runSchema, trustSchema, worktreeSchema } from './run-config.js';
import { canarySchema, contractSchema, releaseSchema, shipSchema } from './ship-config.js';
import { z } from './zod.js';

const severityOverride = z.enum(['off', 'warning', 'error']);

export const pathsSchema = z
  .object({
    context: z.string().default('AGENTS.md').describe('Context document, the single source'),
    claude: z.string().default('CLAUDE.md').describe('Claude Code context file that imports the source'),
    gemini: z.string().default('GEMINI.md').describe('Gemini context file, generated from the source'),
    executorRules: z.string().default('.cursor/rules').describe('Folder of executor rules (*.mdc)'),
    canonical: z
      .array(z.string())
      .default(['marketing/canonical/*.md', 'project-management/CANONICAL.md'])
      .describe('Globs of the canonical product-truth documents'),
    projectManagement: z
      .string()
      .default('project-management')
      .describe('Folder of the project-management documents'),
    log: z.string().default('project-management/_log.md').describe('Session log, one entry per session'),
    roadmap: z
      .string()
      .default('project-management/ROADMAP.md')
      .describe('Roadmap: in progress, next, backlog, completed'),
    knownIssues: z.string().default('project-management/KNOWN-ISSUES.md').describe('Open bugs only'),
    testingLearnings: z
      .string()
      .default('project-management/TESTING-LEARNINGS.md')
      .describe('Lessons from production failures (L-001...)'),
    devHeuristics: z
      .string()
      .default('project-management/DEV-HEURISTICS.md')
      .describe('Heuristics by domain, with path globs'),
    stack: z.string().default('project-management/STACK.md').describe('Permanent stack decisions'),
    architecture: z
      .string()
      .default('project-management/ARCHITECTURE.md')
      .describe('Architecture, with the deploy status'),
    features: z
      .string()
      .default('feature-builds')
      .describe('Folder of feature folders, _completed, _iterations, _playbook'),
    lockTemplate: z
      .array(z.string())
      .default(['project-management/FEATURE-LOCK.md', 'docs/pre-build-lock.md'])
      .describe('Where the lock template lives; the first that exists is used'),
    runbookTemplate: z
      .array(z.string())
      .default([
        'feature-builds/_playbook/RUNBOOK-TEMPLATE.md',
        'feature-builds/_playbook/BUILD-RULES.md',
        'docs/runbook-template.md',
      ])
      .describe('Where the runbook template lives; the first that exists is used'),
    processDocs: z
      .array(z.string())
      .default(['project-management/*.md', 'docs/*.md', 'feature-builds/_playbook/*.md'])
      .describe('Globs of process documents the context document must list'),
  })
  .strict();

export const commandsSchema = z
  .object({
    test: z.string().optional().describe('Runs the test suite'),
    stagingDeploy: z.string().optional().describe('Deploys to staging'),
    stagingUp: z
      .string()
      .optional()
      .describe('Spins up a staging environment for this ship (on demand); stagingDeploy when absent'),
    stagingDown: z
      .string()
      .optional()
      .describe('Tears staging down after its checks, passed or not (and after a crash, on ship --resume)'),
    deploy: z.string().optional().describe('Deploys to production'),
    health: z.string().optional().describe('Health check after a deploy'),
    logs: z.string().optional().describe('Prints recent production logs'),
    stagingTest: z.string().optional().describe('Runs the automated suite against staging'),
    boot: z.string().optional().describe('Boots a release (run in its worktree by `killdate boot`)'),
  })
  .strict();

export const budgetsSchema = z
  .object({
    coreLines: z.number().int().positive().default(300).describe('Lines of the context Core'),
    coreTokens: z.number().int().positive().default(4000).describe('Tokens of the context Core'),
    startTokens: z.number().int().positive().default(1500).describe('Tokens of the start report'),
    maxDocumentBytes: z.number().int().positive().default(2_000_000).describe('Larger documents are skipped'),
  })
  .strict();

export const configSchema = z
  .object({
    version: z.literal(1).default(1).describe('Config format version'),
    product: z.string().optional().describe('Product name'),
    paths: pathsSchema.default(() => pathsSchema.parse({})),
    commands: commandsSchema.default(() => ({})),
    budgets: budgetsSchema.default(() => budgetsSchema.parse({})),
    sharedCode: z
      .array(z.string())
      .default(['src/lib/**', 'src/shared/**', 'lib/**', 'packages/*/src/**'])
      .describe('Globs of shared code: a task touching it must run the tests'),
    migrations: z
      .array(z.string())
      .default(['**/migrations/**', 'prisma/migrations/**', '**/*.sql'])
      .describe('Globs of schema migrations'),
    killDates: z
      .object({
        dueSoonDays: z
          .number()
          .int()
          .nonnegative()
          .default(14)
          .describe('Days before a kill date that count as due soon'),
      })
      .strict()
      .default(() => ({ dueSoonDays: 14 })),
    release: releaseSchema.default(() => releaseSchema.parse({})),
    ship: shipSchema.default(() => shipSchema.parse({})),
    canary: canarySchema.default(() => canarySchema.parse({})),
    contracts: z.array(contractSchema).default(() => []),
    scope: scopeSchema.default(() => scopeSchema.parse({})),
    classify: classifySchema.default(() => classifySchema.parse({})),
    agents: agentsSchema.default(() => agentsSchema.parse({})),
    approval: approvalSchema.default(() => approvalSchema.parse({})),
    trust: trustSchema.default(() => trustSchema.parse({})),
    run: runSchema.default(() => runSchema.parse({})),
    worktree: worktreeSchema.default(() => worktreeSchema.parse({})),
    rules: z
      .record(z.string(), severityOverride)
      .default(() => ({}))
      .describe('Per-rule severity overrides'),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type Paths = Config['paths'];

export const defaultConfig = (): Config => configSchema.parse({});

/**
 * A repo forked from the killdate-kit starter has CLAUDE.md as its only context document:
 * with no explicit `paths.context`, CLAUDE.md is the source when AGENTS.md is absent.
 */
export function resolveLayout(
  config: Config,
  given: Record<string, unknown>,
  exists: (p: string) => boolean,
): Config {
  const p = config.paths;
  if (given.context === undefined && !exists(p.context) && exists(p.claude))
    return { ...config, paths: { ...p, context: p.claude } };
  return config;
}
