import type { BuildOptions } from 'esbuild';

export const HOOK_TOOL: Record<string, string>;

export function buildOptions(opts: {
  outdir: string;
  entryPoints: Record<string, string>;
  buildId: string;
  absWorkingDir?: string;
  whole?: boolean;
}): BuildOptions;
