// Config for the gates: the scope guard (test pairing, dependency manifests) and the task-type
// classifier (layers, new routes and components). Defaults live here, next to their schema.

import { DEFAULT_MANIFESTS } from './scope.js';
import { z } from './zod.js';

export const scopeSchema = z
  .object({
    testPairing: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .default(() => ({}))
      .describe(
        'Source glob -> where its test lives, e.g. { "src/**/*.ts": "test/**/*.test.ts" } or "test/{sub}/{name}.test.ts"; the test of an allowed file is allowed',
      ),
    manifests: z
      .array(z.string())
      .default(() => [...DEFAULT_MANIFESTS])
      .describe('Dependency manifests (names or globs): a change to one must be listed in FILES by name'),
  })
  .strict();

export const DEFAULT_LAYERS: Record<string, string[]> = {
  ui: [
    '**/components/**',
    '**/pages/**',
    '**/app/routes/**',
    '**/views/**',
    '**/*.tsx',
    '**/*.jsx',
    '**/*.vue',
    '**/*.svelte',
    '**/*.css',
    '**/*.scss',
  ],
  api: ['**/api/**', '**/routes/**', '**/server/**', '**/handlers/**', '**/controllers/**', '**/loaders/**'],
  data: [
    '**/models/**',
    '**/schema/**',
    '**/db/**',
    '**/migrations/**',
    '**/*.sql',
    '**/prisma/**',
    '**/repositories/**',
  ],
  infra: [
    'Dockerfile',
    '**/Dockerfile',
    'docker-compose*.yml',
    '.github/**',
    'infra/**',
    'terraform/**',
    '**/*.tf',
    'k8s/**',
    'deploy/**',
  ],
};

export const classifySchema = z
  .object({
    layers: z
      .record(z.string(), z.array(z.string()))
      .default(() => ({ ...DEFAULT_LAYERS }))
      .describe('Layer name -> globs; a change touching three or more layers is feature work'),
    routes: z
      .array(z.string())
      .default(() => [
        '**/app/routes/**',
        '**/pages/**',
        '**/routes/**',
        '**/app/**/page.{tsx,jsx,ts,js}',
        '**/app/**/route.{ts,js}',
      ])
      .describe('Globs of route files: a new one is a new surface'),
    components: z
      .array(z.string())
      .default(() => ['**/components/**/*.{tsx,jsx,vue,svelte}'])
      .describe('Globs of UI components: a new one is a new surface'),
  })
  .strict();
