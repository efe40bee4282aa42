// Any other agent: an argv from config, the brief on stdin, plain-text output. Every
// non-empty line is assistant text; the final result is the exit code.

import { KilldateError } from '../core/errors.js';
import type { Adapter, BuildOptions } from './adapter.js';
import type { AgentEvent, StreamParser } from './events.js';

function build(o: BuildOptions) {
  const [first, ...rest] = o.extraArgs ?? [];
  const bin = o.bin ?? first;
  if (!bin)
    throw new KilldateError(
      'CONFIG_INVALID',
      'the command agent has no binary',
      'set agents.settings.<name>.bin',
    );
  const argv = o.bin ? (o.extraArgs ?? []) : rest;
  return { bin, argv, env: {}, stdin: o.prompt, cwd: o.cwd };
}

function parser(): StreamParser {
  let last = '';
  return {
    line(raw): AgentEvent[] {
      if (!raw.trim()) return [];
      last = raw;
      return [{ type: 'text', text: raw }];
    },
    finish({ code, signal }): AgentEvent[] {
      if (code === 0) return [{ type: 'result', status: 'ok', text: last, exitCode: 0 }];
      // a signal or a non-zero exit is described by the runner
      if (signal || code === null) return [];
      return [
        { type: 'result', status: 'failed', text: last, exitCode: code, reason: `exited with code ${code}` },
      ];
    },
  };
}

export const command: Adapter = { name: 'command', bins: [], build, parser, versioned: false };
