// The rule runner and the config validator, loaded: imported by what runs rules anyway
// (signoff), and by status only when its cached findings do not hold (api/findings.ts).
import { onlyFolder, runRules } from '../core/check.js';
import { configLineOf, type LoadedConfig, loadConfig } from '../workspace/config.js';

export interface Rules {
  runRules: typeof runRules;
  onlyFolder: typeof onlyFolder;
  loadConfig(root: string): LoadedConfig;
  configLineOf(root: string, path: string[]): number | undefined;
}

export const rules: Rules = { runRules, onlyFolder, loadConfig, configLineOf };
