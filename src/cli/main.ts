// argv -> the one command that runs -> exit code. Only this file's caller calls process.exit.
import { Command, CommanderError, Help } from 'commander';
import { KilldateError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { commands } from './commands.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('killdate')
    .version(VERSION, '-V, --version')
    .description('Enforces the killdate method: gates, runbooks, the handoff loop and kill dates.')
    .option('-C, --cwd <dir>', 'run in this folder (the workspace is its git top level)')
    .showHelpAfterError('(run killdate --help for usage)')
    .configureHelp({ optionDescription: requiredMarked })
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const name = argv.find((a) => !a.startsWith('-') && !isOptionValue(argv, a));
  const wanted = commands.filter((c) => c.name === name);
  try {
    for (const entry of wanted.length ? wanted : commands) (await entry.load()).register(program);
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return await report(e);
  }
}

const plainHelp = new Help();

/** Options a command cannot run without say so in --help. */
function requiredMarked(o: Parameters<Help['optionDescription']>[0]): string {
  const text = plainHelp.optionDescription(o);
  return o.mandatory ? `${text} (required)` : text;
}

function isOptionValue(argv: string[], a: string): boolean {
  const i = argv.indexOf(a);
  return i > 0 && (argv[i - 1] === '-C' || argv[i - 1] === '--cwd');
}

/**
 * The error, on stderr, through the redactor: a message can carry a subprocess's own words
 * (git's stderr). The redactor loads here only, never on a command that succeeds. Every line
 * after the first is indented: a line break in a name an agent chose cannot start a line that
 * reads as killdate's own.
 */
export async function report(e: unknown): Promise<number> {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  const { redact } = await import('../agents/redact.js');
  const say = (text: string) => process.stderr.write(redact(text));
  const indented = (text: string) => text.replace(/\r?\n/g, '\n  ');
  if (e instanceof KilldateError) {
    say(`killdate: ${indented(e.message)}\n${e.hint ? `  hint: ${indented(e.hint)}\n` : ''}`);
    return e.exitCode;
  }
  const err = e as Error;
  say(`killdate: internal error: ${indented(err?.message ?? String(e))}\n`);
  if (process.env.KILLDATE_DEBUG) say(`${err?.stack ?? ''}\n`);
  return 3;
}
