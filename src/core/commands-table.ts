// The deploy-commands table of AGENTS.md and SHIP-TO-PROD.md, generated from the config's
// `commands` between markers, so it never goes stale: `context sync` rewrites the region and
// `context sync --check` reports it out of date. A document without the markers is not touched.
import type { Config } from './config.js';

export const SHIP_TO_PROD = 'project-management/SHIP-TO-PROD.md';
export const COMMANDS_OPEN = '<!-- killdate:commands from killdate.config.yaml -->';
export const COMMANDS_CLOSE = '<!-- /killdate:commands -->';

type Commands = Config['commands'];

const ROWS: [label: string, key: keyof Commands, when?: (c: Commands) => boolean][] = [
  ['Tests', 'test'],
  ['Staging deploy', 'stagingDeploy', (c) => !c.stagingUp],
  ['Staging up', 'stagingUp', (c) => !!c.stagingUp],
  ['Staging tests', 'stagingTest', (c) => !!c.stagingTest],
  ['Staging down', 'stagingDown', (c) => !!c.stagingDown],
  ['Production deploy', 'deploy'],
  ['Health check', 'health'],
  ['Production logs', 'logs'],
];

/** The table, from the commands set in the config (an unset one says where to set it). */
export function commandsTable(c: Commands): string {
  const rows = ROWS.filter(([, , when]) => !when || when(c)).map(([label, key]) => {
    const cmd = c[key]?.trim();
    const cell = cmd
      ? `\`${cmd.replace(/`/g, "'").replace(/\|/g, '\\|')}\``
      : key === 'test'
        ? '[YOUR TEST COMMAND]'
        : `not set yet (\`commands.${key}\` in \`killdate.config.yaml\`)`;
    return `| ${label} | ${cell} |`;
  });
  return ['| Step | Command |', '|---|---|', ...rows].join('\n');
}

/** The table with its markers, as a template writes it. */
export function commandsRegion(c: Commands): string {
  return `${COMMANDS_OPEN}\n${commandsTable(c)}\n${COMMANDS_CLOSE}`;
}

/**
 * The text with its commands region set to the table; the text unchanged when it has no
 * region. Throws on an unpaired marker.
 */
export function withCommandsTable(text: string, c: Commands): string {
  const open = text.indexOf(COMMANDS_OPEN);
  const close = text.indexOf(COMMANDS_CLOSE, Math.max(open, 0));
  if (open < 0 && close < 0) return text;
  if (open < 0 || close < 0) throw new Error('an unpaired killdate:commands marker');
  return text.slice(0, open) + commandsRegion(c) + text.slice(close + COMMANDS_CLOSE.length);
}
