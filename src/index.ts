// The library: the same api every front calls.
export { type CheckOptions, type CheckResult, check } from './api/check.js';
export { type DemoOptions, type DemoResult, demo } from './api/demo.js';
export { type InitOptions, type InitResult, init } from './api/init.js';
export type { Config } from './core/config.js';
export { KilldateError } from './core/errors.js';
export type { Finding, Severity } from './core/finding.js';
export { rules } from './core/rules/index.js';
