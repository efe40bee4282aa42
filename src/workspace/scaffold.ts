// The files of the method layout (METHOD section 2), rendered for one product: the templates,
// the config file, the empty feature folders and the .gitignore block. Used by init and demo.
import { commandsRegion } from '../core/commands-table.js';
import { readTemplates, renderTemplate } from './templates.js';

export interface ScaffoldAnswers {
  product: string;
  testCommand?: string;
  stagingDeployCommand?: string;
  deployCommand?: string;
  healthCommand?: string;
  logsCommand?: string;
}

export interface ScaffoldFile {
  path: string;
  content: string;
}

export const GITIGNORE_MARKER = '# >>> killdate';
export const GITIGNORE_BLOCK = `${GITIGNORE_MARKER}: machine-local run state and transcripts\n.killdate/\n# <<< killdate\n`;

/** True when a .gitignore already has the block, or already ignores .killdate/ by itself. */
export function gitignoreHasBlock(text: string): boolean {
  return text.includes(GITIGNORE_MARKER) || /^\/?\.killdate\/?\s*$/m.test(text);
}

const COMMANDS = [
  ['testCommand', 'test', 'runs the test suite'],
  ['stagingDeployCommand', 'stagingDeploy', 'deploys to staging'],
  ['deployCommand', 'deploy', 'deploys to production'],
  ['healthCommand', 'health', 'checks production health after a deploy'],
  ['logsCommand', 'logs', 'prints recent production logs'],
] as const;

/** The `{{name}}` values the templates use. */
export function templateValues(a: ScaffoldAnswers, today: string, branch: string): Record<string, string> {
  const values: Record<string, string> = { product: a.product, today, branch };
  const commands: Record<string, string> = {};
  for (const [key, configKey] of COMMANDS) if (a[key]?.trim()) commands[configKey] = a[key]!.trim();
  values.commandsTable = commandsRegion(commands);
  for (const [key, configKey] of COMMANDS) {
    const cmd = a[key]?.trim();
    values[key] = cmd
      ? `\`${cmd.replace(/`/g, "'")}\``
      : key === 'testCommand'
        ? '[YOUR TEST COMMAND]'
        : `not set yet (add \`${configKey}\` under commands in \`killdate.config.yaml\`)`;
  }
  return values;
}

/** killdate.config.yaml: the product and the commands given; the others as comments. */
export function configText(a: ScaffoldAnswers): string {
  const set: string[] = [];
  const unset: string[] = [];
  for (const [key, configKey, what] of COMMANDS) {
    const cmd = a[key]?.trim();
    if (cmd) set.push(`  ${configKey}: ${JSON.stringify(cmd)}  # ${what}`);
    else unset.push(`  # ${configKey}: <command that ${what}>`);
  }
  return [
    '# killdate settings. Every key is optional; paths default to the layout killdate init wrote.',
    'version: 1',
    `product: ${JSON.stringify(a.product)}`,
    set.length ? 'commands:' : 'commands: {}',
    ...set,
    ...(unset.length ? ['  # Not set yet:', ...unset] : []),
    '',
  ].join('\n');
}

/** Every file of the layout except .gitignore (which is appended to, not created). */
export function scaffoldFiles(a: ScaffoldAnswers, today: string, branch: string): ScaffoldFile[] {
  const values = templateValues(a, today, branch);
  const files = readTemplates().map((t) => ({
    path: t.target,
    content: renderTemplate(t.text, values, t.source),
  }));
  files.push(
    { path: 'killdate.config.yaml', content: configText(a) },
    { path: 'feature-builds/_iterations/.gitkeep', content: '' },
    { path: 'feature-builds/_completed/.gitkeep', content: '' },
  );
  return files.sort((x, y) => (x.path < y.path ? -1 : 1));
}
