export function buildCli(opts: {
  outdir: string;
  buildId: string;
  absWorkingDir?: string;
  library?: boolean;
  logLevel?: 'error' | 'warning';
}): Promise<void>;
