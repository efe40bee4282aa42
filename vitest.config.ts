import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one on a 2-core CI machine. Most
    // tests wait on child processes (the CLI, git, agent binaries), so every core gets one.
    maxWorkers: Math.max(2, availableParallelism()),
    setupFiles: ['test/helpers/human-setup.ts'],
  },
});
