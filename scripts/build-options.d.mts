import type { BuildOptions } from 'esbuild';

export function buildOptions(opts: {
  outdir: string;
  entryPoints: Record<string, string>;
  buildId: string;
  absWorkingDir?: string;
}): BuildOptions;
