// `killdate end`: write today's log entry (from flags, or asked on a terminal), check the session
// can end, print the one-line git summary. `--check` only checks; as a Claude Code Stop hook
// (JSON on stdin) a refusal exits 2 with the reason on stderr, unless stop_hook_active says the
// hook already sent the agent back once (no loop).
import type { Command } from 'commander';
import { end } from '../../api/end.js';
import { KilldateError } from '../../core/errors.js';
import { dim, globalCwd, printJson, yellow } from '../output.js';
import { prompts } from '../prompts.js';

interface EndOpts {
  did?: string;
  decided?: string;
  resume: string[];
  branch?: string;
  check?: boolean;
  json?: boolean;
  today?: string;
}

export function register(program: Command): void {
  program
    .command('end')
    .description("Write today's session log entry, check the session can end, print the git summary")
    .option(
      '--did <text>',
      "what happened this session (2-3 sentences); added to today's entry if there is one",
    )
    .option('--decided <text>', 'what was decided')
    .option(
      '--resume <step>',
      'a numbered RESUME HERE step (repeat for each)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--branch <name>', 'the branch to record (default: the current one)')
    .option(
      '--check',
      'only check (usable as a Claude Code Stop hook); exit 1, or 2 as a hook, when the session cannot end',
    )
    .option('--today <date>', 'the date of the entry (YYYY-MM-DD)')
    .option('--json', 'print one JSON document')
    .action(async (o: EndOpts, cmd: Command) => {
      const hook = o.check ? await readHookInput() : undefined;
      const entry = o.check ? undefined : await entryFrom(o);
      const r = await end({ cwd: hook?.cwd ?? globalCwd(cmd), today: o.today, ...(entry ? { entry } : {}) });
      if (hook) {
        if (!r.ok && !hook.stop_hook_active) {
          process.stderr.write(
            `killdate: the session cannot end yet:\n${r.problems.map((p) => `- ${p}`).join('\n')}\n`,
          );
          process.exitCode = 2;
        }
        return;
      }
      if (o.json) printJson(r);
      else {
        if (r.written)
          process.stdout.write(
            `log entry ${r.written.how === 'updated' ? "updated (today's)" : 'written'}: ${r.written.file}:${r.written.line}\n`,
          );
        for (const p of r.problems) process.stdout.write(`${yellow('refused')}  ${p}\n`);
        for (const m of r.reminders) process.stdout.write(`${dim('reminder')} ${m}\n`);
        if (r.gitSummary) process.stdout.write(`${r.gitSummary}\n`);
      }
      process.exitCode = r.ok ? 0 : 1;
    });
}

async function entryFrom(o: EndOpts) {
  if (o.did || o.decided || o.resume.length)
    return { did: o.did, decided: o.decided, resume: o.resume, branch: o.branch };
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new KilldateError(
      'USAGE',
      'end needs --did "what happened" when not on a terminal',
      'or run killdate end --check to only check',
    );
  const p = await prompts();
  const ask = async (message: string, required: boolean) => {
    const v = await p.text({
      message,
      ...(required ? { validate: (x?: string) => (x?.trim() ? undefined : 'required') } : {}),
    });
    if (p.isCancel(v)) throw new KilldateError('INTERRUPTED', 'cancelled');
    return String(v ?? '').trim();
  };
  const did = await ask('What happened this session (2-3 sentences)?', true);
  const decided = await ask('Anything decided? (empty for none)', false);
  const steps = await ask('Next steps for RESUME HERE, separated by ";" (empty when done)', false);
  return {
    did,
    decided: decided || undefined,
    resume: steps
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean),
    branch: o.branch,
  };
}

interface HookInput {
  hook_event_name?: string;
  stop_hook_active?: boolean;
  cwd?: string;
}

/** The Stop hook's JSON on stdin, when stdin is a pipe that carries it (1 s at most). */
async function readHookInput(): Promise<HookInput | undefined> {
  if (process.stdin.isTTY) return undefined;
  const text = await new Promise<string>((resolve) => {
    let data = '';
    const done = () => resolve(data);
    const timer = setTimeout(done, 1000);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d: string) => {
      data += d;
    });
    process.stdin.on('end', () => {
      clearTimeout(timer);
      done();
    });
    process.stdin.on('error', done);
  });
  process.stdin.destroy();
  try {
    const v = JSON.parse(text) as HookInput;
    return v &&
      typeof v === 'object' &&
      (v.hook_event_name === 'Stop' || v.hook_event_name === 'SubagentStop' || 'stop_hook_active' in v)
      ? v
      : undefined;
  } catch {
    return undefined;
  }
}
