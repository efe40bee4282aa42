// A run's logs over server-sent events: what each log holds now, then what is appended to it
// as the workspace watch reports writes under the run's folder, redacted like every byte shown.
import type { ServerResponse } from 'node:http';
import { stateRootOf } from '../api/run.js';
import { assertRunId, readLog, runLogFiles } from '../api/run-view.js';
import { runDir } from '../orchestrator/run-state.js';
import { openStream, type WorkspaceWatch } from './live.js';

export function streamRun(res: ServerResponse, root: string, runId: string, watch: WorkspaceWatch): void {
  assertRunId(runId);
  const stateRoot = stateRootOf(root);
  const send = openStream(res);
  const offsets = new Map<string, number>();
  const push = () => {
    for (const file of runLogFiles(stateRoot, runId)) {
      const from = offsets.get(file);
      const log = readLog(file, from);
      if (!log || (from !== undefined && log.size === from)) continue;
      offsets.set(file, log.size);
      send('log', { name: log.name, text: log.text, reset: from === undefined, cut: log.cut });
    }
  };
  push();
  const prefix = `${runDir(stateRoot, runId).slice(root.length + 1)}/`;
  const stop = watch.on((paths) => {
    if (!paths.some((p) => p.startsWith(prefix) || `${p}/` === prefix)) return;
    push();
    if (paths.some((p) => p.endsWith('meta.json'))) send('meta', { runId });
  });
  res.on('close', stop);
}
