// The library: the same api every front calls.
export { type RunAgentOptions, type RunResult, runAgent } from './agents/index.js';
export { type CheckOptions, type CheckResult, check } from './api/check.js';
export { accept, approve, type DecideResult, reject, revert } from './api/decide.js';
export { type DemoOptions, type DemoResult, demo } from './api/demo.js';
export { type InitOptions, type InitResult, init } from './api/init.js';
export { claudeMarketplace, claudePluginManifest } from './api/plugin.js';
export { type RunFeatureResult, type RunOptions, resume, run, runs } from './api/run.js';
export { type RunAllResult, runAll } from './api/run-all.js';
export { runRules } from './core/check.js';
export { type Config, configSchema } from './core/config.js';
export { configJsonSchema } from './core/config-schema.js';
export { KilldateError } from './core/errors.js';
export { EXAMPLE_TODAY, exampleWorkspace } from './core/example.js';
export type { Finding, Severity } from './core/finding.js';
export type { Rule } from './core/rule.js';
export { rules } from './core/rules/index.js';
export { VERSION } from './version.js';
export { openWorkspace } from './workspace/load.js';
