// Codex runs a project hook only when the hash saved for it in the user's config.toml
// (`[hooks.state."<hooks.json>:<event>:<group>:<handler>"] trusted_hash`) equals the hook's
// hash now. The hash, as Codex 0.171 computes it (codex-rs/hooks/src/engine/discovery.rs,
// `version_for_toml` in codex-rs/config/src/fingerprint.rs): SHA-256 of the JSON, keys sorted and
// no spaces, of the event, the group's matcher and the one handler with Codex's defaults filled
// in (timeout 600, at least 1; async false); unset fields are left out. Checked against the real
// binary's `hooks/list` in test/hooks/codex.test.ts.
import { createHash } from 'node:crypto';

export interface CodexHandler {
  command: string;
  timeout?: unknown;
  async?: unknown;
  statusMessage?: unknown;
}

const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;

/** The hash Codex keeps for a command hook (`event` as Codex labels it, e.g. `pre_tool_use`). */
export function codexHookHash(event: string, matcher: unknown, h: CodexHandler): string {
  const timeout = typeof h.timeout === 'number' ? Math.max(1, h.timeout) : 600;
  const handler = {
    type: 'command',
    command: h.command,
    timeout,
    async: h.async === true,
    ...(typeof h.statusMessage === 'string' ? { statusMessage: h.statusMessage } : {}),
  };
  const identity = {
    event_name: event,
    ...(typeof matcher === 'string' ? { matcher } : {}),
    hooks: [handler],
  };
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(sorted(identity)))
    .digest('hex')}`;
}
