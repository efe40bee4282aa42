// The agent layer's API for the handoff loop.
export type { Adapter, BuildOptions, Invocation } from './adapter.js';
export { adapters, parseOutput } from './adapters.js';
export type { AgentEvent, Profile, Role, Usage } from './events.js';
export { finalResult, totalUsage } from './events.js';
export { redact } from './redact.js';
export { agentVersion, newRunId, type RunAgentOptions, type RunResult, runAgent } from './run.js';
export { runsDir } from './transcript.js';
export type { FailureKind, RunStatus } from './verdict.js';
