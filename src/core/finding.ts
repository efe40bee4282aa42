// The one finding type, printed by the CLI, returned as JSON, served over MCP and shown on
// the dashboard.
import { byCodeUnit } from './order.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  rule: string;
  severity: Severity;
  /** what was found and what was expected */
  message: string;
  /** workspace-relative path, forward slashes */
  file: string;
  line?: number;
  column?: number;
  /** a short hint on how to fix it */
  fix?: string;
}

export interface FindingSummary {
  errors: number;
  warnings: number;
  files: number;
}

export function summarise(findings: Finding[]): FindingSummary {
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { errors, warnings: findings.length - errors, files: new Set(findings.map((f) => f.file)).size };
}

export function byFileAndLine(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || byCodeUnit(a.rule, b.rule);
}
